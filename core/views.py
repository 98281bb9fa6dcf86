from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request, gettext_lazy
from django.utils.translation import override as language_override
from django.views import defaults
from django.views.generic import TemplateView

from wagtail.users.models import UserProfile

from core.admin_views import TitledAdminPage


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


class AdminPermissionDenied(TitledAdminPage, TemplateView):
    template_name = "wagtailadmin/403.html"
    page_title = gettext_lazy("Access denied")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        # A refused post (a forged form, say) is answered with the same page.
        return self.get(request, *args, **kwargs)


def permission_denied(request, exception=None):
    """A refusal inside the admin stays in the admin: its layout, in the user's language,
    with the way back to the dashboard. Anywhere else, the site's own page."""
    user = getattr(request, "user", None)
    in_admin = (
        request.path.startswith(reverse("wagtailadmin_home"))
        and user is not None
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    )
    if not in_admin:
        return defaults.permission_denied(request, exception)
    language = UserProfile.get_for_user(user).get_preferred_language()
    with language_override(language):
        response = AdminPermissionDenied.as_view()(request)
        response.status_code = 403
        return response.render()
