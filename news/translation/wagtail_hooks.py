"""Translation admin: sync and source changes, and the glossary.

wagtail-localize's own endpoints, and the sync view at its "update" address, are held to
the target language by news.translation.guard.LocalizeGuardMiddleware (in MIDDLEWARE).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import GlossaryTerm
from news.translation.views import SourceChangesView, SyncTranslationsView


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
    ]


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
