"""What happens when the "Release approval" workflow approves a version.

Kept free of admin imports: Wagtail imports this while its own models are loading.
"""

from django.utils import timezone

NO_EMBARGO = object()


def embargo_of(page):
    """When a translation may go live: its source's scheduled time, None for now, or
    NO_EMBARGO when the page is no translation or its source is neither live nor scheduled.
    """
    from django.conf import settings

    from wagtail.models import Locale

    if page.locale.language_code == settings.LANGUAGE_CODE:
        return NO_EMBARGO
    source = page.get_translation_or_none(Locale.get_default())
    if source is None:
        return NO_EMBARGO
    scheduled = source.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at > timezone.now():
        return scheduled.approved_go_live_at
    if source.live:
        return None
    return NO_EMBARGO


def refuse_unapproved_source(page):
    """Raise PermissionDenied when `page` is a translation of an unapproved original."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext

    from news.models.workflow import unapproved_source

    source = unapproved_source(page)
    if source is not None:
        raise PermissionDenied(
            gettext(
                "The original “%(title)s” has not been approved yet; its translation can go "
                "live only after it."
            )
            % {"title": source.get_admin_display_title()}
        )


def release_held_source(page, revision, user):
    """Publish or schedule a translation together with a source an editor held for it.

    Returns True when it did, False when the source was not held.
    """

    from wagtail.models import Locale

    from news.models import EmbargoHold

    source_locale = Locale.get_default()
    if page.locale_id == source_locale.pk:
        return False
    source = page.get_translation_or_none(source_locale)
    hold = EmbargoHold.objects.filter(page=source).select_related("revision").first()
    if hold is None:
        return False
    source_revision = hold.revision
    if hold.go_live_at > timezone.now():
        revision.content["go_live_at"] = hold.go_live_at.isoformat()
        source_revision.content["go_live_at"] = hold.go_live_at.isoformat()
    else:
        revision.content["go_live_at"] = None
        source_revision.content["go_live_at"] = None
    revision.save(update_fields=["content"])
    source_revision.save(update_fields=["content"])
    hold.delete()
    # Both were approved; publishing schedules them when the embargo is still ahead.
    source_revision.publish(user=user, skip_permission_checks=True)
    revision.publish(user=user, skip_permission_checks=True)
    return True


def keep_under_hold(page, revision):
    """A later approval of a held release replaces the held version instead of going live.

    Returns True when `page` is held. The hold's embargo follows the new version's own,
    when it has one.
    """
    from django.utils.dateparse import parse_datetime

    from news.models import EmbargoHold

    hold = EmbargoHold.objects.filter(page=page).first()
    if hold is None:
        return False
    hold.revision = revision
    go_live_at = revision.content.get("go_live_at")
    if go_live_at:
        hold.go_live_at = parse_datetime(go_live_at)
    hold.save(update_fields=["revision", "go_live_at"])
    return True


def publish_approved(workflow_state, user=None):
    """Publish what the workflow approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes with the approver's own publish permission; approval is
    the permission here, since editors have none of their own. A translation approved
    before its source's embargo is scheduled for the same moment, so both languages go
    live together; approved later, it goes live at once.
    """
    from wagtail.models import Page  # see the module's docstring

    obj = workflow_state.content_object
    # The version the editor reviewed. With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT an
    # edit restarts the review, so this is also the latest; kept explicit regardless.
    task_state = workflow_state.current_task_state
    revision = (task_state and task_state.revision) or obj.get_latest_revision()
    if not isinstance(obj, Page):
        # A partner city or a glossary term: no embargo or hold applies to them.
        revision.publish(user=user, skip_permission_checks=True)
        return
    # Raised inside the approval's transaction, so the approval is undone too.
    refuse_unapproved_source(obj)
    if release_held_source(obj, revision, user):
        return
    if keep_under_hold(obj, revision):
        return
    embargo = embargo_of(obj)
    if embargo is not NO_EMBARGO:
        # The translation copied its source's embargo when it was created; follow the
        # source as it stands now.
        revision.content["go_live_at"] = embargo.isoformat() if embargo else None
        revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True)
