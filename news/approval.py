"""What happens when the "Release approval" workflow approves a version.

Kept free of admin imports: Wagtail imports this while its own models are loading.
"""


def publish_approved(workflow_state, user=None):
    """Publish what the workflow approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes with the approver's own publish permission; approval is
    the permission here, since editors have none of their own.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
