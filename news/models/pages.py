from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock
from gallery.models import GalleryItem
from gallery.renditions import with_gallery_renditions
from news.archive import ArchiveBrowsing
from news.search.fields import ANALYSED_FIELDS, SearchableRelease

from ..querysets import NewsArticleQuerySet


class HomePage(Page):
    """The front page of one language: the latest releases and the way into the archive."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = NewsArticlePage.objects.for_listing(self.locale)[:6]
        context["archive"] = NewsIndexPage.objects.live().filter(locale=self.locale).first()
        return context


class NewsIndexPage(ArchiveBrowsing, RoutablePageMixin, Page):
    """The archive of releases in one language: newest first, a page at a time."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = NewsArticlePage.objects.for_listing(self.locale).child_of(self)
        paginator = Paginator(articles, settings.NEWS_PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context["articles"] = page
        context["paginator"] = paginator
        context["years"] = self.archive_years()
        return context


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticleGalleryItem(GalleryItem):
    """One photo of a release's gallery, in the order the editor gave it."""

    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="gallery_items"
    )


class RelatedArticle(Orderable):
    page = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    article = models.ForeignKey(
        "news.NewsArticlePage",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related release")
        verbose_name_plural = _("related releases")


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class NewsArticlePage(SearchableRelease, Page):
    """A press release: written in Russian by a press officer, translated into English."""

    date = models.DateField(_("publication date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum up the release"))
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)
    partner_cities = ParentalManyToManyField(
        "news.PartnerCity", verbose_name=_("partner cities"), blank=True, related_name="+"
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=NewsArticleTag, blank=True)

    objects = NewsArticleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("partner_cities"), FieldPanel("tags")], heading=_("Classification")
        ),
        # Several photos chosen at once, then captioned and reordered by drag and drop.
        MultipleChooserPanel(
            "gallery_items", chooser_field_name="image", heading=_("Gallery"), label=_("Photo")
        ),
        InlinePanel("related_links", heading=_("Related releases"), label=_("Release")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
        *ANALYSED_FIELDS,
    ]

    # Cities are shared records shown in the reader's language (see `cities`).
    override_translatable_fields = [SynchronizedField("partner_cities")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    @cached_property
    def gallery(self):
        items = self.gallery_items.all()
        # Listings prefetch the items already; a release page also needs the renditions.
        if "gallery_items" not in getattr(self, "_prefetched_objects_cache", {}):
            items = with_gallery_renditions(items)
        return list(items)

    @property
    def lead_image(self):
        return self.gallery[0].image if self.gallery else None

    @cached_property
    def cities(self):
        """Partner cities in the page's own language, falling back to the source record."""
        cities = list(self.partner_cities.all())
        if not cities:
            return []
        by_key = {
            city.translation_key: city
            for city in type(cities[0]).objects.filter(
                translation_key__in=[c.translation_key for c in cities], locale_id=self.locale_id
            )
        }
        return [by_key.get(city.translation_key, city) for city in cities]

    @cached_property
    def related_articles(self):
        """Related releases that are live in this page's language."""
        keys = [link.article.translation_key for link in self.related_links.all()]
        found = {
            page.translation_key: page
            for page in NewsArticlePage.objects.for_listing(self.locale).filter(
                translation_key__in=keys
            )
        }
        return [found[key] for key in keys if key in found]
