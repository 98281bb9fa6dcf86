"""The press office's four roles and the "Release approval" workflow.

Permissions are created here rather than left to post_migrate, which runs only after
every migration: a fresh database must have the groups complete right away.
"""

from django.db import migrations

# Groups, named as in news/roles.py (a migration must not import app code that may change).
PRESS_OFFICERS = "Press officers"
TRANSLATORS = "Translators"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

# Page permissions on the root page; news.roles.permissions limits each role to its locales.
# Editors have no publish permission: they publish by approving in the workflow, so every
# release and translation passes a second pair of eyes.
PAGE_PERMISSIONS = {
    PRESS_OFFICERS: ["add_page", "change_page"],
    TRANSLATORS: ["change_page"],
    EDITORS: ["add_page", "change_page", "lock_page", "unlock_page"],
    ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = {
    PRESS_OFFICERS: [
        ("gallery", "newsimage", "add_newsimage"),
        ("gallery", "newsimage", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    TRANSLATORS: [
        ("gallery", "newsimage", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    EDITORS: [
        ("gallery", "newsimage", "add_newsimage"),
        ("gallery", "newsimage", "change_newsimage"),
        ("gallery", "newsimage", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    ADMINISTRATORS: [
        ("gallery", "newsimage", "add_newsimage"),
        ("gallery", "newsimage", "change_newsimage"),
        ("gallery", "newsimage", "delete_newsimage"),
        ("gallery", "newsimage", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "delete_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "translation", "submit_translation")
CITY = ("news", "partnercity")

# Model permissions (app, model, codename) per group.
MODEL_PERMISSIONS = {
    PRESS_OFFICERS: [ADMIN_ACCESS, (*CITY, "add_partnercity"), (*CITY, "change_partnercity")],
    TRANSLATORS: [ADMIN_ACCESS, SUBMIT_TRANSLATION, (*CITY, "change_partnercity")],
    EDITORS: [
        ADMIN_ACCESS,
        SUBMIT_TRANSLATION,
        (*CITY, "add_partnercity"),
        (*CITY, "change_partnercity"),
        (*CITY, "delete_partnercity"),
    ],
    ADMINISTRATORS: [
        ADMIN_ACCESS,
        SUBMIT_TRANSLATION,
        (*CITY, "add_partnercity"),
        (*CITY, "change_partnercity"),
        (*CITY, "delete_partnercity"),
        ("auth", "user", "add_user"),
        ("auth", "user", "change_user"),
        ("auth", "user", "delete_user"),
        ("auth", "group", "add_group"),
        ("auth", "group", "change_group"),
        ("auth", "group", "delete_group"),
        ("wagtailcore", "locale", "add_locale"),
        ("wagtailcore", "locale", "change_locale"),
        ("wagtailcore", "locale", "delete_locale"),
        ("wagtailcore", "site", "change_site"),
        ("wagtailcore", "workflow", "add_workflow"),
        ("wagtailcore", "workflow", "change_workflow"),
        ("wagtailcore", "task", "add_task"),
        ("wagtailcore", "task", "change_task"),
    ],
}

WORKFLOW_NAME = "Release approval"
TASK_NAME = "Editor approval"


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    words = codename.split("_", 1)
    name = f"Can {words[0]} {words[1].replace('_', ' ')}" if len(words) == 2 else codename
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReleaseApprovalTask = apps.get_model("news", "ReleaseApprovalTask")

    root = Page.objects.filter(depth=1).first()
    collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in (PRESS_OFFICERS, TRANSLATORS, EDITORS, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # Wagtail's own "Editors" group comes with page rights we replace with ours.
        if root is not None:
            GroupPagePermission.objects.filter(group=group).delete()
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        if collection is not None:
            GroupCollectionPermission.objects.filter(group=group).delete()
            for app_label, model, codename in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=collection,
                    permission=permission(apps, app_label, model, codename),
                )
        group.permissions.set(
            [permission(apps, *spec) for spec in MODEL_PERMISSIONS[name]]
        )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="news", model="releaseapprovaltask"
    )
    task = ReleaseApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ReleaseApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.set([groups[EDITORS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        # Both locales' trees hang from the root, so this covers every release.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_workflow_release_approval_task"),
        ("gallery", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_workflow)]
