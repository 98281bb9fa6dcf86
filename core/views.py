from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request
from django.utils.translation import override as language_override


def csrf_failure(request, reason=""):
    """A refused form in the site's design and the reader's language, not Django's page.

    The reason stays in the server's log: it means nothing to a reader.
    """
    with language_override(_language_of(request)):
        return render(request, "403_csrf.html", status=403)


def _language_of(request):
    # The address prefix wins; LocaleMiddleware has usually activated it already.
    prefix = request.path_info.strip("/").split("/", 1)[0]
    if prefix in {"ru", "en"}:
        return prefix
    return get_language_from_request(request)


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for without reading the page.

    A temporary redirect, kept a day: the icon's static address changes with its content.
    """
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response
