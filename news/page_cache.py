"""Whole-page cache of what anonymous readers see, forgotten as soon as what it shows changes.

Django's cache middleware cannot forget a page before it expires, and a release corrected
after publication must never be served in its old form. Every cached page depends on
"generations", random values in the cache that a change replaces, making the pages that
depend on them stale at once (the entries expire on their own):

- the global generation, which every entry depends on: editing a partner city or a photo,
  moving or deleting any page, and publishing, unpublishing or renaming any page other
  than a release replace it;
- the listings generation: publishing or unpublishing any release replaces it; pages that
  do not say otherwise (home pages, archives, feeds, search, the sitemap, the API) depend
  on it;
- one generation per release, shared by its translations: publishing, unpublishing or
  renaming the release in either language replaces it. A release page depends only on its
  own (its language switch links to the other translation) and those of the releases it
  lists as related, so publishing one release leaves the other releases' pages cached.

An entry keeps the values of its generations; on a hit they are read again in one round
trip and any difference counts as a miss.

With a shared cache (Redis), each worker also keeps a copy of the pages it served in its
own memory (PAGE_CACHE_COPIES_ALIAS). A copy is checked against the shared generations
like any entry, so a change published through another machine shows at once; only the
page itself no longer travels from the shared cache on every hit.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import QueryDict
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:page-cache:generation"
LISTINGS_KEY = "newsroom:page-cache:listings"
# Set on a response (see depend_on_releases) by views that show only some releases.
RELEASES_ATTRIBUTE = "page_cache_releases"
# Addresses that are never cached: the admin, private documents, dynamic image renditions.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/images/")
# Parameters that links from newsletters, social networks and search engines add for the
# visitor's analytics and that no page of the site reads. Some are unique per click
# (fbclid, yclid), so a shared link would otherwise make each reader's page a cache miss.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "ysclid",
        "_openstat",
        "igshid",
        "mc_cid",
        "mc_eid",
        "twclid",
        "ttclid",
    }
)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _copies():
    alias = getattr(settings, "PAGE_CACHE_COPIES_ALIAS", None)
    return caches[alias] if alias else None


def release_key(translation_key):
    return f"newsroom:page-cache:release:{translation_key}"


def _generations(keys, values=None):
    """The current value of each generation key, starting any that is missing.

    A key evicted from the cache comes back with a new value, so entries that depended on
    it are never taken for fresh. `values` are the keys' values when already read.
    """
    cache = _cache()
    values = cache.get_many(keys) if values is None else values
    missing = [key for key in keys if key not in values]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        values.update(cache.get_many(missing))
    return values


def generation():
    return _generations([GENERATION_KEY]).get(GENERATION_KEY)


def _bump(keys, reason):
    """Give `keys` new values, now and again once the transaction commits.

    The second time covers a reader who fetched the old page between the change and the
    commit and so cached it under the new values.
    """

    def bump():
        values = {key: uuid.uuid4().hex for key in keys}
        cache = _cache()
        cache.set_many(values, None)
        # An unreachable Redis fails silently (settings.redis_cache): say what it costs.
        if cache.get(keys[0]) is None:
            logger.error(
                "The page cache could not be purged (%s): pages cached before this change "
                "may be served for up to %s seconds once the cache answers again, unless "
                "`manage.py purge_page_cache` is run then.",
                reason,
                settings.CACHE_MIDDLEWARE_SECONDS,
            )

    bump()
    transaction.on_commit(bump)
    logger.debug("Page cache purged (%s): %s", ", ".join(keys), reason)


def purge_all(reason=""):
    """Make every cached page unreachable (see _bump for the second time on commit)."""
    _bump([GENERATION_KEY], reason)


def purge_release(translation_key, reason=""):
    """Make stale the listings and the pages that show this release, in any language."""
    _bump([LISTINGS_KEY, release_key(translation_key)], reason)


def kept_for_listings(name, compute):
    """`compute()`, kept until a release is published or unpublished or the site changes.

    For figures that read the whole archive and that every page of it shows: the number of
    releases behind the pagination and the count per year. Without this, each of the
    thousands of archive pages a crawler walks would read every release again to count
    them. `name` must say everything the figure depends on (an SQL query does); None
    computes it every time.
    """
    if name is None or not settings.PAGE_CACHE_ENABLED:
        return compute()
    return _kept([GENERATION_KEY, LISTINGS_KEY], name, compute)


def kept_for_site(name, compute):
    """`compute()`, kept until a page other than a release, a partner city, a photo or a
    restriction changes: for what every view shows whichever release it is about.

    Kept whether or not whole pages are cached: the views that are never cached whole (a
    search for new words) read it too, and the same signals replace it either way.
    """
    return _kept([GENERATION_KEY], name, compute)


def _kept(keys, name, compute):
    cache = _cache()
    values = _generations(keys)
    # Read before computing: a change meanwhile makes the value stale.
    if any(values.get(key) is None for key in keys):
        return compute()  # the cache is unreachable
    stamp = "|".join([name, *(values[key] for key in keys)])
    key = "newsroom:kept:" + hashlib.md5(stamp.encode(), usedforsecurity=False).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.CACHE_MIDDLEWARE_SECONDS)
    return found


def depend_on_releases(response, translation_keys):
    """Declare that `response` shows only these releases (by translation key).

    It then stays cached while other releases are published; without this, a page depends
    on every release. `translation_keys` may be a function, called only if the response
    is cached, so that pages served without the cache make no query for it.
    """
    setattr(response, RELEASES_ATTRIBUTE, translation_keys)
    return response


def purge_site(reason=""):
    """Forget every cached page and ask the CDN to forget the listings, after bulk changes."""
    purge_all(reason)
    _purge_frontend_cache(None)


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache.

    Placed at the end of MIDDLEWARE so that it sees the request after sessions, language and
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
        _drop_tracking_parameters(request)
        key = _page_key(request)
        entry, start = self._read(key)
        if entry is not None:
            entry["X-Page-Cache"] = "hit"
            return entry
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(request, response):
            seconds = settings.CACHE_MIDDLEWARE_SECONDS
            # Browsers ask again every time; a shared cache (CDN) may keep it, purged on publish.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)

            def store(rendered):
                self._store(key, rendered, start, seconds)

            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(store)
            else:
                store(response)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _read(self, key):
        """The fresh cached response for `key` (or None) and the generations read for it.

        The generations are read before the page is made: a change after this point makes
        the entry stale. A worker's copy is checked in one round trip to the shared cache;
        without one, the entry comes with the generations every page depends on, and a
        release page's own generations follow in a second.
        """
        copies = _copies()
        copy = copies.get(key) if copies is not None else None
        if not isinstance(copy, tuple):
            copy = None
        keys = [GENERATION_KEY, LISTINGS_KEY]
        # The generations a copy depends on come in the same round trip, the page does not.
        keys += [name for name in copy[1] if name not in keys] if copy else [key]
        found = _cache().get_many(keys)
        entry = copy or found.pop(key, None)
        start = _generations([GENERATION_KEY, LISTINGS_KEY], found)
        response = self._fresh(entry, start)
        if response is None and copy:
            # Another worker may have made the page again since this copy was taken.
            entry = _cache().get(key)
            response = self._fresh(entry, start)
        if response is not None and copies is not None and entry is not copy:
            copies.set(key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
        return response, start

    @staticmethod
    def _fresh(entry, start):
        """The cached response if none of the generations it depends on changed."""
        if not isinstance(entry, tuple):
            return None
        response, depends = entry
        scoped = [key for key in depends if key not in start]
        current = {**start, **(_cache().get_many(scoped) if scoped else {})}
        if any(current.get(key) != value for key, value in depends.items()):
            return None
        return response

    @staticmethod
    def _store(key, response, start, seconds):
        releases = getattr(response, RELEASES_ATTRIBUTE, None)
        if releases is not None:
            # A function cannot be pickled into the cache, and is not needed there.
            delattr(response, RELEASES_ATTRIBUTE)
            releases = [str(key) for key in (releases() if callable(releases) else releases)]
        if releases is None:
            depends = {LISTINGS_KEY: start.get(LISTINGS_KEY)}
        else:
            depends = _generations([release_key(tk) for tk in releases])
            # Every release change also replaces the listings generation: if it moved while
            # the page was made, the page may show a release as it was before, while the
            # release values just read are already the new ones.
            if _cache().get(LISTINGS_KEY) != start.get(LISTINGS_KEY):
                return
        depends[GENERATION_KEY] = start.get(GENERATION_KEY)
        _cache().set(key, (response, depends), seconds)
        copies = _copies()
        if copies is not None:
            copies.set(key, (response, depends), seconds)

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


def _is_tracking(name):
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _page_key(request):
    """One entry per address, whatever headers or cookies the reader sends.

    Django's keys go through a second entry holding the response's Vary headers, one more
    entry and round trip per page; no cached page varies on them: the language is part of
    the address, and requests with a session never reach the cache.
    """
    address = iri_to_uri(request.build_absolute_uri())
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"newsroom:page-cache:page:{digest}"


def _drop_tracking_parameters(request):
    """Serve a page reached through a tracked link as the page itself (one cache entry)."""
    if not request.META.get("QUERY_STRING"):
        return
    # Parsed by Django, with its limit on the number of parameters.
    tracking = [name for name in request.GET if _is_tracking(name)]
    if not tracking:
        return
    kept = request.GET.copy()
    for name in tracking:
        del kept[name]
    request.META["QUERY_STRING"] = kept.urlencode()
    request.GET = QueryDict(request.META["QUERY_STRING"])


def _page_changed(sender, instance=None, **kwargs):
    from .models import NewsArticlePage

    # Which pages show a release is known; any other page may show up anywhere.
    if isinstance(instance, NewsArticlePage) and kwargs.get("signal") is not post_page_move:
        purge_release(instance.translation_key, f"release {instance.pk} changed")
    else:
        purge_all(f"page {getattr(instance, 'pk', '?')} changed")
    _purge_frontend_cache(instance)


def _object_changed(sender, instance=None, **kwargs):
    from wagtail.models import BaseViewRestriction, Site

    from gallery.models import NewsImage

    from .models import HomePage, NewsIndexPage, PartnerCity

    # A restriction hides a page (and its subtree) from readers who may already hold it;
    # a Site's hostname, port and root page make every address (news.sites).
    if isinstance(instance, PartnerCity | NewsImage | BaseViewRestriction | Site):
        purge_all(f"{sender.__name__} {instance.pk} changed")
        _purge_frontend_cache(None)
    elif isinstance(instance, Page) and kwargs.get("signal") is post_delete:
        purge_all(f"page {instance.pk} deleted")
    elif isinstance(instance, HomePage | NewsIndexPage) and _moves_navigation(kwargs):
        # Every page's header links to these (news.navigation), and one made live directly,
        # as setup_site and the import do, is never "published".
        purge_all(f"{sender.__name__} {instance.pk} saved")


# What the header reads of a home page or an archive (news.navigation).
NAVIGATION_FIELDS = frozenset({"live", "slug", "url_path", "path", "depth", "locale"})


def _moves_navigation(kwargs):
    # A draft saved for review names its few fields, none of these: readers see no change.
    fields = kwargs.get("update_fields")
    return fields is None or not NAVIGATION_FIELDS.isdisjoint(fields)


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
