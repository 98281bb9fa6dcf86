import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from wagtail.models import Page

from news.roles.permissions import can_write
from news.translation import editor

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_editor(context, translation, instance, props):
    """wagtail-localize's editor props for this user, and our footer if it replaces the app's."""
    request = context["request"]
    editor.complete_side_panels(context.get("side_panels", []), instance)
    data = editor.adjust_props(request, translation, instance, props)
    return {
        "props": json.dumps(data, cls=DjangoJSONEncoder),
        "footer": editor.footer(request, translation, instance, data),
        # The addresses the app saves segments at, which the checks panel listens for.
        "edit_urls": [segment["editUrl"] for segment in data["segments"] if "editUrl" in segment],
        "heading": editor.heading(data),
    }


@register.inclusion_tag("news/admin/translation_approval_bar.html", takes_context=True)
def translation_approval_bar(context, translation, instance, footer=None):
    """Submit, approve or send back a page translation from wagtail-localize's editor.

    `footer` is our editor footer, if shown: its primary button submits, so the box does not.
    """
    request = context["request"]
    user = request.user
    data = {"translation": translation, "request": request, "actions": []}
    if not isinstance(instance, Page):
        return data
    page = instance.specific
    state = page.current_workflow_state
    data.update(
        editor.checks(translation),
        in_progress=state is not None,
        requested_by=state.requested_by if state else None,
        is_live=page.live,
        has_unpublished_changes=page.has_unpublished_changes,
        can_submit=state is None
        and not (footer and footer["submit_url"])
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
