from django import template
from django.urls import reverse

from wagtail.models import Page

from news.models.workflow import unapproved_source

register = template.Library()


@register.simple_tag(takes_context=True)
def review_of(context, translation):
    """What the current user may do with a translation under review, for its approval box.

    None when nothing: no review in progress, or this user reviews nothing here.
    """
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        return None
    page = page.specific
    task_state = page.current_workflow_task_state
    if task_state is None:
        return None
    user = context["request"].user
    names = {name for name, _label, _modal in task_state.task.specific.get_actions(page, user)}
    if not names:
        return None
    return {
        "page": page,
        "revision": task_state.revision,
        "task_id": task_state.task_id,
        # Both go to news_review_action, which says what happened.
        "approve_url": "approve" in names
        and reverse("news_review_action", args=[page.pk, "approve", task_state.pk]),
        "reject_url": "reject" in names
        and reverse("news_review_action", args=[page.pk, "reject", task_state.pk]),
        "waiting_for": unapproved_source(page),
    }
