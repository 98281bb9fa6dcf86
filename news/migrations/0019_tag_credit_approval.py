"""Tags and photo credits are approved like partner cities (news/0015).

Every existing row stays the live version. Editors and administrators gain the publish and
lock rights of the new draft state; the release approval workflow covers both models, so a
rename or an English name waits for an editor.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Names as in news/roles/groups.py and 0015 (a migration must not import app code).
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Release approval"
RECORDS = [("news", "topic"), ("gallery", "photocredit")]
GRANTS = {EDITORS: ["publish", "lock", "unlock"], ADMINISTRATORS: ["publish", "lock", "unlock"]}


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    for app_label, model in RECORDS:
        kind = content_type(apps, app_label, model)
        for group_name, actions in GRANTS.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            for action in actions:
                perm, _ = Permission.objects.get_or_create(
                    content_type=kind,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(perm)
        if workflow is not None:
            WorkflowContentType.objects.update_or_create(
                content_type=kind, defaults={"workflow": workflow}
            )


def backwards(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in RECORDS:
        WorkflowContentType.objects.filter(
            content_type=content_type(apps, app_label, model)
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0018_search_title_lookup"),
        ("gallery", "0003_credit_approval"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="topic",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="topic",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="last_published_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="last published at"
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="live",
            field=models.BooleanField(default=True, editable=False, verbose_name="live"),
        ),
        migrations.AddField(
            model_name="topic",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="topic",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
