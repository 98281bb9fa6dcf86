"""Links in the admin's notification emails (submitted, approved, sent back...)."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class AdminBaseUrlFromRequest:
    """In development, with WAGTAILADMIN_BASE_URL unset, the emails link to the address
    the admin is actually served at.

    Wagtail writes a notification's links from the setting alone, with no request to ask,
    so the setting follows the host of the request being served. Never used in production,
    where the setting is required (`check --deploy`).
    """

    def __init__(self, get_response):
        if not getattr(settings, "ADMIN_BASE_URL_FROM_REQUEST", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        settings.WAGTAILADMIN_BASE_URL = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
