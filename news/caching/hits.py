"""Page-cache hits answered early, before the middlewares a cached page does not need.

PublicPageCacheMiddleware sits last in MIDDLEWARE, where it must store pages (it sees the
response before the CSRF cookie, with the reader known); a hit answered from there went
through sessions, language, CSRF, authentication, messages, redirects and axes both ways
for nothing. This middleware reads the same entry right after SecurityMiddleware, which a
hit still goes through (the HTTPS redirect, HSTS and the other security headers, which
depend on the request); the headers the later ones add, the CSP among them, are stored with
the entry (news.caching.headers). A miss goes on down the chain, where
PublicPageCacheMiddleware makes and stores the page.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost

from .middleware import PublicPageCacheMiddleware, _keep_page_parameters, _page_key


class CachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Its reading only: the same checks, key and freshness as the page cache.
        self.pages = PublicPageCacheMiddleware(get_response)
        self.static_prefix = settings.STATIC_URL

    def __call__(self, request):
        # WhiteNoise, further on, serves static files: no page to look up.
        if request.path.startswith(self.static_prefix):
            return self.get_response(request)
        if not self.pages._cacheable_request(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            # Django answers it with a 400 further on; no page is looked up for it.
            return self.get_response(request)
        _keep_page_parameters(request)
        key = _page_key(request)
        entry, start = self.pages._read(key)
        if entry is None:
            # The miss is known: the page cache below makes the page without reading again.
            request._page_cache_miss = (key, start)
            return self.get_response(request)
        entry["X-Page-Cache"] = "hit"
        return entry
