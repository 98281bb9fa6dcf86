import logging

from csp.middleware import CSPMiddleware

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer 503 in the reader's language while the database cannot be reached.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the site recovers by
    itself once the database is back; until then readers get a page that says so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, InterfaceError) and not (
            isinstance(exception, OperationalError) and _is_connection_error(exception)
        ):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


def _is_connection_error(exception):
    # A lock timeout or a failed constraint is a bug to surface, not an outage.
    text = str(exception).lower()
    markers = (
        "connection",
        "could not connect",
        "server closed",
        "terminating",
        "unable to open database",
        "disk i/o error",
        "the database system is",
    )
    return any(marker in text for marker in markers)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin may run inline scripts.

    Wagtail's inline panels, date pickers and wagtail-localize's editor initialise
    themselves with inline <script> tags, so the editors' side needs 'unsafe-inline' for
    scripts. The public site, which readers and attackers see, keeps the strict policy.
    """

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(self.admin_prefix):
            parts.update = {**(parts.update or {}), "script-src": ["'unsafe-inline'"]}
        return parts
