from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Page

from core.public_urls import public_url
from news.distribution.navigation import navigation
from news.models.querysets import restricted


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {public_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Each language names the other's: "available in Russian only" reads differently from
# "in English only" in Russian grammar, so each is a sentence of its own.
ONLY_IN = {
    "ru": _("This release is available in Russian only"),
    "en": _("This release is available in English only"),
}

# The archive of the reader's language, named with the language.
NEWS_IN = {"ru": _("All news in Russian"), "en": _("All news in English")}


@require_GET
def not_translated(request, key):
    """Where the language switch leads from a release not yet translated into the reader's
    language: the translation once it is live, until then a page that says so and links the
    release in the languages it has, and this language's news."""
    language = get_language()
    versions = {
        page.locale.language_code: page
        for page in Page.objects.live()
        .annotate(restricted=restricted())
        .filter(translation_key=key, restricted=False)
        .select_related("locale")
    }
    if language in versions:
        return redirect(versions[language].get_url(request))
    if not versions:
        raise Http404
    originals = [
        {"page": versions[code], "code": code}
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    archive = navigation(request).archives.get(language)
    return render(
        request,
        "news/not_translated.html",
        {
            "originals": originals,
            "archive": archive,
            "archive_label": NEWS_IN.get(language),
            "notice": ONLY_IN.get(originals[0]["code"]),
        },
    )
