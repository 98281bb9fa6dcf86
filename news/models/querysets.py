from django.db import connections
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from gallery.models import NewsRendition
from gallery.renditions import LISTING_SPECS


def _under(restriction_path):
    """Restrictions on the outer page or one of its ancestors.

    Materialised paths make "is an ancestor" a prefix test, so this stays inside the
    outer query instead of loading every restriction first, as Wagtail's `public()` does.
    """
    return PageViewRestriction.objects.alias(restriction_path=restriction_path).filter(
        restriction_path=Substr(OuterRef("path"), 1, Length("restriction_path"))
    )


def restricted():
    """True for pages under a view restriction (password, login or group), row by row.

    For annotations, read on the rows a query returns. Each restriction's path is read by
    primary key, not joined: autovacuum seldom analyses so small a table, and PostgreSQL,
    planning the join blind, scanned the page table for every row.
    """
    return Exists(
        _under(Subquery(Page.objects.filter(pk=OuterRef("page_id")).order_by().values("path")))
    )


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        # Joined here: in the anti-join `public()` makes, restrictions meet their pages
        # once per query, while the lookups of `restricted()` would be costed for every
        # page and restriction pair, swamping the rest of the plan.
        return Q(Exists(_under(F("page__path"))))

    def children_with_restriction_flag(self, parent):
        """Children of `parent`, marked if they are, or sit under, a restricted page or an alias.

        Unmarked pages skip the extra queries of Wagtail's view restriction check (see
        `PublicRouting`); an alias's restrictions are those of its source, so aliases
        take Wagtail's own path. The ancestors are known from `parent`: looked up by
        path, they cost a few index probes whatever the size of the tree.
        """
        above = Page.objects.filter(
            path__in=[
                parent.path[:end]
                for end in range(Page.steplen, len(parent.path) + 1, Page.steplen)
            ]
        )
        marked = Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False)
        return self.child_of(parent).annotate(
            restricted_or_alias=ExpressionWrapper(
                Q(alias_of__isnull=False)
                | Q(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
                | Q(Exists(above.filter(marked))),
                output_field=BooleanField(),
            )
        )


# Newest first; releases of one day in the order they were first published.
LISTING_ORDER = ("-date", "-first_published_at", "-pk")


class NewsArticleQuerySet(PublicPageQuerySet):
    # A city or tag is tested with a subquery, not a join: a join may repeat a release and
    # then needs DISTINCT, which makes the database sort every match before it can return
    # the newest few (a second at 100,000 pairs), where the date index gives them in order.
    def in_city(self, slug):
        """Releases linked to the partner city `slug` (shared by its translations)."""
        # The page classes import this module: their own module is read at call time.
        from news.models import NewsArticlePage

        links = NewsArticlePage.partner_cities.through.objects.filter(partnercity__slug=slug)
        return self.filter(pk__in=links.values("newsarticlepage_id"))

    def tagged(self, slugs):
        """Releases with the tag `slugs` (shared by its translations), or any of several."""
        # The page classes import this module: their own module is read at call time.
        from news.models import NewsArticlePage

        if isinstance(slugs, str):
            slugs = [slugs]
        links = NewsArticlePage.tags.through.objects.filter(topic__slug__in=slugs)
        return self.filter(pk__in=links.values("newsarticlepage_id"))

    def carried_tags(self):
        """The tags these releases link, as a Topic queryset (one subquery, no join)."""
        # The page classes import this module: their own module is read at call time.
        from news.models import NewsArticlePage, Topic

        through = NewsArticlePage.tags.through
        links = through.objects.filter(newsarticlepage_id__in=self.order_by().values("pk"))
        return Topic.objects.live().filter(pk__in=links.values("topic_id"))

    def public_tags(self, language=None):
        """Tags of live, public releases only: a draft's or private release's tag is unknown.

        With a language (a code or a Locale), each tag once, in that language when translated.
        """
        carried = self.live().public().carried_tags()
        if language is None:
            return carried
        language = getattr(language, "language_code", language)  # a Locale or its code
        # The page classes import this module: their own module is read at call time.
        from news.models import Topic

        keys = carried.values("translation_key")
        in_language = Q(locale__language_code=language)
        translated = Topic.objects.live().filter(
            in_language, translation_key=OuterRef("translation_key")
        )
        return (
            Topic.objects.live()
            .filter(translation_key__in=keys)
            .filter(in_language | (Q(pk__in=carried.values("pk")) & ~Exists(translated)))
        )

    def for_listing(self, locale):
        """Live, public releases of one language, newest first, ready for a listing."""
        # The page classes import this module: their own module is read at call time.
        from news.models import NewsArticleGalleryItem

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
            .order_by(*LISTING_ORDER)
        )

    def __getitem__(self, k):
        if (
            isinstance(k, slice)
            and k.step is None
            and self.query.order_by == LISTING_ORDER
            and connections[self.db].vendor == "sqlite"
        ):
            return self.filter(pk__in=self._newest_on_sqlite(k))
        return super().__getitem__(k)

    def _newest_on_sqlite(self, k):
        """The ids of this slice of the listing, read from the release date index.

        SQLite's planner, which has no statistics, starts a listing from the page table's
        locale index and sorts every release of the language to return the newest few
        (200 ms at 100,000 pairs). Asked for the releases in date order with the page's
        conditions as a subquery, it walks the date index and stops at the slice's end.
        """
        # The page classes import this module: their own module is read at call time.
        from news.models import NewsArticlePage

        first_published = Page.objects.filter(pk=OuterRef("pk")).values("first_published_at")
        newest = (
            NewsArticlePage.objects.filter(Exists(self.order_by().filter(pk=OuterRef("pk"))))
            .order_by("-date", Subquery(first_published).desc(), "-pk")
            .values("pk")
        )
        return newest[k]


def _renditions(specs):
    return NewsRendition.objects.filter(filter_spec__in=specs)
