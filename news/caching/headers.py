"""The headers a cached page is stored with, so that a hit needs no middleware to add them.

A hit is answered by news.caching.hits.CachedPageMiddleware, before the CSP, sessions,
language, CSRF and the rest: the headers those middlewares add to a page on its way out
(its language, Vary, Content-Length, X-Frame-Options, the CSP) are added here once, when
the page is stored, by their own code. They find them there on the miss that made the page
and leave them as they are, so a miss and a hit carry the same headers.
"""

from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers

from core.middleware import SiteCSPMiddleware


def _unused(request):
    raise AssertionError("only their process_response is called")


# The middlewares between the two page-cache ones in MIDDLEWARE that add headers to a page
# for an anonymous reader, innermost first, as they run on the way out (SessionMiddleware,
# between LocaleMiddleware and the CSP, is done by hand). For a 200 they only add headers:
# the redirects they may answer are for a 404.
_INNER = (
    XFrameOptionsMiddleware(_unused),
    CommonMiddleware(_unused),
    LocaleMiddleware(_unused),
)
# Builds the policy on every response, even one that has it already: a hit skips it.
_CSP = SiteCSPMiddleware(_unused)


def add_outer_headers(request, response):
    """Adds to `response`, about to be stored, what the outer middlewares would add."""
    for middleware in _INNER:
        middleware.process_response(request, response)
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        # As SessionMiddleware says it: deciding whether the reader is logged in read it.
        patch_vary_headers(response, ("Cookie",))
    return _CSP.process_response(request, response)
