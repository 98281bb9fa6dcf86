"""The translator's side of a source change: sync without publishing, and see what changed."""

from django.core.exceptions import PermissionDenied
from django.forms import HiddenInput
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.update_translations import UpdateTranslationsView

from news.roles.permissions import can_write
from news.translation.sync import needs_review, pending_changes, sync_source


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", made safe for an approval workflow.

    It never publishes (the update goes to the translator and then to an editor) and it
    keeps the previous translation of every changed segment.
    """

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


class SourceChangesView(WagtailAdminTemplateMixin, TemplateView):
    """Old and new source text side by side, with the previous translation."""

    template_name = "news/admin/source_changes.html"
    page_title = _("Changes to translate")
    header_icon = "doc-full"

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            translation=self.translation,
            target=self.target,
            changes=pending_changes(self.translation),
            to_review=needs_review(self.translation).count(),
        )
        return context
