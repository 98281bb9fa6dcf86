"""Tags become records translated once (Topic), linked by releases like partner cities.

Every taggit tag a release carries becomes a topic, in the site's default language when a
release of that language carries it (else in the language of the releases that do), and
every release keeps its tags. Press officers, translators, editors and administrators get
the same rights on topics and photo credits as on partner cities.
"""

import uuid

import modelcluster.fields

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import modelsearch.index

# Groups, named as in news/roles/groups.py (a migration must not import app code).
PRESS_OFFICERS = "Press officers"
TRANSLATORS = "Translators"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

SNIPPETS = [("news", "topic"), ("gallery", "photocredit")]
ACTIONS = {
    PRESS_OFFICERS: ["add", "change"],
    TRANSLATORS: ["change"],
    EDITORS: ["add", "change", "delete"],
    ADMINISTRATORS: ["add", "change", "delete"],
}


def tags_to_topics(apps, schema_editor):
    NewsArticleTag = apps.get_model("news", "NewsArticleTag")
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    Topic = apps.get_model("news", "Topic")
    Locale = apps.get_model("wagtailcore", "Locale")
    links = list(
        NewsArticleTag.objects.values_list(
            "content_object_id", "content_object__locale_id", "tag_id", "tag__name", "tag__slug"
        )
    )
    if not links:
        return
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    locales, names = {}, {}
    for _page, locale_id, tag_id, name, slug in links:
        locales.setdefault(tag_id, set()).add(locale_id)
        names[tag_id] = (name, slug)
    topics = {}
    for tag_id, used_in in locales.items():
        locale_id = default.pk if default and default.pk in used_in else min(used_in)
        name, slug = names[tag_id]
        topics[tag_id] = Topic.objects.create(
            translation_key=uuid.uuid4(), locale_id=locale_id, name=name[:100], slug=slug[:100]
        )
    through = NewsArticlePage._meta.get_field("topics").remote_field.through
    through.objects.bulk_create(
        [
            through(newsarticlepage_id=page_id, topic_id=topics[tag_id].pk)
            for page_id, _locale, tag_id, _name, _slug in links
        ],
        ignore_conflicts=True,
    )


def topics_to_tags(apps, schema_editor):
    NewsArticleTag = apps.get_model("news", "NewsArticleTag")
    NewsArticlePage = apps.get_model("news", "NewsArticlePage")
    Tag = apps.get_model("taggit", "Tag")
    through = NewsArticlePage._meta.get_field("topics").remote_field.through
    for link in through.objects.select_related("topic"):
        tag = Tag.objects.filter(name=link.topic.name).first() or Tag.objects.create(
            name=link.topic.name, slug=f"{link.topic.slug}-{link.topic.pk}"[:100]
        )
        NewsArticleTag.objects.get_or_create(content_object_id=link.newsarticlepage_id, tag=tag)


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, actions in ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, model in SNIPPETS:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0015_snippet_approval"),
        ("gallery", "0002_photo_credits"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=100, verbose_name="tag")),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True,
                        blank=True,
                        help_text="The tag's address; made from the name when left empty",
                        max_length=100,
                        verbose_name="slug",
                    ),
                ),
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
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
                "ordering": ["name"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("locale", "slug"), name="unique_topic_slug_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("locale", "name"), name="unique_topic_name_per_locale"
            ),
        ),
        migrations.AddField(
            model_name="newsarticlepage",
            name="topics",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, related_name="+", to="news.topic", verbose_name="tags"
            ),
        ),
        migrations.RunPython(tags_to_topics, topics_to_tags),
        migrations.RemoveField(model_name="newsarticlepage", name="tags"),
        migrations.DeleteModel(name="NewsArticleTag"),
        migrations.RenameField(model_name="newsarticlepage", old_name="topics", new_name="tags"),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
