from django.db import migrations

# Editors and administrators keep the glossary; everyone who writes may consult it.
GLOSSARY_PERMISSIONS = {
    "Editors": ["add_glossaryterm", "change_glossaryterm", "delete_glossaryterm", "view_glossaryterm"],
    "Administrators": [
        "add_glossaryterm",
        "change_glossaryterm",
        "delete_glossaryterm",
        "view_glossaryterm",
    ],
    "Translators": ["view_glossaryterm"],
    "Press officers": ["view_glossaryterm"],
}

# The official forms the press office starts with.
TERMS = [
    ("Сергей Черёмин", "Sergei Cheremin", "person"),
    ("Минский горисполком", "Minsk City Executive Committee", "organisation"),
    ("Правительство Москвы", "Moscow Government", "organisation"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GlossaryTerm = apps.get_model("news", "GlossaryTerm")
    content_type, _ = ContentType.objects.get_or_create(app_label="news", model="glossaryterm")
    for group_name, codenames in GLOSSARY_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            action = codename.split("_", 1)[0]
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {action} glossary term"},
            )
            group.permissions.add(permission)
    for term, translation, category in TERMS:
        GlossaryTerm.objects.get_or_create(
            term=term, defaults={"translation": translation, "category": category}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_workflow_glossary"),
        ("news", "0004_workflow_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
