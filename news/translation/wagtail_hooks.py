"""Translation admin: sync and source changes, and the glossary.

wagtail-localize's own endpoints, and the sync view at its "update" address, are held to
the target language by news.translation.guard.LocalizeGuardMiddleware (in MIDDLEWARE).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.models import TranslatableMixin, WorkflowMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_localize.models import Translation

from news.models import GlossaryTerm
from news.roles.permissions import can_write
from news.translation.snippet_approval import SubmitSnippetTranslationView, submit_snippet_url
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
            "newsroom/translations/<int:translation_id>/submit-snippet/",
            SubmitSnippetTranslationView.as_view(),
            name="news_submit_snippet_translation",
        ),
        path(
            "newsroom/translations/<int:translation_id>/changes/",
            SourceChangesView.as_view(),
            name="news_source_changes",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def _submit_snippet_translation_button(snippet, user, next_url=None):
    # The translation editor of a snippet under approval has no button for this.
    if not isinstance(snippet, WorkflowMixin) or not isinstance(snippet, TranslatableMixin):
        return
    if not can_write(user, snippet.locale):
        return
    translation = (
        Translation.objects.filter(
            source__object_id=snippet.translation_key,
            target_locale_id=snippet.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=snippet.locale_id)
        .first()
    )
    if translation is not None and not snippet.workflow_in_progress:
        yield MenuItem(
            _("Submit translation for approval"),
            submit_snippet_url(translation),
            icon_name="tasks",
            priority=20,
        )


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
