from django.shortcuts import render
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
