"""Approval of releases and translations through Wagtail's workflow: the rules and actions.

Editors hold no publish permission: a version goes live when an editor approves it in the
"Release approval" workflow, so it has always been read by someone other than its author.
Administrators may still publish at once, but only through "force publish" with a reason
that is kept in the audit log. The admin forms that drive these are in news.workflow.views.
"""

from django.conf import settings
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page, Workflow
from wagtail_localize.models import Translation

from news.models import EmbargoHold
from news.roles import groups as roles

WORKFLOW_NAME = "Release approval"
FORCE_PUBLISH_ACTION = "news.force_publish"
HOLD_ACTION = "news.embargo_hold"
CONVERT_TO_ALIAS_ACTION = "news.convert_to_alias"


def release_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def page_translation(page):
    """The wagtail-localize translation that produces `page`, if it is one."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_count(translation):
    total, done = translation.get_progress()
    return total - done


def can_force_publish(user, page):
    """Administrators, who keep Wagtail's publish permission, may skip the approval."""
    if not user.is_authenticated:
        return False
    is_admin = user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()
    return is_admin and page.permissions_for_user(user).can_publish()


def force_publish(page, user, reason):
    """Publish the latest version of `page` without approval, keeping the reason.

    The caller checks can_force_publish. Returns the page as published.
    """
    with transaction.atomic():
        if page.workflow_in_progress:
            page.current_workflow_state.cancel(user=user)
        translation = page_translation(page)
        if translation is not None:
            # Bring the draft up to date with the translator's latest segments.
            translation.save_target(user=user, publish=False)
            page = Page.objects.get(pk=page.pk).specific
        revision = page.get_latest_revision() or page.save_revision(user=user)
        log(
            instance=page,
            action=FORCE_PUBLISH_ACTION,
            user=user,
            revision=revision,
            data={"reason": reason},
        )
        revision.publish(user=user)
    page.refresh_from_db()
    return page


def can_hold(user, page):
    """Editors may hold a scheduled Russian release until its translation is approved."""
    if not user.is_authenticated:
        return False
    if not (
        user.is_superuser
        or user.groups.filter(name__in=[roles.EDITORS, roles.ADMINISTRATORS]).exists()
    ):
        return False
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return False
    scheduled = page.scheduled_revision
    return scheduled is not None and not EmbargoHold.objects.filter(page=page).exists()
