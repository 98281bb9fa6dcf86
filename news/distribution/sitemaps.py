"""sitemap.xml: every live page in every language, with its translations as alternates."""

from collections import defaultdict

from django.conf import settings

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from news.distribution.metadata import absolute_url


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
        return entries

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
