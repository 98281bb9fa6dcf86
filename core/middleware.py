import logging

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
