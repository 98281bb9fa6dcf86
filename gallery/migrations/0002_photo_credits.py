"""Photo credits become records translated once (PhotoCredit), chosen on each photo.

Every credit typed so far becomes a record in the site's default language, and each photo
keeps its credit.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import modelsearch.index


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return locale or Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def credits_to_records(apps, schema_editor):
    NewsImage = apps.get_model("gallery", "NewsImage")
    PhotoCredit = apps.get_model("gallery", "PhotoCredit")
    typed = NewsImage.objects.exclude(credit="").values_list("credit", flat=True).distinct()
    names = list(typed)
    if not names:
        return
    locale = default_locale(apps)
    for typed_name in names:
        name = typed_name.strip()[:255]
        if not name:
            continue
        credit, _ = PhotoCredit.objects.get_or_create(
            locale=locale, name=name, defaults={"translation_key": uuid.uuid4()}
        )
        NewsImage.objects.filter(credit=typed_name).update(credit_record=credit)


def records_to_credits(apps, schema_editor):
    NewsImage = apps.get_model("gallery", "NewsImage")
    for image in NewsImage.objects.exclude(credit_record=None).select_related("credit_record"):
        NewsImage.objects.filter(pk=image.pk).update(credit=image.credit_record.name)


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="PhotoCredit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=255, verbose_name="photo credit")),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "photo credit",
                "verbose_name_plural": "photo credits",
                "ordering": ["name"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddConstraint(
            model_name="photocredit",
            constraint=models.UniqueConstraint(
                fields=("locale", "name"), name="unique_credit_per_locale"
            ),
        ),
        migrations.AddField(
            model_name="newsimage",
            name="credit_record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="gallery.photocredit",
                verbose_name="photo credit",
            ),
        ),
        migrations.RunPython(credits_to_records, records_to_credits),
        migrations.RemoveField(model_name="newsimage", name="credit"),
        migrations.RenameField(
            model_name="newsimage", old_name="credit_record", new_name="credit"
        ),
    ]
