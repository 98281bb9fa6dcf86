"""The project's addresses plus one that fails, to see the 500 page as readers would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from newsroom.urls import urlpatterns as project_urlpatterns


def broken_view(request):
    raise RuntimeError("a failure for the error page tests")


urlpatterns = [
    *i18n_patterns(path("broken/", broken_view), prefix_default_language=True),
    *project_urlpatterns,
]


def form_view(request):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    return HttpResponse(
        f'<form method="post"><input name="t" value="{get_token(request)}"></form>'
    )


urlpatterns.insert(0, *i18n_patterns(path("form/", form_view), prefix_default_language=True))
