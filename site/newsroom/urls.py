from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from gallery.documents import serve_document
from news.alerts.throttle import limit_mail
from news.distribution.api import api_router
from news.distribution.sitemaps import sitemaps as news_sitemaps
from news.distribution.views import robots_txt

urlpatterns = [
    # Wagtail's password reset, ahead of its own address and under its name, with the
    # limits of the other forms that send email to an address typed in.
    path(
        "admin/password_reset/",
        limit_mail("password-reset")(PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
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
    path("sitemap.xml", sitemap, {"sitemaps": news_sitemaps()}, name="sitemap"),
]

# Every public page lives under /ru/ or /en/; "/" is sent to the reader's language.
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("news.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
