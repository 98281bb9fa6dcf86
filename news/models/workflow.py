from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Locale, Page, TaskState

from news.models.embargo import EmbargoHold


def authors_of(task_state):
    """Who asked for approval and who wrote the version under review."""
    authors = {task_state.workflow_state.requested_by_id}
    if task_state.revision_id and task_state.revision.user_id:
        authors.add(task_state.revision.user_id)
    authors.discard(None)
    return authors


def unapproved_source(page):
    """The Russian original of translation `page` when no editor has approved it: neither
    live, nor scheduled, nor held for its translation. None otherwise.
    """
    if not isinstance(page, Page) or page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    source = page.get_translation_or_none(Locale.get_default())
    if source is None or source.live or source.scheduled_revision is not None:
        return None
    if EmbargoHold.objects.filter(page=source).exists():
        return None
    return source


class RejectionForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Sent to the author with the version sent back"),
    )


class ReleaseApprovalTask(AbstractGroupApprovalTask):
    """The editors' check of a release or translation before it goes live.

    Like Wagtail's group approval, but with a second pair of eyes: whoever submitted a
    version, or wrote it, cannot approve or reject it, not even an administrator.
    """

    def _current_state(self, obj):
        return (
            TaskState.objects.for_instance(obj)
            .filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "revision")
            .first()
        )

    def user_is_author(self, obj, user):
        state = self._current_state(obj)
        return state is not None and user.pk in authors_of(state)

    def get_actions(self, obj, user):
        if self.user_is_author(obj, user) or not super().get_actions(obj, user):
            return []
        actions = [("reject", _("Send back with a comment"), True)]
        # A translation waits for its original: offering "Approve" would only lead to a
        # refusal (publish_approved refuses it as well, whoever asks).
        if unapproved_source(obj) is None:
            actions += [
                ("approve", _("Approve"), False),
                ("approve", _("Approve with a comment"), True),
            ]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectionForm
        return super().get_form_for_action(action)

    @classmethod
    def get_description(cls):
        return _("Editors approve; nobody approves a version they wrote or submitted")

    class Meta:
        verbose_name = _("release approval task")
        verbose_name_plural = _("release approval tasks")
