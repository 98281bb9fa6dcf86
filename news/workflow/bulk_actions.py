"""The page listing's bulk "Publish", held to the same rules as publishing one page.

Wagtail's own bulk action publishes with the publish permission alone, which would skip the
release approval and an editor's embargo hold. It is replaced under the same name (so the
listing's button and URL stay) by a forced publication: only for those who may force
publish, with a reason kept in each page's history, and never for subpages not selected.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from news.workflow.actions import can_force_publish, force_publish
from news.workflow.views import ForcePublishForm


class ForcePublishBulkAction(PageBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish selected pages without approval")
    template_name = "news/admin/bulk_force_publish.html"
    action_priority = 40
    form_class = ForcePublishForm

    def check_perm(self, page):
        return can_force_publish(self.request.user, page)

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "reason": self.cleaned_form.cleaned_data["reason"],
        }

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        for page in objects:
            force_publish(page.specific, user, reason)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d page was published without approval.",
            "%(count)d pages were published without approval.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
