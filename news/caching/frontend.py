"""Asking the CDN in front of the site to forget the pages a change shows up on."""

from django.conf import settings
from django.utils.encoding import iri_to_uri


def purge_frontend(page):
    """Ask the CDN to forget the listings a change shows up on.

    Wagtail's frontend cache app already purges a published page's own address; a release
    also appears on the home pages, the archives, the feeds and the sitemap. Wagtail
    repeats each address for every language prefix.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    root = site.root_url
    lang = settings.LANGUAGE_CODE
    urls = [
        f"{root}/{lang}/",
        f"{root}/{lang}/news/",
        f"{root}/{lang}/feeds/rss/",
        f"{root}/{lang}/feeds/atom/",
        f"{root}/sitemap.xml",
    ]
    specific = getattr(page, "specific", None)
    for city in getattr(specific, "cities", []):
        urls += [f"{root}/{lang}/feeds/city/{city.slug}/{kind}/" for kind in ("rss", "atom")]
    if specific is not None and hasattr(specific, "tags"):
        for tag in specific.tags.all():
            urls += [f"{root}/{lang}/feeds/tag/{tag.slug}/{kind}/" for kind in ("rss", "atom")]
    purge_urls_from_cache([iri_to_uri(url) for url in urls])
