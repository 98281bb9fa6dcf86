"""Whole-page cache of what anonymous readers see, emptied whenever published content changes.

Django's cache middleware cannot forget a page before it expires, and a release corrected
after publication must never be served in its old form. Here every cached response is
stored under a "generation" prefix; publishing, unpublishing, moving or deleting a page, or
editing a partner city or a photo starts a new generation, so every earlier entry becomes
unreachable at once (and expires on its own). Releases are published a few dozen times a
day, so starting over each time costs little.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control
from django.utils.encoding import iri_to_uri

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:page-cache:generation"
# Addresses that are never cached: the admin, private documents, dynamic image renditions.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/images/")


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation():
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def purge_all(reason=""):
    """Make every cached page unreachable, now and again once the transaction commits.

    The second time covers a reader who fetched the old page between the change and the
    commit and so cached it under the new generation.
    """
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: _cache().set(GENERATION_KEY, uuid.uuid4().hex, None))
    logger.debug("Page cache purged: %s", reason)


def purge_site(reason=""):
    """Forget every cached page and ask the CDN to forget the listings, after bulk changes."""
    purge_all(reason)
    _purge_frontend_cache(None)


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache.

    Placed last in MIDDLEWARE so that it sees the request after sessions, language and
    authentication are known, and the response before the CSRF cookie is added.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        prefix = f"page:{generation()}"
        cache = _cache()
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(request, response):
            seconds = settings.CACHE_MIDDLEWARE_SECONDS
            # Browsers ask again every time; a shared cache (CDN) may keep it, purged on publish.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
            key = learn_cache_key(request, response, seconds, prefix, cache=cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, seconds))
            else:
                cache.set(key, response, seconds)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _cacheable_request(request):
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(EXCLUDED_PREFIXES):
            return False
        # A session cookie may mean a logged-in editor: their pages carry the userbar and
        # may show what readers must not see, so they never read from or write to the cache.
        return settings.SESSION_COOKIE_NAME not in request.COOKIES

    @staticmethod
    def _cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # A page with a form has just issued a CSRF token for this reader only.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _page_changed(sender, instance=None, **kwargs):
    purge_all(f"page {getattr(instance, 'pk', '?')} changed")
    _purge_frontend_cache(instance)


def _object_changed(sender, instance=None, **kwargs):
    from gallery.models import NewsImage

    from .models import PartnerCity

    if isinstance(instance, PartnerCity | NewsImage):
        purge_all(f"{sender.__name__} {instance.pk} changed")
        _purge_frontend_cache(None)
    elif isinstance(instance, Page) and kwargs.get("signal") is post_delete:
        purge_all(f"page {instance.pk} deleted")


def _purge_frontend_cache(page):
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


def connect():
    page_published.connect(_page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache_unpublished")
    page_slug_changed.connect(_page_changed, dispatch_uid="page_cache_slug")
    post_page_move.connect(_page_changed, dispatch_uid="page_cache_move")
    post_save.connect(_object_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(_object_changed, dispatch_uid="page_cache_deleted")
