"""A translator hands the English text of a translated snippet (a partner city) to the editors.

wagtail-localize's translation editor can only publish a snippet, and saving its draft
(save_target with publish=False) writes the row itself and takes it offline. Here the
translated text goes into a revision only, as Wagtail's own snippet editor does, and the
workflow starts on that revision; the row keeps the approved text until an editor approves.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Page, WorkflowMixin
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation
from wagtail_localize.segments.ingest import ingest_segments

from news.roles.permissions import can_write


def submit_snippet_url(translation):
    return reverse("news_submit_snippet_translation", args=[translation.pk])


def untranslated(translation):
    total, done = translation.get_progress()
    return total - done


def translated_revision(translation, target, user):
    """Save the translation memory's text of `target` as a new revision, not to its row."""
    source = translation.source
    original = source.as_instance()
    copy_synchronised_fields(original, target)
    # The same segments wagtail-localize's own save uses, applied to the object in memory.
    segments = source._get_segments_for_translation(translation.target_locale)
    ingest_segments(original, target, source.locale, translation.target_locale, segments)
    return target.save_revision(user=user, log_action=True)


class SubmitSnippetTranslationForm(forms.Form):
    pass


class SubmitSnippetTranslationView(WagtailAdminTemplateMixin, FormView):
    form_class = SubmitSnippetTranslationForm
    template_name = "news/admin/submit_snippet_translation.html"
    page_title = gettext_lazy("Submit translation for approval")
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"),
            pk=kwargs["translation_id"],
            enabled=True,
        )
        self.target = self.translation.get_target_instance()

    def dispatch(self, request, *args, **kwargs):
        target = self.target
        # Pages have their own form (news.workflow); only snippets under approval here.
        if isinstance(target, Page) or not (
            isinstance(target, WorkflowMixin) and isinstance(target, DraftStateMixin)
        ):
            raise PermissionDenied
        model = type(target)
        if not request.user.has_perm(get_permission_name("change", model)):
            raise PermissionDenied
        if not can_write(request.user, self.translation.target_locale):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        model = type(self.target)
        return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=submit_snippet_url(self.translation),
            submit_button_label=_("Submit for approval"),
            target=self.target,
            source=self.translation.source.get_source_instance(),
            missing=untranslated(self.translation),
            in_progress=self.target.workflow_in_progress,
        )
        return context

    def form_valid(self, form):
        target = self.target
        if target.workflow_in_progress:
            messages.error(self.request, _("This translation is already awaiting approval."))
            return redirect(self.get_success_url())
        missing = untranslated(self.translation)
        if missing:
            messages.error(
                self.request,
                _("%(count)d segments are not translated yet; finish them first.")
                % {"count": missing},
            )
            return redirect(self.get_success_url())
        workflow = target.get_workflow()
        if workflow is None:
            messages.error(self.request, _("No approval workflow covers this object."))
            return redirect(self.get_success_url())
        with transaction.atomic():
            translated_revision(self.translation, target, self.request.user)
            workflow.start(target, self.request.user)
        messages.success(
            self.request,
            _("'%(title)s' was submitted to the editors for approval.") % {"title": str(target)},
        )
        return redirect(self.get_success_url())
