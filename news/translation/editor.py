"""What wagtail-localize's translation editor offers each user, set through its props.

The editor is a React app that draws its buttons and segment states from a JSON blob built
by wagtail-localize's view. Rather than patch the app, the blob is adjusted on its way to
the template (templates/wagtail_localize/admin/edit_translation.html):

- "Convert to alias page" and "Delete" are offered only to those the server lets use them
  (news.translation.guard), so a translator's or press officer's primary button is never a
  destructive one;
- a segment showing its previous translation, waiting to be checked against a changed
  source, is marked as needing attention until it is saved again;
- the dates in the segments' notes are written in the user's language (wagtail-localize
  formats them with strftime, which always gives English month names).

For a user who cannot publish, the app's footer would make its last remaining action the
primary button; the template shows our own footer instead, whose primary action is
"Submit for approval".
"""

import datetime
import json
import re

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.models import Page, WorkflowMixin

from news.translation.glossary import glossary_issues
from news.translation.guard import check_localize_access, may_delete_translation
from news.translation.sync import machine_segments, needs_review, pending_changes


def allowed(request, endpoint, kwargs):
    """Whether the guard lets the user use a wagtail-localize endpoint."""
    try:
        check_localize_access(request, endpoint, kwargs)
    except PermissionDenied:
        return False
    return True


def _segments_to_review(translation):
    pending = set(needs_review(translation).values_list("translation_of_id", "context_id"))
    if not pending:
        return set()
    return {
        pk
        for pk, string_id, context_id in translation.source.stringsegment_set.values_list(
            "pk", "string_id", "context_id"
        )
        if (string_id, context_id) in pending
    }


MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
ENGLISH_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def _local_dates(comment):
    def local(match):
        day, month, year = match.groups()
        date = datetime.date(int(year), MONTHS.index(month) + 1, int(day))
        return date_format(date, "DATE_FORMAT")

    return ENGLISH_DATE.sub(local, comment)


def heading(data):
    """The editor's heading, which the app writes in English: the English text and ours."""
    source, target = data["sourceLocale"]["displayName"], data["locale"]["displayName"]
    return {
        "app": f"{source} to {target} translation",
        "local": _("Translation from %(source)s into %(target)s")
        % {"source": source, "target": target},
    }


def review_label():
    return _("The source text changed: check this translation against it and save it")


def adjust_props(request, translation, instance, props):
    """wagtail-localize's editor props (JSON), with what this user may not do taken out."""
    data = json.loads(props)
    links, perms = data["links"], data["perms"]
    if links.get("convertToAliasUrl") and not allowed(
        request, "convert_to_alias", {"page_id": instance.pk}
    ):
        links["convertToAliasUrl"] = None
    if not may_delete_translation(request.user, instance):
        perms["canDelete"] = False
    if not perms.get("canDelete"):
        links["deleteUrl"] = None
    to_review = _segments_to_review(translation)
    for item in data["initialStringTranslations"]:
        # The app shows a segment with an error in its own "needs attention" style, with
        # the error as its label, until a save returns it without one.
        if item["segment_id"] in to_review and not item["error"]:
            item["error"] = review_label()
        if item.get("comment"):
            item["comment"] = _local_dates(item["comment"])
    return data


def _submit_url(translation, instance):
    if isinstance(instance, Page):
        return reverse("news_submit_translation", args=[translation.pk])
    return reverse("news_submit_snippet_translation", args=[translation.pk])


def footer(request, translation, instance, data):
    """Our footer's actions for a user who cannot publish, or None to keep the app's own."""
    perms, links = data["perms"], data["links"]
    if perms.get("canPublish"):
        return None
    in_review = bool(getattr(instance, "workflow_in_progress", False))
    may_write = allowed(request, "edit_string_translation", {"translation_id": translation.pk})
    menu = []
    if allowed(request, "stop_translation", {"translation_id": translation.pk}):
        menu.append(
            {"post": links["stopTranslationUrl"], "label": _("Stop syncing this translation")}
        )
    if links.get("convertToAliasUrl"):
        menu.append({"href": links["convertToAliasUrl"], "label": _("Convert to alias page")})
    if perms.get("canDelete") and links.get("deleteUrl"):
        menu.append({"href": links["deleteUrl"], "label": _("Delete")})
    if perms.get("canLock") and not data["object"]["isLocked"] and links.get("lockUrl"):
        menu.append({"post": links["lockUrl"], "label": _("Lock")})
    if perms.get("canUnlock") and data["object"]["isLocked"] and links.get("unlockUrl"):
        menu.append({"post": links["unlockUrl"], "label": _("Unlock")})
    return {
        "submit_url": _submit_url(translation, instance) if may_write and not in_review else "",
        "in_review": in_review,
        "menu": menu,
        "preview": data["previewModes"][0] if data["previewModes"] else None,
    }


def checks(translation):
    """What is left to check in a translation, shown under the editor and kept fresh."""
    return {
        "translation": translation,
        "changes": pending_changes(translation).count(),
        "to_review": needs_review(translation).count(),
        "machine": machine_segments(translation),
        # Shown to whoever reviews: the translator before submitting, the editor before
        # approving.
        "glossary_issues": glossary_issues(translation),
    }


class SnippetTranslationStatusPanel(StatusSidePanel):
    """The status panel of a translated snippet, with its workflow's history and comparison.

    wagtail-localize gives the editor of a snippet a plain status panel, whose workflow
    timeline then has no address to compare revisions at: a snippet under review (a city,
    a tag, a credit) could not be opened.
    """

    def get_context_data(self, parent_context):
        viewset = self.object.snippet_viewset
        context = super().get_context_data(parent_context)
        context["workflow_history_url"] = reverse(
            viewset.get_url_name("workflow_history"), args=[self.object.pk]
        )
        context["revisions_compare_url_name"] = viewset.get_url_name("revisions_compare")
        return context


def complete_side_panels(panels, instance):
    """Swap in the snippet status panel above, in the view's own list of side panels."""
    if isinstance(instance, Page) or not isinstance(instance, WorkflowMixin):
        return
    for number, panel in enumerate(panels):
        if type(panel) is StatusSidePanel:
            panels[number] = SnippetTranslationStatusPanel(
                panel.object,
                panel.request,
                locale=panel.locale,
                translations=panel.translations,
                usage_url=panel.usage_url,
                last_updated_info=panel.last_updated_info,
            )
