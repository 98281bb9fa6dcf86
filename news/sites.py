"""The Site a request is for, kept in the cache rather than looked up on every request.

Wagtail finds the request's Site with a query the first time something asks for it (page
routing, any page's address) and keeps it on that request only: one query on every page
the whole-page cache does not serve. Sites change rarely, and saving or deleting one
replaces the cache's site-wide generation (news.page_cache), so the next request looks it
up again.
"""

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http.request import split_domain_port

from wagtail.models import Site

from .page_cache import kept_for_site


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
