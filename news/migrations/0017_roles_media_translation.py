"""Photo and document rights per role, press officers who translate, and no stock groups.

Wagtail checks images and documents against the wagtailimages and wagtaildocs permissions
held on a collection (GroupCollectionPermission); the gallery.*_newsimage rights 0004 gave
were never read. Each role now holds exactly what its work needs, on the root collection,
so every collection below inherits it:

- press officers upload photos and documents and choose them; Wagtail lets whoever may add
  edit and delete what they uploaded themselves, and nothing else;
- translators choose them (the translation editor's photo and document fields);
- editors and administrators upload, edit, delete and choose any of them.

Model-level image and document permissions are dropped: Wagtail ignores them, and the group
editor would show them as rights nobody has.

Wagtail's stock "Editors" group is our Editors role (same name), aligned here. Its stock
"Moderators" group, with a publish right that goes around the approval, is removed: its
members, if any, join the Editors, and Wagtail's "Moderators approval" workflow, which
only it could approve, goes with it when no page, snippet or past review uses it.

Press officers get wagtail-localize's "submit translation" right: they translate releases
and partner cities into English, and still never approve or publish.
"""

from django.conf import settings
from django.db import migrations

# Groups, named as in news/roles/groups.py (a migration must not import app code).
PRESS_OFFICERS = "Press officers"
TRANSLATORS = "Translators"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"
MODERATORS = "Moderators"
MODERATORS_WORKFLOW = "Moderators approval"

IMAGE = ("wagtailimages", "image")
DOCUMENT = ("wagtaildocs", "document")
# Content types whose permissions are about photos and documents; newsimage's were 0004's.
MEDIA = [IMAGE, DOCUMENT, ("gallery", "newsimage")]

MEDIA_ACTIONS = {
    PRESS_OFFICERS: ["add", "choose"],
    TRANSLATORS: ["choose"],
    EDITORS: ["add", "change", "delete", "choose"],
    ADMINISTRATORS: ["add", "change", "delete", "choose"],
}

SUBMIT_TRANSLATION = ("wagtail_localize", "translation", "submit_translation")


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {action} {model}"},
    )
    return perm


def media_content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return [
        ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
        for app_label, model in MEDIA
    ]


def set_media_rights(apps):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    content_types = media_content_types(apps)
    for name, actions in MEDIA_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__in=content_types
        ).delete()
        group.permissions.remove(*group.permissions.filter(content_type__in=content_types))
        if root is None:
            continue
        for app_label, model in (IMAGE, DOCUMENT):
            for action in actions:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=root,
                    permission=permission(apps, app_label, model, f"{action}_{model}"),
                )


def remove_moderators(apps):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is None:
        return
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.user_set.add(*moderators.user_set.all())
    workflow = Workflow.objects.filter(name=MODERATORS_WORKFLOW).first()
    if workflow is not None:
        tasks = [link.task for link in workflow.workflow_tasks.select_related("task")]
        used = (
            workflow.workflow_pages.exists()
            or workflow.workflow_content_types.exists()
            or WorkflowState.objects.filter(workflow=workflow).exists()
            or TaskState.objects.filter(task__in=tasks).exists()
        )
        if used:
            workflow.active = False
            workflow.save(update_fields=["active"])
        else:
            workflow.delete()
            for task in tasks:
                if not task.workflow_tasks.exists():
                    task.delete()
    moderators.delete()


def forwards(apps, schema_editor):
    set_media_rights(apps)
    remove_moderators(apps)
    Group = apps.get_model("auth", "Group")
    press, _ = Group.objects.get_or_create(name=PRESS_OFFICERS)
    press.permissions.add(permission(apps, *SUBMIT_TRANSLATION))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0016_topics"),
        # After Wagtail's own migrations, which grant the stock groups their rights.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
