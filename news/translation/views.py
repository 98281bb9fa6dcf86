"""The translator's side of a source change: sync without publishing, and see what changed."""

from django.core.exceptions import PermissionDenied
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import submit_translations
from wagtail_localize.views.update_translations import UpdateTranslationsView

from news.roles.permissions import can_write
from news.translation.changes import describe_changes
from news.translation.editor import checks
from news.translation.sync import needs_review, pending_changes, sync_source


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", made safe for an approval workflow.

    It never publishes (the update goes to the translator and then to an editor) and it
    keeps the previous translation of every changed segment.
    """

    template_name = "news/admin/sync_translations.html"

    def get_context_data(self, **kwargs):
        # The page says what syncing does here, which depends on what the source is.
        context = super().get_context_data(**kwargs)
        source = self.object.get_source_instance()
        context.update(
            source_is_page=isinstance(source, Page), source_is_live=getattr(source, "live", True)
        )
        return context

    def get_form(self):
        form = super().get_form()
        field = form.fields["publish_translations"]
        field.disabled = True
        field.widget = HiddenInput()
        return form

    def form_valid(self, form):
        # Our sync first, so that wagtail-localize's own update finds nothing more to do.
        sync_source(self.object, user=self.request.user)
        return super().form_valid(form)


class TranslationAccessMixin:
    """Open to whoever may edit the translated object in its language."""

    def dispatch(self, request, *args, **kwargs):
        self.translation = get_object_or_404(Translation, pk=kwargs["translation_id"])
        target = self.translation.get_target_instance()
        if isinstance(target, Page):
            allowed = target.permissions_for_user(request.user).can_edit()
        else:
            allowed = request.user.is_staff
        if not allowed or not can_write(request.user, self.translation.target_locale):
            raise PermissionDenied
        self.target = target
        return super().dispatch(request, *args, **kwargs)


class TranslationChecksView(TranslationAccessMixin, TemplateView):
    """What is left to check under the translation editor, reloaded after each save."""

    template_name = "news/admin/translation_checks.html"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **checks(self.translation)}


class SourceChangesView(TranslationAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Old and new source text side by side, with the previous translation."""

    template_name = "news/admin/source_changes.html"
    page_title = _("Changes to translate")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        # Without them Wagtail heads the page with its only crumb, "Home".
        if isinstance(self.target, Page):
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.target.pk])
        else:
            edit_url = ""
        return [
            *super().get_breadcrumbs_items(),
            {"url": edit_url, "label": str(self.target)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            translation=self.translation,
            target=self.target,
            changes=describe_changes(self.translation, pending_changes(self.translation)),
            to_review=needs_review(self.translation).count(),
        )
        return context


class PreselectedTargetMixin:
    """wagtail-localize's "Translate" form, ready to submit when there is one language to offer.

    Upstream ticks a language only when the link names it, so with English the only target
    the form opened empty and was refused when sent as it came.
    """

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.label = _("Translate into")
        offered = list(field.queryset)
        if not form.is_bound and not form.initial.get("locales") and len(offered) == 1:
            form.initial["locales"] = offered
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        locales = form.cleaned_data["locales"]
        if len(locales) == 1:
            # Straight on to the new translation, which is what the user came to write.
            translated = self.object.get_translation_or_none(locales[0])
            if translated is not None:
                return redirect(self.get_default_success_url(translated))
        return response


class SubmitPageTranslationView(
    PreselectedTargetMixin, submit_translations.SubmitPageTranslationView
):
    pass


class SubmitSnippetTranslationView(
    PreselectedTargetMixin, submit_translations.SubmitSnippetTranslationView
):
    pass
