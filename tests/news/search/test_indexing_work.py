"""What indexing a release costs, and that the analysed text follows every save."""

from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.search import index
from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage
from news.models.searchable import KeptSearchField
from news.text.analysis import normalise
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish, topics

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(ru):
    return [
        PartnerCityFactory(name="Казань", country="Россия", slug="kazan"),
        PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk"),
    ]


def releases(parent, cities, count):
    for _ in range(count):
        page = NewsArticlePageFactory(parent=parent, cities=cities)
        page.tags.add(*topics("визит", "форум"))
        page.save()


def rebuild_reads():
    """Queries of a full reindex that read partner cities or tags."""
    with CaptureQueriesContext(connection) as queries:
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
    return [
        query["sql"]
        for query in queries.captured_queries
        if "news_partnercity" in query["sql"] or "news_newsarticletag" in query["sql"]
    ]


def test_rebuilding_the_index_reads_cities_and_tags_once_per_release(site_tree, cities):
    releases(site_tree, cities, 3)
    three = len(rebuild_reads())
    releases(site_tree, cities, 3)
    six = len(rebuild_reads())
    # Each release's cities and tags come prefetched with the batch, and its analysed
    # fields are worked out once although the backend reads them several times; only
    # the names of its cities in other languages are looked up, once per release.
    # Without both it was nine such queries a release.
    assert six - three <= 3, (three, six)


def found(text):
    backend = get_search_backend()
    return list(backend.search(normalise(text), NewsArticlePage.objects.all()))


def test_publishing_a_release_again_reindexes_what_changed(site_tree, cities):
    kazan, minsk = cities
    page = NewsArticlePageFactory(parent=site_tree, cities=[kazan], live=False)
    page.title = "Делегация посетила ярмарку"
    page = publish(page)
    assert found("ярмарку") == [page]
    assert found("Казань") == [page]

    # The same object published with other cities and title: nothing analysed for the
    # first publication may be reused.
    page.partner_cities = [minsk]
    page.title = "Делегация посетила выставку"
    page = publish(page)
    assert found("Минск") == [page]
    assert found("Казань") == []
    assert found("выставку") == [page]
    assert found("ярмарку") == []


def test_values_worked_out_for_a_batch_are_those_of_each_release(site_tree, cities):
    releases(site_tree, cities, 3)
    pages = list(NewsArticlePage.objects.prefetch_related("partner_cities", "tags"))
    # What an import batch works out for all its releases at once (Importer.flush).
    NewsArticlePage.analyse_keywords(pages)
    for page in pages:
        fresh = NewsArticlePage.objects.get(pk=page.pk)
        assert page.search_keywords() == fresh._keywords()
        assert "минск" in page.search_keywords()
        kept = KeptSearchField("body").get_value(page)
        assert kept and kept == index.SearchField("body").get_value(fresh)
