"""Dashboard panels for each role and the translation status matrix."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Locale, Page, TaskState
from wagtail_localize.models import Translation, TranslationSource

from core.admin_views import TitledAdminPage
from news.roles import groups as roles
from news.roles.permissions import writable_languages
from news.translation import status as translation_status


def _in_roles(user, *names):
    return user.is_superuser or user.groups.filter(name__in=names).exists()


def _source_id(release):
    return (
        TranslationSource.objects.filter(
            object_id=release.translation_key, locale_id=release.locale_id
        )
        .values_list("pk", flat=True)
        .first()
    )


class ListPanel(Component):
    """A dashboard panel listing releases with a count and a link for each."""

    template_name = "news/admin/dashboard_panel.html"
    heading = ""
    panel_id = ""

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {
            "heading": self.heading,
            "panel_id": self.panel_id,
            "items": self.items,
            "count": len(self.items),
            "status_url": reverse("news_translation_status"),
        }


class WaitingForTranslationPanel(ListPanel):
    name = "newsroom_waiting_for_translation"
    order = 90
    heading = _("Releases waiting for translation")
    panel_id = "waiting-for-translation"


class OutOfDatePanel(ListPanel):
    name = "newsroom_out_of_date"
    order = 95
    heading = _("Translations out of date")
    panel_id = "translations-out-of-date"


class WaitingForMyApprovalPanel(ListPanel):
    name = "newsroom_waiting_for_my_approval"
    order = 80
    heading = _("Waiting for my approval")
    panel_id = "waiting-for-my-approval"


def translation_items(user):
    """(waiting for translation, out of date) items for the dashboard."""
    waiting, stale = [], []
    languages = writable_languages(user)
    for release, cells in translation_status.release_rows():
        if not release.live:
            continue
        for code, cell in cells.items():
            if code == release.locale.language_code or code not in languages:
                continue
            if cell.status == translation_status.MISSING:
                url = reverse("wagtail_localize:submit_page_translation", args=[release.pk])
                waiting.append({"title": release.title, "url": url, "status": cell.label})
            elif cell.status == translation_status.IN_PROGRESS:
                url = reverse("wagtailadmin_pages:edit", args=[cell.page.pk])
                waiting.append({"title": cell.page.title, "url": url, "status": cell.label})
            elif cell.status == translation_status.OUT_OF_DATE:
                source_id = _source_id(release)
                url = (
                    reverse("wagtail_localize:update_translations", args=[source_id])
                    if source_id
                    else reverse("wagtailadmin_pages:edit", args=[cell.page.pk])
                )
                stale.append({"title": cell.page.title, "url": url, "status": cell.label})
    return waiting, stale


def approval_items(user):
    items = []
    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("workflow_state", "revision")
        .order_by("-started_at")
    )
    finder = AdminURLFinder(user)
    for state in states:
        obj = state.workflow_state.content_object
        # Releases and the records they name (partner cities, tags, photo credits); the
        # glossary has its own list.
        if obj is None or not hasattr(obj, "locale"):
            continue
        items.append(
            {
                "title": get_latest_str(obj),
                "url": finder.get_edit_url(obj),
                "status": obj.locale.get_display_name(),
            }
        )
    return items


class OwnWorkInWorkflowPanel(UserObjectsInWorkflowModerationPanel):
    """Wagtail's "your pages in a workflow", without other people's translations.

    Wagtail counts a page as yours when you submitted it or own it. wagtail-localize
    makes a translation as a copy of its source, owner included, so the author of a
    release would own every translation of it, whoever wrote and submitted it. A
    translation is therefore yours only when you submitted it.
    """

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        owned_only = [
            state.content_object
            for state in context["workflow_states"]
            if state.requested_by_id != user.pk
        ]
        translations = _translations_among(owned_only)
        context["workflow_states"] = [
            state
            for state in context["workflow_states"]
            if state.requested_by_id == user.pk or _key(state.content_object) not in translations
        ]
        return context


def _key(obj):
    return (getattr(obj, "translation_key", None), getattr(obj, "locale_id", None))


def _translations_among(objects):
    """(translation key, locale id) of those of `objects` made as translations of another."""
    objects = [obj for obj in objects if hasattr(obj, "translation_key")]
    if not objects:
        return set()
    return set(
        Translation.objects.filter(
            source__object_id__in={obj.translation_key for obj in objects},
            target_locale_id__in={obj.locale_id for obj in objects},
        ).values_list("source__object_id", "target_locale_id")
    )


class AwaitingReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review", whose buttons go through the review action that
    says what the approval or the sending back did; Wagtail's own says nothing."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            if isinstance(state["obj"], Page):
                state["workflow_action_url_name"] = "news_review_action"
        return context


REPLACED_PANELS = {
    OwnWorkInWorkflowPanel.name: OwnWorkInWorkflowPanel,
    AwaitingReviewPanel.name: AwaitingReviewPanel,
}


def construct_panels(request, panels):
    user = request.user
    panels[:] = [
        REPLACED_PANELS[panel.name]() if getattr(panel, "name", None) in REPLACED_PANELS else panel
        for panel in panels
    ]
    # Press officers translate too; translators are there for offices that have them.
    if _in_roles(
        user, roles.PRESS_OFFICERS, roles.TRANSLATORS, roles.EDITORS, roles.ADMINISTRATORS
    ):
        waiting, stale = translation_items(user)
        panels.append(WaitingForTranslationPanel(waiting))
        panels.append(OutOfDatePanel(stale))
    if _in_roles(user, roles.EDITORS, roles.ADMINISTRATORS):
        panels.append(WaitingForMyApprovalPanel(approval_items(user)))


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *translation_status.LABELS.items()],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    q = forms.CharField(label=_("Title contains"), required=False)

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *languages]


class TranslationStatusView(TitledAdminPage, TemplateView):
    """Releases × languages for the head of the press office, with filters."""

    template_name = "news/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not _in_roles(
            request.user,
            roles.PRESS_OFFICERS,
            roles.TRANSLATORS,
            roles.EDITORS,
            roles.ADMINISTRATORS,
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = [Locale.get_default(), *translation_status.target_locales()]
        languages = [(loc.language_code, loc.get_display_name()) for loc in locales]
        form = StatusFilterForm(self.request.GET or None, languages=languages)
        status = language = query = ""
        if form.is_valid():
            status = form.cleaned_data["status"]
            language = form.cleaned_data["language"]
            query = form.cleaned_data["q"].strip().lower()
        rows = []
        for release, cells in translation_status.release_rows():
            if query and query not in release.title.lower():
                continue
            checked = [cells[language]] if language else list(cells.values())
            if status and not any(cell.status == status for cell in checked):
                continue
            rows.append(
                {
                    "release": release,
                    "cells": [(code, cells[code]) for code, _name in languages],
                }
            )
        context.update(form=form, languages=languages, rows=rows)
        return context
