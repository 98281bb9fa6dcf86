from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def _self_or_ancestor(model):
    """Rows of `model` whose page is the outer page or one of its ancestors.

    Materialised paths make "is an ancestor" a prefix test, so this stays inside the
    outer query instead of loading every restriction first, as Wagtail's `public()` does.
    """
    field = "path" if model is Page else "page__path"
    return model.objects.filter(**{field: Substr(OuterRef("path"), 1, Length(field))})


def restricted():
    """True for pages under a view restriction (password, login or group)."""
    return Exists(_self_or_ancestor(PageViewRestriction))


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        return Q(restricted())

    def with_restriction_flag(self):
        """Marks pages that neither are, nor sit under, a restricted page or an alias.

        Such pages skip the extra queries of Wagtail's view restriction check (see
        `QuickRestrictionCheck`); an alias's restrictions are those of its source, so
        aliases take Wagtail's own path.
        """
        return self.annotate(
            restricted_or_alias=Exists(
                _self_or_ancestor(Page).filter(
                    Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False)
                )
            )
        )


class NewsArticleQuerySet(PublicPageQuerySet):
    def for_listing(self, locale):
        """Live, public releases of one language, newest first, ready for a listing."""
        from gallery.renditions import LISTING_SPECS

        from .models import NewsArticleGalleryItem

        return (
            self.live()
            .public()
            .filter(locale=locale)
            .select_related("locale")
            .prefetch_related(
                Prefetch(
                    "gallery_items",
                    # Cards and feed enclosures draw the lead photo: its renditions come along.
                    queryset=NewsArticleGalleryItem.objects.select_related(
                        "image"
                    ).prefetch_related(
                        Prefetch(
                            "image__renditions",
                            queryset=_renditions(LISTING_SPECS),
                            to_attr="prefetched_renditions",
                        )
                    ),
                ),
            )
            .order_by("-date", "-first_published_at", "-pk")
        )


def _renditions(specs):
    from gallery.models import NewsRendition

    return NewsRendition.objects.filter(filter_spec__in=specs)
