"""What search engines, social networks and feed readers are told about a release."""

import datetime
import json
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page

from core.public_urls import page_url
from gallery.renditions import SOCIAL, renditions_of
from news.models.querysets import restricted

# The size Facebook, VK and Telegram previews are designed for; JPEG for every client.
SOCIAL_IMAGE_FILTER = SOCIAL

# Languages as Open Graph spells them.
OG_LOCALES = {"ru": "ru_RU", "en": "en_GB"}

# Fixed namespace so that a release keeps its feed GUID whatever its address becomes.
GUID_NAMESPACE = uuid.UUID("6f6f3b8e-4a43-4d0c-9a55-1e2f8f0c6a21")


def social_image(page):
    """The lead photo as a 1200×630 rendition, or None for a release without photos."""
    image = getattr(page, "lead_image", None)
    rendition = renditions_of(image, [SOCIAL_IMAGE_FILTER])[SOCIAL_IMAGE_FILTER] if image else None
    # A lost original with no size made before comes back as an empty placeholder.
    return rendition if rendition is not None and rendition.width else None


def release_guid(page):
    """A GUID that survives slug changes and moves: one per release and language."""
    return uuid.uuid5(GUID_NAMESPACE, f"{page.translation_key}:{page.locale.language_code}").urn


def published_at(page):
    """The release's own date, at the time of day it first went out."""
    first = page.first_published_at or page.last_published_at or timezone.now()
    local = timezone.localtime(first)
    if local.date() == page.date:
        return local
    return timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(12, 0)))


def live_translations(page):
    """Live versions of `page` in every language (itself included), in settings order."""
    order = [code for code, _name in settings.LANGUAGES]
    pages = (
        Page.objects.live()
        .annotate(restricted=restricted())
        .filter(translation_key=page.translation_key, restricted=False)
        .select_related("locale")
    )
    found = {p.locale.language_code: p for p in pages}
    return [found[code] for code in order if code in found]


def absolute_url(page, request):
    """The page's public address (core.public_urls: one rule for every public link)."""
    return page_url(page, request)


def json_ld(data):
    """A JSON-LD <script> element.

    Django's json_script would write type="application/json", which search engines
    ignore; the escaping is the same: <, > and & become \\u escapes so no text in a
    release can close the element.
    """
    text = json.dumps(data, ensure_ascii=False, cls=_Encoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.date):
            return o.isoformat()
        return str(o)
