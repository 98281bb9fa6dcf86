"""The migration from taggit tags and typed credits to translated records keeps every
release's tags and every photo's credit."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gallery.models import NewsImage
from news.models import NewsArticlePage, Topic
from news.structure.tree import ensure_site_structure
from tests.factories import NewsArticlePageFactory, NewsImageFactory, publish, topics
from tests.migrated import restore_migrated_data

BEFORE = [("news", "0015_snippet_approval"), ("gallery", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Migrating back and forth needs real transactions; the data migrations' rows are put back
# the way the other live tests do it, not by a serialized copy that clashes with theirs.
@pytest.mark.django_db(transaction=True)
def test_tags_and_credits_survive_the_migration():
    restore_migrated_data()
    _home, site_tree = ensure_site_structure()
    page = NewsArticlePageFactory(parent=site_tree, title="Визит в Минск", slug="visit")
    page.tags.add(*topics("визит", "дорожная карта"))
    publish(page)
    other = NewsArticlePageFactory(parent=site_tree, title="Форум", slug="forum")
    other.tags.add(*topics("визит"))
    publish(other)
    image = NewsImageFactory()
    image_pk, credit = image.pk, image.credit.name
    try:
        # Back to taggit tags and typed credits, as releases were before.
        old = migrate(BEFORE)
        tagged = old.get_model("news", "NewsArticleTag").objects
        assert sorted(
            tagged.filter(content_object_id=page.pk).values_list("tag__name", flat=True)
        ) == [
            "визит",
            "дорожная карта",
        ]
        assert old.get_model("gallery", "NewsImage").objects.get(pk=image_pk).credit == credit
        assert not old.get_model("taggit", "Tag").objects.filter(name="визит").count() > 1

        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    finally:
        restore_migrated_data()

    # Each tag is one Russian topic, linked by every release that carried it.
    visit = Topic.objects.get(name="визит")
    assert visit.locale.language_code == "ru"
    assert Topic.objects.filter(name="визит").count() == 1
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert sorted(t.name for t in page.tags.all()) == ["визит", "дорожная карта"]
    assert [t.pk for t in NewsArticlePage.objects.get(pk=other.pk).tags.all()] == [visit.pk]
    # The credit is a Russian record with the same words.
    image = NewsImage.objects.get(pk=image_pk)
    assert (image.credit.name, image.credit.locale.language_code) == (credit, "ru")
