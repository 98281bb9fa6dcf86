from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock, BodyFormField
from core.public_urls import public_root
from gallery.models import GalleryItem, PhotoCredit
from gallery.panels import GalleryPanel
from gallery.renditions import with_gallery_renditions
from news.caching.generations import depend_on_releases
from news.caching.memo import release_stamps
from news.models.archive import ArchiveBrowsing, ListingPaginator
from news.models.querysets import NewsArticleQuerySet, PublicPageQuerySet
from news.models.release_form import ReleaseFormRules
from news.models.searchable import ANALYSED_FIELDS, KeptSearchField, SearchableRelease
from news.models.snippets import PartnerCity, Topic
from news.models.tagging import TopicsField
from news.text.slugs import SlugInput, slug_for

PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


class DraftCopyForm(CopyForm):
    """Wagtail's copy form without "Publish copies": a copy goes live through approval, or
    through a forced publication with its reason, like any other version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        # The copy's address is written by the rule of every other slug field.
        self.fields["new_slug"].widget = SlugInput(locale=self.page.locale)


class PublicRouting:
    """Reaches a child page in one query, already of its own type and with its locale.

    Wagtail's `Page.route` loads the generic child, then its specific row, then (in the
    view restriction check) every ancestor again: five queries more per page view than
    needed, and release pages are the ones readers open most.
    """

    def route(self, request, path_components):
        # Only where one page type may sit below; any other child goes through Wagtail.
        child_models = type(self).allowed_subpage_models()
        if path_components and len(child_models) == 1:
            child = (
                child_models[0]
                .objects.children_with_restriction_flag(self)
                .filter(slug=path_components[0])
                .select_related("locale")
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        # Known from the routing query: no restriction on this page or above it.
        if getattr(self, "restricted_or_alias", None) is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(PublicRouting, Page):
    """The front page of one language: the latest releases and the way into the archive."""

    copy_form_class = DraftCopyForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.NewsIndexPage"]

    objects = PublicPageManager()

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = NewsArticlePage.objects.for_listing(self.locale)[:6]
        context["archive"] = NewsIndexPage.objects.live().filter(locale=self.locale).first()
        return context


class NewsIndexPage(ArchiveBrowsing, RoutablePageMixin, PublicRouting, Page):
    """The archive of releases in one language: newest first, a page at a time."""

    copy_form_class = DraftCopyForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    objects = PublicPageManager()

    class Meta:
        verbose_name = _("news archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        years = self.archive_years()
        paginator = ListingPaginator(self.releases(), settings.NEWS_PAGE_SIZE)
        # Every release of the archive is in one of its years: the number behind the pages
        # is their sum, where counting again would read the whole archive a second time on
        # the first view after each publication.
        paginator.count = sum(count for _year, count in years)
        # Lazy: the year, month and city listings render this page with their own releases.
        context["articles"] = SimpleLazyObject(lambda: _page_of(paginator, request))
        context["paginator"] = paginator
        context["years"] = years
        return context


def _page_of(paginator, request):
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


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


class NewsArticlePageForm(ReleaseFormRules, WagtailAdminPageForm):
    class Meta(WagtailAdminPageForm.Meta):
        field_classes = {"body": BodyFormField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable default makes Django compare the date with a hidden initial value
        # that Wagtail's panels never render, so every save counted as an edit: approving
        # from the editor saved a new revision and restarted the approval in the
        # approver's name, which nobody may then approve.
        self.fields["date"].show_hidden_initial = False
        if "tags" in self.fields:
            # Tags are picked by name among the release's language's tags, and a new name
            # makes a new tag there (see TopicsField).
            locale = self.instance.locale if self.instance.locale_id else Locale.get_default()
            self.fields["tags"] = TopicsField(
                locale=locale, label=self.fields["tags"].label, required=False
            )
        self.incomplete_formsets = [
            name for name, formset in self.formsets.items() if self._clamp_rows(formset)
        ]

    def _clamp_rows(self, formset):
        """Count only the rows a formset was sent; True if it announced more.

        The editor's own page always sends every row it counts. A post that announces rows
        it does not send would reach Wagtail's gallery panel as rows without an order, which
        it cannot show again (a server error instead of the form).
        """
        if not formset.is_bound:
            return False
        total_key = f"{formset.prefix}-TOTAL_FORMS"
        try:
            announced = int(formset.data.get(total_key, 0))
        except (TypeError, ValueError):
            return False  # the formset itself reports a broken management form
        sent = {
            key[len(formset.prefix) + 1 :].split("-", 1)[0]
            for key in formset.data
            if key.startswith(f"{formset.prefix}-")
        }
        rows = 0
        while str(rows) in sent and rows < announced:
            rows += 1
        if rows == announced:
            return False
        data = formset.data.copy()
        data[total_key] = str(rows)
        formset.data = data
        return True

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        field = self.fields["tags"]
        user = self.for_user
        if field.new_names(names) and user is not None and not user.has_perm("news.add_topic"):
            raise ValidationError(
                _("You may only choose existing tags: %(names)s is new."),
                params={"names": ", ".join(field.new_names(names))},
            )
        return names

    def save(self, commit=True):
        if "tags" in self.fields:
            # New tags are made only now, once the whole form is valid.
            self.cleaned_data["tags"] = Topic.named(
                self.cleaned_data["tags"], self.fields["tags"].locale
            )
        return super().save(commit=commit)

    def clean(self):
        cleaned_data = super().clean()
        if self.incomplete_formsets:
            self.add_error(
                None, _("Part of the form was not sent. Reload the page and try again.")
            )
        return cleaned_data


class NewsArticlePage(PublicRouting, SearchableRelease, Page):
    """A press release: written in Russian by a press officer, translated into English."""

    copy_form_class = DraftCopyForm

    date = models.DateField(_("publication date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum up the release"))
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)
    partner_cities = ParentalManyToManyField(
        "news.PartnerCity", verbose_name=_("partner cities"), blank=True, related_name="+"
    )
    tags = ParentalManyToManyField(
        "news.Topic", verbose_name=_("tags"), blank=True, related_name="+"
    )

    objects = NewsArticleManager()
    base_form_class = NewsArticlePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("partner_cities"), FieldPanel("tags")], heading=_("Classification")
        ),
        # Several photos chosen at once, then captioned and put in order.
        GalleryPanel(
            "gallery_items", chooser_field_name="image", heading=_("Gallery"), label=_("Photo")
        ),
        InlinePanel("related_links", heading=_("Related releases"), label=_("Release")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        KeptSearchField("body"),
        index.FilterField("date"),
        *ANALYSED_FIELDS,
    ]

    # Cities and tags are shared records shown in the reader's language (see `cities`
    # and `tag_list`): a translation links the same records as its source.
    override_translatable_fields = [SynchronizedField("partner_cities"), SynchronizedField("tags")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        # Listings show the newest releases first: with the date indexed the database reads
        # them in order and stops at the page's last, instead of sorting the whole archive
        # (about 0.8 s for a home page at 100,000 pairs on PostgreSQL).
        indexes = [models.Index(fields=["date"], name="news_release_date")]

    def full_clean(self, *args, **kwargs):
        # Wagtail makes a missing address with Django's slugify, which drops every Russian
        # letter; a release made without one (in code, by a script) gets the admin's rule.
        parent_is_known = self.path or getattr(self, "_cached_parent_obj", None)
        if not self.slug and parent_is_known and slug_for(self.title):
            self.slug = self._get_autogenerated_slug(slug_for(self.title))
        super().full_clean(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # Besides itself the page shows its translations (the language switch) and the
            # titles of related releases, linked whether or not they are live yet.
            def releases():
                related = RelatedArticle.objects.filter(page_id=self.pk)
                return [
                    self.translation_key,
                    *related.values_list("article__translation_key", flat=True),
                ]

            depend_on_releases(response, releases)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the template's kept fragments are keyed on; previews never read them.
        stamps = release_stamps(self.translation_key)
        # The links in them are absolute, on the host the reader came to where no public
        # address is set (core.public_urls).
        reader = f"{get_language()}|{public_root(request)}"
        context["kept"] = {name: f"{reader}|{stamp}" for name, stamp in stamps.items()}
        context["kept"]["seconds"] = settings.CACHE_MIDDLEWARE_SECONDS
        return context

    @cached_property
    def gallery(self):
        items = self.gallery_items.all()
        # Listings prefetch the items already; a release page also needs the renditions,
        # and each photo's credit in the page's language (`item.credit`).
        if "gallery_items" in getattr(self, "_prefetched_objects_cache", {}):
            return list(items)
        if isinstance(items, FakeQuerySet):
            # A preview or a revision holds its items in memory, where nothing is annotated.
            items = list(items)
            shown = PhotoCredit.localize([item.image.credit for item in items], self.locale_id)
            for item in items:
                item.credit = shown.get(item.image.credit_id)
            return items
        items = list(
            with_gallery_renditions(items).annotate(
                credit_name=PhotoCredit.name_in(self.locale_id)
            )
        )
        for item in items:
            item.credit = PhotoCredit.shown(item.image.credit, item.credit_name, self.locale_id)
        return items

    @property
    def lead_image(self):
        return self.gallery[0].image if self.gallery else None

    @cached_property
    def cities(self):
        """Partner cities in the page's own language, falling back to the source record."""
        linked = self.partner_cities.all()
        prefetched = "partner_cities" in getattr(self, "_prefetched_objects_cache", {})
        if prefetched or isinstance(linked, FakeQuerySet) or self.pk is None:
            # Listings prefetch the links; previews hold them in memory and may show a
            # city still awaiting approval, readers may not.
            cities = [city for city in linked if city.live or not prefetched]
            if not cities:
                return []
            model = type(cities[0])
            versions = model.objects.filter(
                translation_key__in=[c.translation_key for c in cities], locale_id=self.locale_id
            )
        else:
            # A release page: the links and their translations in one query.
            through = type(self).partner_cities.through
            is_linked = Exists(
                through.objects.filter(newsarticlepage_id=self.pk, partnercity_id=OuterRef("pk"))
            )
            rows = list(
                PartnerCity.objects.live()
                .filter(translation_key__in=Subquery(linked.values("translation_key")))
                .annotate(is_linked=is_linked)
                .filter(Q(is_linked=True) | Q(locale_id=self.locale_id))
                .select_related("locale")
            )
            cities = [city for city in rows if city.is_linked]
            versions = [city for city in rows if city.locale_id == self.locale_id]
        by_key = {city.translation_key: city for city in versions}
        return [by_key.get(city.translation_key, city) for city in cities]

    @classmethod
    def localize_cities(cls, pages):
        """Sets `cities` on listed releases (partner cities prefetched) in one query."""
        linked = {
            page.pk: [city for city in page.partner_cities.all() if city.live] for page in pages
        }
        keys = {city.translation_key for cities in linked.values() for city in cities}
        locales = {page.locale_id for page in pages}
        versions = {
            (city.locale_id, city.translation_key): city
            for city in PartnerCity.objects.live().filter(
                translation_key__in=keys, locale_id__in=locales
            )
        }
        for page in pages:
            page.cities = [
                versions.get((page.locale_id, city.translation_key), city)
                for city in linked[page.pk]
            ]
        return pages

    @cached_property
    def tag_list(self):
        """Tags in the page's own language, falling back to the source record; read once
        for both the page and its metadata."""
        linked = self.tags.all()
        prefetched = "tags" in getattr(self, "_prefetched_objects_cache", {})
        if prefetched or isinstance(linked, FakeQuerySet) or self.pk is None:
            type(self).localize_tags([self])
            return self.__dict__["tag_list"]
        # A release page: the links and their translations in one query.
        through = type(self).tags.through
        is_linked = Exists(
            through.objects.filter(newsarticlepage_id=self.pk, topic_id=OuterRef("pk"))
        )
        rows = list(
            Topic.objects.live()
            .filter(translation_key__in=Subquery(linked.values("translation_key")))
            .annotate(is_linked=is_linked)
            .filter(Q(is_linked=True) | Q(locale_id=self.locale_id))
            .select_related("locale")
        )
        by_key = {
            topic.translation_key: topic for topic in rows if topic.locale_id == self.locale_id
        }
        shown = [by_key.get(topic.translation_key, topic) for topic in rows if topic.is_linked]
        return sorted(shown, key=lambda topic: topic.name.lower())

    @classmethod
    def localize_tags(cls, pages):
        """Sets `tag_list` on releases (tags prefetched or held in memory) in one query."""
        # A tag added in the admin shows once an editor has approved it, previews included.
        linked = {id(page): [tag for tag in page.tags.all() if tag.live] for page in pages}
        keys = {topic.translation_key for topics in linked.values() for topic in topics}
        locales = {page.locale_id for page in pages}
        versions = {}
        if keys:
            versions = {
                (topic.locale_id, topic.translation_key): topic
                for topic in Topic.objects.live().filter(
                    translation_key__in=keys, locale_id__in=locales
                )
            }
        for page in pages:
            page.tag_list = sorted(
                (versions.get((page.locale_id, t.translation_key), t) for t in linked[id(page)]),
                key=lambda topic: topic.name.lower(),
            )
        return pages

    @cached_property
    def related_articles(self):
        """Related releases that are live in this page's language, in the editor's order."""
        links = self.related_links.all()
        live = NewsArticlePage.objects.live().public().filter(locale_id=self.locale_id)
        if isinstance(links, FakeQuerySet) or self.pk is None:
            # A preview: the links are not saved yet.
            keys = [link.article.translation_key for link in links]
            found = {page.translation_key: page for page in live.filter(translation_key__in=keys)}
            return [found[key] for key in keys if key in found]
        saved = RelatedArticle.objects.filter(page_id=self.pk)
        position = saved.filter(article__translation_key=OuterRef("translation_key"))
        return list(
            live.filter(translation_key__in=Subquery(saved.values("article__translation_key")))
            .annotate(position=Subquery(position.values("sort_order")[:1]))
            .order_by("position", "pk")
        )
