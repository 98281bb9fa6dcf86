import re

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language

from wagtail.models import Page

from news.distribution.navigation import listing_tail, navigation

register = template.Library()


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context, page=None):
    """Links to the same release in the other language, or to a page saying that it is
    not translated yet (see views.not_translated).

    A translation that is not live (still being translated or awaiting approval) is never
    linked.
    """
    request = context["request"]
    if not isinstance(page, Page):
        # Error pages and views outside the page tree have no page to translate.
        page = None
    current = get_language()
    nav = navigation(request, page)
    translations = {p.locale.language_code: p for p in nav.translations}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and code in translations:
            # The same listing (a city's, a year's...) in that language where it exists;
            # the language's archive otherwise.
            tail = listing_tail(context, translations[code])
            url = translations[code].get_url(request) + (tail or "")
        elif page is not None and page.pk and code != current:
            # Not translated yet, or not live: a page that says so, rather than a home
            # page that leaves the reader guessing why.
            with translation.override(code):
                url = reverse("not_translated", args=[page.translation_key])
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page of the active language."""
    home = navigation(context.get("request"), context.get("page")).homes.get(get_language())
    return home.get_url(context.get("request")) if home else "/"


@register.simple_tag(takes_context=True)
def archive_url(context):
    """The news archive of the active language."""
    nav = navigation(context.get("request"), context.get("page"))
    archive = nav.archives.get(get_language())
    return archive.get_url(context.get("request")) if archive else ""


CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def script_language(text):
    """The site language a short text (a tag, a city) is written in, judged by its script.

    Tags are never translated and a city may not be yet, so their language is not the
    page's; the script is enough to tell the site's two languages apart.
    """
    text = str(text or "")
    if CYRILLIC.search(text):
        return "ru"
    if LATIN.search(text):
        return "en"
    return None


@register.filter
def lang_if_other(text, language=None):
    """` lang="…"` for a text written in another language than `language` (default: the
    active one), so screen readers pronounce it right; empty otherwise."""
    code = script_language(text)
    if code is None or code == (language or get_language()):
        return ""
    return format_html(' lang="{}"', code)
