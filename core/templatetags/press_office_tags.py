from django import template
from django.db import DatabaseError

from wagtail.models import Site

from core.models import PressOffice

register = template.Library()


@register.simple_tag(takes_context=True)
def press_office(context):
    """The press office's settings for the site being read.

    Kept on the request, and in the cache between requests (PressOffice.cached), since
    every page shows them. Error pages rendered without a request, or while the database
    is unreachable, get the defaults a fresh installation has.
    """
    request = context.get("request")
    if request is None:
        return PressOffice()
    office = getattr(request, "_press_office", None)
    if office is None:
        try:
            site = Site.find_for_request(request)
            office = PressOffice.cached(site) if site else PressOffice()
        except DatabaseError:
            office = PressOffice()
        request._press_office = office
    return office
