import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from wagtail.models import Locale, Page

register = template.Library()


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context, page=None):
    """Links to the same release in the other language, or to that language's home page.

    A translation that is not live (still being translated or awaiting approval) is never
    linked.
    """
    request = context["request"]
    if not isinstance(page, Page):
        # Error pages and views outside the page tree have no page to translate.
        page = None
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if page is not None and code in locales:
            translation = page.get_translation_or_none(locales[code])
            if translation is not None and translation.live:
                url = translation.url
            else:
                home = (
                    Page.objects.live()
                    .filter(depth=2, locale=locales[code])
                    .only("url_path", "locale")
                    .first()
                )
                url = home.url if home else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag
def home_url():
    """The home page of the active language."""
    home = (
        Page.objects.live()
        .filter(depth=2, locale__language_code=get_language())
        .only("url_path", "locale")
        .first()
    )
    return home.url if home else "/"


@register.simple_tag
def archive_url():
    """The news archive of the active language."""
    from news.models import NewsIndexPage

    archive = (
        NewsIndexPage.objects.live()
        .filter(locale__language_code=get_language())
        .only("url_path", "locale")
        .first()
    )
    return archive.url if archive else ""


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
