from django.db import migrations


def create_locales(apps, schema_editor):
    # Every installation publishes in Russian (the source) and English.
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in ("ru", "en"):
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
