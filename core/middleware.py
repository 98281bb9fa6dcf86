import logging

from csp.middleware import CSPMiddleware

from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer 503 in the reader's language while the database cannot be reached.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the site recovers by
    itself once the database is back; until then readers get a page that says so. A
    SQLite file another process holds locked for longer than the connection's timeout
    is unavailable in the same way: the request is answered once that wait runs out.
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
    # A deadlock or a failed constraint is a bug to surface, not an outage; SQLite's busy
    # error is another writer holding the only write lock, which passes.
    text = str(exception).lower()
    markers = (
        "database is locked",
        "database table is locked",
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


STORAGE_UNAVAILABLE = _(
    "The file could not be stored: the media storage is not answering. Nothing was saved. "
    "Try again in a few minutes; if this goes on, tell the site's administrator."
)


def _storage_errors():
    errors = [OSError]
    try:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # the S3 libraries are only needed with a bucket configured
        return tuple(errors)
    return (*errors, Boto3Error, BotoCoreError, ClientError)


class StorageUnavailableMiddleware:
    """Turn a failed write to the media storage during an admin upload into a message.

    Wagtail writes an upload to the storage while saving the image or document, after
    the form was accepted; with the bucket unreachable that is a server error. The file
    is written before the database row, and the single-upload view saves inside a
    transaction, so when the write fails nothing is left to clean up: the editor is told
    so, in their language, on the upload page (or in the multiple uploader's reply).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.errors = _storage_errors()

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (
            request.method == "POST"
            and request.FILES
            and request.path.startswith(SiteCSPMiddleware.admin_prefix)
            and isinstance(exception, self.errors)
        ):
            return None
        logger.error("Media storage failed during an upload to %s: %s", request.path, exception)
        # The admin's language is the editor's own, set by Wagtail around its views only.
        profile = getattr(request.user, "wagtail_userprofile", None)
        language = profile.get_preferred_language() if profile else translation.get_language()
        with translation.override(language):
            text = str(STORAGE_UNAVAILABLE)
        if request.path.endswith("/multiple/add/"):
            # The multiple uploader shows error_message beside the file it was sent with.
            return JsonResponse({"success": False, "error_message": text})
        messages.error(request, text)
        return redirect(request.get_full_path())
