import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from core.views import favicon
from gallery.documents import serve_document
from news.alerts.throttle import limit_mail
from news.distribution.api import api_router
from news.distribution.sitemaps import sitemaps as news_sitemaps
from news.distribution.views import robots_txt
from news.models import NewsArticlePage


class ReleasePrivacyView(SetPrivacyView):
    """Wagtail's privacy dialog; for a release it says that privacy is the same in every
    translation (news.publishing copies it)."""

    def render_to_response(self, context, **response_kwargs):
        if not isinstance(self.page, NewsArticlePage) or not self.page.private_page_options:
            return super().render_to_response(context, **response_kwargs)
        return render_modal_workflow(
            self.request,
            "wagtailadmin/page_privacy/set_privacy_release.html",
            None,
            template_vars=context,
            json_data={"step": "set_privacy"},
            **response_kwargs,
        )


# A refusal inside the admin is shown in the admin (core.views).
handler403 = "core.views.permission_denied"

urlpatterns = [
    # Wagtail's password reset, ahead of its own address and under its name, with the
    # limits of the other forms that send email to an address typed in.
    path(
        "admin/password_reset/",
        limit_mail("password-reset")(PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
    # Ahead of Wagtail's own dialog at the same address, which it reverses by name.
    path("admin/pages/<int:page_id>/privacy/", ReleasePrivacyView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    # Ahead of Wagtail's own view at the same address: see gallery.documents.
    path("documents/<int:document_id>/<str:document_filename>", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "images/<str:signature>/<int:image_id>/<str:filter_spec>/",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
    path("api/v2/", api_router.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": news_sitemaps()}, name="sitemap"),
]

# Every public page lives under /ru/ or /en/; "/" is sent to the reader's language.
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("news.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Local media, for development only (production has a web server or S3 in front).
# Django's static() helper does nothing with DEBUG off, which development may turn off.
serve_media = settings.DEBUG or getattr(settings, "SERVE_MEDIA", False)
if serve_media and settings.MEDIA_URL.startswith("/"):
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
