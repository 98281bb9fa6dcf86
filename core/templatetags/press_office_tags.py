from django import template
from django.db import DatabaseError

from core.models import PressOffice

register = template.Library()


@register.simple_tag(takes_context=True)
def press_office(context):
    """The press office's settings for the site being read (kept on the request).

    Error pages rendered without a request, or while the database is unreachable, get the
    defaults a fresh installation has.
    """
    request = context.get("request")
    if request is None:
        return PressOffice()
    try:
        return PressOffice.for_request(request)
    except (DatabaseError, PressOffice.DoesNotExist):
        return PressOffice()
