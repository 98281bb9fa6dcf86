from django.db.models import Prefetch

from wagtail.query import PageQuerySet


class NewsArticleQuerySet(PageQuerySet):
    def for_listing(self, locale):
        """Live, public releases of one language, newest first, ready for a listing."""
        from .models import NewsArticleGalleryItem

        return (
            self.live()
            .public()
            .filter(locale=locale)
            .select_related("locale")
            .prefetch_related(
                Prefetch(
                    "gallery_items",
                    queryset=NewsArticleGalleryItem.objects.select_related("image"),
                ),
                "partner_cities",
            )
            .order_by("-date", "-first_published_at", "-pk")
        )
