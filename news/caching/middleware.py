"""The middlewares that answer readers from the cache: whole pages, and the request's Site.

An entry keeps the values of its generations (news.caching.generations); on a hit they are
read again in one round trip and any difference counts as a miss. With Redis, the shared
cache's client answers that read from the worker's memory for as long as Redis reports no
change to them (news.caching.watch).

With a shared cache (Redis), each worker also keeps a copy of the pages it served in its
own memory (PAGE_CACHE_COPIES_ALIAS). A copy is checked against the shared generations
like any entry, so a change published through another machine shows at once; only the
page itself no longer travels from the shared cache on every hit.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import QueryDict
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri

from wagtail.models import Site

from .generations import (
    GENERATION_KEY,
    LISTINGS_KEY,
    RELEASES_ATTRIBUTE,
    _cache,
    _generations,
    release_key,
)
from .headers import add_outer_headers
from .memo import kept_for_site

# Addresses that are never cached: the admin, private documents, dynamic image renditions.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/images/")


# The query parameters the site's pages read (the page number, search and its filters,
# the sitemap's page "p"). Any other parameter (tracking ids such as utm_* or fbclid, or
# junk like ?z=1, ?z=2 ...) changes nothing on the page, so it is dropped before the view
# and the cache key: otherwise each new value would make a new entry and a miss.
PAGE_PARAMETERS = frozenset(
    {"page", "p", "q", "sort", "lang", "city", "year", "date_from", "date_to", "tag"}
)

# The API reads many more (fields, limit, offset, order, any field as a filter) and answers
# an unknown one with a 400, which is never cached: its queries are kept as they are.
VERBATIM_PREFIXES = ("/api/",)


# Single flight: concurrent misses for one page wait for one render instead of each making
# it (Django has no such thing). The first takes a short lock in the cache; the others poll
# for its entry while the lock is held, for a bounded time, then make the page themselves.
LOCK_SECONDS = 5
WAIT_SECONDS = 2.5
POLL_SECONDS = 0.02


def _copies():
    alias = getattr(settings, "PAGE_CACHE_COPIES_ALIAS", None)
    return caches[alias] if alias else None


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
        _keep_page_parameters(request)
        key = _page_key(request)
        missed = getattr(request, "_page_cache_miss", None)
        if missed is not None and missed[0] == key:
            # Read a moment ago by CachedPageMiddleware (.hits), before the page is made.
            entry, start = None, missed[1]
        else:
            entry, start = self._read(key)
        lock = None
        if entry is None and request.method == "GET":
            lock = f"{key}:lock"
            if not _cache().add(lock, 1, LOCK_SECONDS):
                entry, start = self._wait(key, lock)
                lock = None
        if entry is not None:
            entry["X-Page-Cache"] = "hit"
            return entry
        try:
            return self._make(request, key, start)
        finally:
            if lock is not None:
                _cache().delete(lock)

    def _make(self, request, key, start):
        response = self.get_response(request)
        if request.method == "GET" and self._cacheable_response(request, response):
            seconds = settings.CACHE_MIDDLEWARE_SECONDS
            # Browsers ask again every time; a shared cache (CDN) may keep it, purged on publish.
            patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)

            def store(rendered):
                # What the outer middlewares add goes with it: hits skip them (.hits).
                add_outer_headers(request, rendered)
                self._store(key, rendered, start, seconds)

            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(store)
            else:
                store(response)
            response["X-Page-Cache"] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _wait(self, key, lock):
        """The entry another request is making for `key`, once stored; None if it gives up.

        The lock is read before the entry: the entry is stored before the lock goes, so a
        lock found gone means the entry read next is all there will be. An unreachable
        cache shows no lock, and nobody waits.
        """
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            held = _cache().get(lock) is not None
            entry, start = self._read(key)
            if entry is not None or not held or time.monotonic() >= deadline:
                return entry, start
            time.sleep(POLL_SECONDS)

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


def _page_key(request):
    """One entry per address, whatever headers or cookies the reader sends.

    Django's keys go through a second entry holding the response's Vary headers, one more
    entry and round trip per page; no cached page varies on them: the language is part of
    the address, and requests with a session never reach the cache.
    """
    address = iri_to_uri(request.build_absolute_uri())
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    # 2: entries carry the outer middlewares' headers (.headers); older ones do not.
    return f"newsroom:page-cache:page:2:{digest}"


def _keep_page_parameters(request):
    """Only the parameters pages read reach the view and the cache key, in one order.

    A page reached through a tracked link, or with any parameter added, is then the page
    itself: one cache entry.
    """
    if not request.META.get("QUERY_STRING") or request.path.startswith(VERBATIM_PREFIXES):
        return
    # Parsed by Django, with its limit on the number of parameters.
    kept = QueryDict(mutable=True)
    for name in sorted(request.GET):
        if name in PAGE_PARAMETERS:
            kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    if query != request.META["QUERY_STRING"]:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


# The Site a request is for, kept in the cache rather than looked up on every request.
#
# Wagtail finds the request's Site with a query the first time something asks for it (page
# routing, any page's address) and keeps it on that request only: one query on every page
# the whole-page cache does not serve. Sites change rarely, and saving or deleting one
# replaces the cache's site-wide generation (news.caching.generations), so the next request
# looks it up again.
class KnownSiteMiddleware:
    """Hands Wagtail the request's Site from the cache.

    Last in MIDDLEWARE, after the page cache: a page served from the cache needs no Site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:
            # Django answers it with a 400 on its own; nothing to look up.
            return self.get_response(request)
        # The same hostname and port that Wagtail matches Sites on.
        name = f"site|{split_domain_port(host)[0]}|{request.get_port()}"
        try:
            site = kept_for_site(name, lambda: Site.find_for_request(request))
        except DatabaseError:
            # Wagtail asks again inside the view, where an outage gets its 503 page
            # (core.middleware); raised from here it would be a 500.
            site = None
        if site is not None:
            # Where Site.find_for_request keeps what it found for the rest of the request.
            request._wagtail_site = site
        return self.get_response(request)
