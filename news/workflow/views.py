"""The admin forms of the approval workflow; the rules they apply are in news.workflow.actions."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, WorkflowMixin, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.convert import convert_to_alias

from core.admin_views import TitledAdminPage
from news.models import EmbargoHold
from news.models.workflow import unapproved_source
from news.roles.permissions import can_write
from news.translation.guard import is_administrator
from news.translation.snippet_approval import translated_revision
from news.translation.sync import needs_review
from news.workflow.actions import (
    CONVERT_TO_ALIAS_ACTION,
    HOLD_ACTION,
    can_force_publish,
    can_hold,
    force_publish,
    untranslated_count,
)


class SubmitTranslationForm(forms.Form):
    pass


def review_outcome(page, action, from_editor=False):
    """What an editor's approval or sending back did to `page`, in one sentence; None when
    nothing happened (a refused or incomplete action). `from_editor`: the action came with
    the page editor's form, which may have changed the text."""
    page = Page.objects.get(pk=page.pk).specific
    values = {"title": page.get_admin_display_title()}
    is_translation = page.locale.language_code != settings.LANGUAGE_CODE
    state = page.current_workflow_state
    if action == "reject":
        if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
            return None
        if is_translation:
            return (
                _("The translation “%(title)s” was sent back to its author with your comment.")
                % values
            )
        return _("The release “%(title)s” was sent back to its author with your comment.") % values
    if action != "approve":
        return None
    if state is not None:
        if not from_editor or state.status != WorkflowState.STATUS_IN_PROGRESS:
            return None
        # The editor changed the text while approving: another editor approves the change.
        return (
            _("Your changes to “%(title)s” were saved; another editor now approves them.") % values
        )
    if EmbargoHold.objects.filter(page=page).exists():
        return (
            _(
                "The release “%(title)s” was approved; it goes live together with its approved "
                "translation."
            )
            % values
        )
    scheduled = page.scheduled_revision
    if scheduled is not None:
        values["date"] = date_format(localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
        if is_translation:
            return (
                _("The translation “%(title)s” was approved; it goes live on %(date)s.") % values
            )
        return _("The release “%(title)s” was approved; it goes live on %(date)s.") % values
    if not page.live:
        return None
    if is_translation:
        return _("The translation “%(title)s” was approved and published.") % values
    return _("The release “%(title)s” was approved and published.") % values


class ReviewActionView(WorkflowActionView):
    """Wagtail's workflow action, answered with what happened.

    Wagtail's own view redirects without a word, and drops an action whose form is
    invalid (a send-back without a comment) just as silently.
    """

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = review_outcome(self.object, self.action_name)
        if message:
            messages.success(request, message)
        elif self.action_name == "reject":
            messages.error(request, _("Say what needs to change: the author receives it."))
        else:
            messages.error(request, _("Nothing was approved; reload the page and try again."))
        return response


class BaseFormView(TitledAdminPage, FormView):
    submit_button_label = ""

    def get_action_url(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.get_action_url()
        context["submit_button_label"] = self.submit_button_label
        return context


class SubmitTranslationView(BaseFormView):
    """A translator hands a finished English translation of a release to the editors.

    wagtail-localize's editor can only publish; this saves the translation as a draft
    revision and starts the release workflow on it instead.
    """

    form_class = SubmitTranslationForm
    template_name = "news/admin/submit_translation.html"
    page_title = gettext_lazy("Submit translation for approval")
    submit_button_label = gettext_lazy("Submit for approval")
    header_icon = "tasks"
    url_name = "news_submit_translation"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"),
            pk=kwargs["translation_id"],
            enabled=True,
        )
        self.target = self.translation.get_target_instance()
        if not self.accepts(self.target):
            raise PermissionDenied

    @staticmethod
    def accepts(target):
        return isinstance(target, Page)

    def may_edit(self, user):
        return self.target.permissions_for_user(user).can_edit()

    def dispatch(self, request, *args, **kwargs):
        locale = self.translation.target_locale
        if not self.may_edit(request.user) or not can_write(request.user, locale):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_action_url(self):
        return reverse(self.url_name, args=[self.translation.pk])

    def get_success_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.target.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.translated_title(),
            source=self.translation.source.get_source_instance(),
            missing=untranslated_count(self.translation),
            in_progress=self.target.workflow_in_progress,
        )
        return context

    def translated_title(self):
        """The title as translated so far: the target's own row may still hold the
        original's title, copied when the translation was created."""
        translated = self.translation.source.get_ephemeral_translated_instance(
            self.translation.target_locale, fallback=True
        )
        return str(translated)

    def refusal(self):
        """Why the translation cannot go to the editors yet, or None."""
        if self.target.workflow_in_progress:
            return _("This translation is already awaiting approval.")
        missing = untranslated_count(self.translation)
        if missing:
            return _("%(count)d segments are not translated yet; finish them first.") % {
                "count": missing
            }
        to_review = needs_review(self.translation).count()
        if to_review:
            return _(
                "%(count)d segments still show their previous translation; check them "
                "against the new source first."
            ) % {"count": to_review}
        source = unapproved_source(self.target) if isinstance(self.target, Page) else None
        if source is not None:
            return _(
                "The original “%(title)s” has not been approved yet; submit the "
                "translation once an editor has approved it."
            ) % {"title": source.get_admin_display_title()}
        if self.target.get_workflow() is None:
            return _("No approval workflow covers this object.")
        return None

    def save_draft(self):
        """The translated text as a draft revision; returns the object to start review on."""
        self.translation.save_target(user=self.request.user, publish=False)
        return Page.objects.get(pk=self.target.pk).specific

    def form_valid(self, form):
        refusal = self.refusal()
        if refusal:
            messages.error(self.request, refusal)
            return redirect(self.get_success_url())
        with transaction.atomic():
            target = self.save_draft()
            target.get_workflow().start(target, self.request.user)
        messages.success(
            self.request,
            _("'%(title)s' was submitted to the editors for approval.")
            % {"title": get_latest_str(target)},
        )
        return redirect(self.get_success_url())


class SubmitSnippetTranslationView(SubmitTranslationView):
    """The same for the English name of a partner city, tag or photo credit, under approval
    too.

    wagtail-localize's save of a snippet's draft writes the row itself and takes it offline;
    the translated text goes into a revision only (news.translation.snippet_approval), and
    the row keeps the approved text until an editor approves.
    """

    url_name = "news_submit_snippet_translation"

    @staticmethod
    def accepts(target):
        return (
            not isinstance(target, Page)
            and isinstance(target, WorkflowMixin)
            and isinstance(target, DraftStateMixin)
        )

    def may_edit(self, user):
        return user.has_perm(get_permission_name("change", type(self.target)))

    def get_success_url(self):
        meta = type(self.target)._meta
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list")

    def save_draft(self):
        translated_revision(self.translation, self.target, self.request.user)
        return self.target


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError(gettext_lazy("Give a reason of a few words."))
        return reason


class ForcePublishForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext_lazy(
            "Why this version goes live without an editor's approval"
        )


class ForcePublishView(BaseFormView):
    """An administrator publishes the latest version at once, stating why."""

    form_class = ForcePublishForm
    template_name = "news/admin/force_publish.html"
    page_title = gettext_lazy("Force publish")
    submit_button_label = gettext_lazy("Publish now")
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific

    def dispatch(self, request, *args, **kwargs):
        if not can_force_publish(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_action_url(self):
        return reverse("news_force_publish", args=[self.page.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        return context

    def form_valid(self, form):
        source = None if self.request.user.is_superuser else unapproved_source(self.page)
        if source is not None:
            form.add_error(
                None,
                _("The original “%(title)s” has not been approved yet; publish it first.")
                % {"title": source.get_admin_display_title()},
            )
            return self.form_invalid(form)
        page = force_publish(self.page, self.request.user, form.cleaned_data["reason"])
        messages.success(self.request, _("'%(title)s' was published.") % {"title": page.title})
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


class HoldForTranslationView(BaseFormView):
    """Suspend a release's scheduled publication until its translation is approved."""

    form_class = SubmitTranslationForm
    template_name = "news/admin/hold_embargo.html"
    page_title = gettext_lazy("Hold until the translation is approved")
    submit_button_label = gettext_lazy("Hold both languages")
    header_icon = "time"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific

    def dispatch(self, request, *args, **kwargs):
        if not can_hold(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_action_url(self):
        return reverse("news_hold_embargo", args=[self.page.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = self.page
        context["go_live_at"] = self.page.scheduled_revision.approved_go_live_at
        return context

    def form_valid(self, form):
        scheduled = self.page.scheduled_revision
        with transaction.atomic():
            EmbargoHold.objects.create(
                page=self.page,
                revision=scheduled,
                go_live_at=scheduled.approved_go_live_at,
                held_by=self.request.user,
            )
            scheduled.approved_go_live_at = None
            scheduled.save(update_fields=["approved_go_live_at"])
            log(instance=self.page, action=HOLD_ACTION, user=self.request.user, revision=scheduled)
        messages.success(
            self.request,
            _("'%(title)s' will go live only together with its approved translation.")
            % {"title": self.page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))


class ConvertToAliasForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext_lazy(
            "Why the translation is replaced by the original's text without an editor's approval"
        )


class ConvertToAliasView(BaseFormView):
    """wagtail-localize's "convert to alias", for administrators only and with a reason.

    It answers at wagtail-localize's own address, so its menu entry leads here; the
    conversion itself is still wagtail-localize's.
    """

    form_class = ConvertToAliasForm
    template_name = "news/admin/convert_to_alias.html"
    page_title = gettext_lazy("Convert to alias page")
    submit_button_label = gettext_lazy("Convert")
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(Page, pk=kwargs["page_id"], alias_of__isnull=True).specific
        source = TranslationSource.objects.filter(
            object_id=self.page.translation_key,
            translations__target_locale=self.page.locale_id,
        ).first()
        if source is None:
            raise Http404
        self.source_page = source.get_source_instance()

    def dispatch(self, request, *args, **kwargs):
        # LocalizeGuardMiddleware refuses others at this address already; this view may
        # also be reached under another.
        if not is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_action_url(self):
        return reverse("news_convert_to_alias", args=[self.page.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, source_page=self.source_page)
        return context

    def form_valid(self, form):
        with transaction.atomic():
            # A POST to wagtail-localize's view converts; it checks the edit permission.
            response = convert_to_alias(self.request, self.page.pk)
            page = Page.objects.get(pk=self.page.pk)
            log(
                instance=page,
                action=CONVERT_TO_ALIAS_ACTION,
                user=self.request.user,
                data={"reason": form.cleaned_data["reason"]},
            )
        return response
