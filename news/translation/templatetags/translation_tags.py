from django import template
from django.urls import reverse

from wagtail.models import Page

from news.roles.permissions import can_write
from news.translation.glossary import glossary_issues
from news.translation.sync import machine_segments, needs_review, pending_changes

register = template.Library()


@register.inclusion_tag("news/admin/translation_approval_bar.html", takes_context=True)
def translation_approval_bar(context, translation, instance):
    """Submit, approve or send back a page translation from wagtail-localize's editor."""
    request = context["request"]
    user = request.user
    data = {"translation": translation, "request": request, "actions": []}
    if not isinstance(instance, Page):
        return data
    page = instance.specific
    state = page.current_workflow_state
    data.update(
        changes=pending_changes(translation).count(),
        to_review=needs_review(translation).count(),
        machine=machine_segments(translation),
        # Shown to whoever reviews: the translator before submitting, the editor before approving.
        glossary_issues=glossary_issues(translation),
        in_progress=state is not None,
        requested_by=state.requested_by if state else None,
        is_live=page.live,
        has_unpublished_changes=page.has_unpublished_changes,
        can_submit=state is None
        and can_write(user, page.locale)
        and page.permissions_for_user(user).can_edit(),
    )
    if state is not None and state.current_task_state:
        task_state = state.current_task_state
        task = task_state.task.specific
        seen = set()
        for name, label, with_comment in task.get_actions(page, user):
            # Wagtail lists "approve" twice (with and without comment): keep the commented one.
            if name in seen:
                data["actions"] = [a for a in data["actions"] if a["name"] != name]
            seen.add(name)
            data["actions"].append(
                {
                    "name": name,
                    "label": label,
                    "with_comment": with_comment,
                    "url": reverse(
                        "wagtailadmin_pages:workflow_action",
                        args=[page.pk, name, task_state.pk],
                    ),
                }
            )
    return data
