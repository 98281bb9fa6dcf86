"""sitemap.xml: every live page in every language, with its translations as alternates,
and the archive's listings by partner city and by tag that hold releases."""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from news.distribution.metadata import absolute_url
from news.models import NewsArticlePage, NewsIndexPage, PartnerCity, Topic
from news.models.archive import releases_of


class _Entry:
    """One page of the sitemap; Wagtail's sitemap asks each item for its URLs."""

    def __init__(self, page, alternates):
        self.page = page
        self.alternates = alternates

    def get_sitemap_urls(self, request=None):
        return [
            {
                "location": absolute_url(self.page, request),
                "lastmod": self.page.last_published_at or self.page.latest_revision_created_at,
                "alternates": self.alternates,
            }
        ]


class _ListingEntry:
    """An archive's listing of one city's or one tag's releases."""

    def __init__(self, location, lastmod, alternates):
        self.location, self.lastmod, self.alternates = location, lastmod, alternates

    def get_sitemap_urls(self, request=None):
        return [
            {"location": self.location, "lastmod": self.lastmod, "alternates": self.alternates}
        ]


# (route, link table, its column to the city or tag, what makes the listing exist)
LISTINGS = (
    ("city_archive", NewsArticlePage.partner_cities.through, "partnercity", PartnerCity),
    ("tag_archive", NewsArticlePage.tags.through, "topic", Topic),
)


def _listing_entries(archives, request):
    """City and tag listings of each archive holding live releases, newest release as
    lastmod. Their alternates follow the pages' own rule (news.models.archive.Listing): a
    city's listing is in every language, a tag's where that language's releases carry it.
    Two queries per archive."""
    order = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}
    archives = sorted(archives, key=lambda a: order.get(a.locale.language_code, len(order)))
    resolver = NewsIndexPage.get_resolver()
    bases = {archive.pk: absolute_url(archive, request) for archive in archives}
    entries = []
    for route, through, column, model in LISTINGS:
        found = {}
        for archive in archives:
            rows = (
                through.objects.filter(
                    newsarticlepage_id__in=releases_of(archive).values("pk"),
                    **{f"{column}__in": model.objects.live()},
                )
                .values(f"{column}__slug")
                .annotate(newest=Max("newsarticlepage__last_published_at"))
            )
            found[archive] = {row[f"{column}__slug"]: row["newest"] for row in rows}

        def location(archive, slug, route=route):
            return bases[archive.pk] + resolver.reverse(route, slug)

        for archive in archives:
            for slug, newest in sorted(found[archive].items()):
                versions = (
                    archives
                    if route == "city_archive"
                    else [other for other in archives if slug in found[other]]
                )
                alternates = []
                if len(versions) > 1:
                    alternates = [
                        {"lang_code": v.locale.language_code, "location": location(v, slug)}
                        for v in versions
                    ]
                    default = [
                        v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE
                    ]
                    if default:
                        alternates.append(
                            {"lang_code": "x-default", "location": location(default[0], slug)}
                        )
                entries.append(_ListingEntry(location(archive, slug), newest, alternates))
    return entries


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap covers one site root, i.e. one language; this covers all of them.

    Each URL lists every live translation (itself included) as an xhtml:link hreflang
    alternate, plus x-default pointing to the source language, as search engines ask.
    """

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for localized_root in roots:
            pages |= Page.objects.descendant_of(localized_root, inclusive=True)
        pages = list(
            pages.live().public().select_related("locale").order_by("path").defer_streamfields()
        )
        by_key = defaultdict(dict)
        for page in pages:
            by_key[page.translation_key][page.locale.language_code] = page
        order = [code for code, _name in settings.LANGUAGES]
        entries = []
        for page in pages:
            versions = by_key[page.translation_key]
            alternates = []
            if len(versions) > 1:
                alternates = [
                    {"lang_code": code, "location": absolute_url(versions[code], self.request)}
                    for code in order
                    if code in versions
                ]
                default = versions.get(settings.LANGUAGE_CODE)
                if default is not None:
                    alternates.append(
                        {"lang_code": "x-default", "location": absolute_url(default, self.request)}
                    )
            entries.append(_Entry(page, alternates))
        index_type = ContentType.objects.get_for_model(NewsIndexPage).pk
        archives = [page for page in pages if page.content_type_id == index_type]
        return entries + _listing_entries(archives, self.request)

    def _urls(self, page, protocol, domain):
        # Wagtail's version iterates a queryset; the entries here are a plain list.
        urls = [
            url
            for entry in self.paginator.page(page).object_list
            for url in entry.get_sitemap_urls(self.request)
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemaps():
    return {"pages": MultilingualSitemap}
