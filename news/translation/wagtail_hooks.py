"""Translation admin: sync and source changes, the "Translate" forms, and the glossary.

wagtail-localize's own endpoints, and the sync view at its "update" address, are held to
the target language by news.translation.guard.LocalizeGuardMiddleware (in MIDDLEWARE).
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import GlossaryTerm
from news.translation.guard import may_delete_translation
from news.translation.views import (
    SourceChangesView,
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SyncTranslationsView,
    TranslationChecksView,
)


# Ahead of wagtail-localize's URLs (order 0) whatever the order of INSTALLED_APPS: the sync
# view takes over wagtail-localize's "update" address, so its buttons lead to it.
@hooks.register("register_admin_urls", order=-1)
def _translation_urls():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsView.as_view(),
            name="news_sync_translations",
        ),
        path(
            "newsroom/translations/<int:translation_id>/changes/",
            SourceChangesView.as_view(),
            name="news_source_changes",
        ),
        path(
            "newsroom/translations/<int:translation_id>/checks/",
            TranslationChecksView.as_view(),
            name="news_translation_checks",
        ),
        # wagtail-localize's "Translate" forms, with the only target language ticked.
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="news_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="news_submit_snippet_for_translation",
        ),
    ]


@hooks.register("before_delete_page", order=-9)
def _keep_translations(request, page):
    if not may_delete_translation(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action")
def _keep_translations_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "delete" and not all(
        may_delete_translation(request.user, obj) for obj in objects
    ):
        raise PermissionDenied


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "list-ul"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["term", "translation", "category"]
    list_filter = ["category"]
    search_fields = ["term", "translation"]


register_snippet(GlossaryViewSet)
