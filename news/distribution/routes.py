"""Which release an address leads to, kept until a page or a release changes.

Wagtail routes a request through the tree: the language's home page, then one query per
level down to the release, each building its SQL again. A release's address changes only
when it or a page above it is published, unpublished, renamed, moved or restricted, and
each of these replaces the listings or the site-wide generation (news.caching.generations).
So a reader's request for a release reads its kept id and then the page itself: its own
fields always come from the database, only the way to it is kept.
"""

from django.conf import settings
from django.db import DatabaseError
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from news.caching.memo import kept_until_published
from news.caching.middleware import EXCLUDED_PREFIXES
from news.models import NewsArticlePage


class KeptRouteMiddleware:
    """Hands Wagtail the release a reader's request leads to, found from the kept route.

    After KnownSiteMiddleware, whose Site it keys on. Requests that may come from an editor
    (with a session) route as Wagtail does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(EXCLUDED_PREFIXES)
            and getattr(request, "_wagtail_site", None) is not None
        ):
            try:
                _route_from_kept(request)
            except DatabaseError:
                # Wagtail routes again inside the view, where an outage gets its 503 page
                # (core.middleware); raised from here it would be a 500.
                request.__dict__.pop("_wagtail_route_for_request", None)
        return self.get_response(request)


def _route_from_kept(request):
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return
    if match.func is not wagtail_views.serve:
        return
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    site = request._wagtail_site
    name = f"route|{site.pk}|{get_language()}|{path}"
    kept = kept_until_published(name, lambda: _release_route(request, path), keep=bool)
    if not kept or hasattr(request, "_wagtail_route_for_request"):
        # Nothing kept for it, or just routed by Wagtail while keeping it.
        return
    page_id, restricted = kept
    # The page itself, as live as Wagtail's own routing would find it.
    page = NewsArticlePage.objects.live().select_related("locale").filter(pk=page_id).first()
    if page is None:
        return
    page.restricted_or_alias = restricted
    request._wagtail_route_for_request = RouteResult(page)


def _release_route(request, path):
    """(id, restricted) of the release at `path`, or () for any other page or none."""
    result = Page.route_for_request(request, path)
    # Wagtail keeps the route on the request: this request is served from it as it is.
    if result is None:
        return ()
    page, args, kwargs = result
    if not isinstance(page, NewsArticlePage) or args or kwargs:
        return ()
    return (page.pk, getattr(page, "restricted_or_alias", None))
