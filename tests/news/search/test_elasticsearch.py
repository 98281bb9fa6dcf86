"""Elasticsearch: the index settings and queries the backend sends, and what happens when
the cluster is down. A live suite runs when ELASTICSEARCH_URL points at a server."""

import datetime
import logging
import os
import re

import pytest

from django.core.management import call_command
from django.test import override_settings

from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage
from news.search.elasticsearch import NewsroomElasticsearchBackend, ReleaseQuery
from news.text.analysis import ParsedQuery
from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

from .conftest import every_page, result_pages
from .corpus import RELEVANCE

# Nothing listens on the discard port: every request is refused at once.
UNREACHABLE = {
    "BACKEND": "news.search.elasticsearch",
    "URLS": ["http://127.0.0.1:9"],
    "INDEX": "newsroom_test",
    "TIMEOUT": 1,
}
DATABASE = {"BACKEND": "news.search.database", "SEARCH_CONFIG": "simple"}


@pytest.fixture
def backend():
    return get_search_backend("news.search.elasticsearch", **UNREACHABLE)


def field(properties, name):
    (key,) = [key for key in properties if key == name or key.endswith(f"__{name}")]
    return properties[key]


def test_index_settings_define_russian_and_english_analyzers(backend):
    analysis = backend.settings["settings"]["analysis"]
    russian = analysis["analyzer"]["newsroom_russian"]
    assert "lowercase" in russian["filter"]
    assert analysis["filter"][russian["filter"][-1]] == {"type": "stemmer", "language": "russian"}
    assert analysis["char_filter"][russian["char_filter"][0]]["mappings"] == ["ё => е", "Ё => Е"]
    english = analysis["analyzer"]["newsroom_english"]
    assert analysis["filter"][english["filter"][-1]] == {"type": "stemmer", "language": "english"}
    assert analysis["analyzer"]["newsroom_terms"]["filter"] == ["lowercase"]
    # Wagtail's own analyzers for autocomplete are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_mapping_fields_analyzers_and_boosts(backend):
    properties = backend.mapping_class(NewsArticlePage).get_mapping()["properties"]
    for name in ("search_title", "search_lead", "search_body", "search_keywords"):
        assert field(properties, name)["analyzer"] == "newsroom_terms"
    for name in ("title", "lead", "body"):
        assert field(properties, name)["fields"] == {
            "ru": {"type": "text", "analyzer": "newsroom_russian"},
            "en": {"type": "text", "analyzer": "newsroom_english"},
        }
    # Boosts: the title counts most, then lead and cities, then the body.
    assert "_all_text_boost_4_0" in field(properties, "search_title")["copy_to"]
    assert "_all_text_boost_2_0" in field(properties, "search_lead")["copy_to"]
    assert field(properties, "search_body")["copy_to"] == "_all_text"
    assert properties["_all_text"]["analyzer"] == "newsroom_terms"
    assert field(properties, "locale_id_filter")["type"] == "integer"


def _inner(body):
    query = body.query_compiler.get_query()
    filters = query["bool"]["filter"][1]["bool"]["must"]
    assert {"term": {"live_filter": True}} in filters
    assert {"terms": {"locale_id_filter": [1]}} in filters
    return query["bool"]["must"]["bool"]


def test_query_asks_for_every_word_with_the_exact_title_and_phrases_first(backend):
    parsed = ParsedQuery('Подписание "дорожной карты" с Минском')
    queryset = NewsArticlePage.objects.live().filter(locale_id__in=[1])
    inner = _inner(backend.search(ReleaseQuery(parsed, every=True), queryset))
    match = inner["must"]["multi_match"]
    # Every analysed term, in any of the analysed fields, weighted as the database does.
    assert match["query"] == "подписа дорожн карт минск"
    assert (match["type"], match["operator"]) == ("cross_fields", "and")
    assert "minimum_should_match" not in match
    assert {name.split("__")[-1] for name in match["fields"]} == {
        "search_title^4",
        "search_lead^2",
        "search_keywords^2",
        "search_body^1",
    }
    exact, phrase, title_phrase = inner["should"]
    ((title, exact_query),) = exact["match_phrase"].items()
    assert title.endswith("search_title")
    assert exact_query["query"] == "подписа дорожн карт минск"
    assert exact_query["boost"] > phrase["multi_match"]["boost"] > 4
    assert phrase["multi_match"]["query"] == "дорожн карт"
    assert phrase["multi_match"]["type"] == "phrase"
    # The phrase in the title counts again, above the phrase in the lead or body.
    ((field, title_query),) = title_phrase["match_phrase"].items()
    assert field == title
    assert title_query["query"] == "дорожн карт"
    assert title_query["boost"] > 4


def test_fallback_query_asks_for_any_word(backend):
    parsed = ParsedQuery("Минск электробусы")
    queryset = NewsArticlePage.objects.live().filter(locale_id__in=[1])
    match = _inner(backend.search(ReleaseQuery(parsed, every=False), queryset))["must"][
        "multi_match"
    ]
    assert "operator" not in match
    assert match["minimum_should_match"] == "1"


@pytest.fixture
def cluster(monkeypatch):
    """The cluster's answers, by kind of query, without a server; records what was asked."""
    answers, asked = {}, []

    def search(self, query, queryset, **kwargs):
        asked.append(query)
        return answers.get(query.every, [])

    monkeypatch.setattr(NewsroomElasticsearchBackend, "search", search)
    return answers, asked


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE})
def test_cluster_releases_with_every_word_come_first_and_some_words_only_when_few(
    client, site_tree, cluster
):
    answers, asked = cluster
    pages = [
        publish(NewsArticlePageFactory(parent=site_tree, title=f"Релиз {n}", live=False))
        for n in range(4)
    ]
    answers[False] = [pages[3], pages[0]]
    answers[True] = [pages[0]]
    response = client.get("/ru/search/", {"q": "Минск электробусы"})
    assert [query.every for query in asked] == [True, False]
    assert result_pages(response) == [pages[0], pages[3]]
    assert "Все искомые слова есть только в 1 релизе" in response.content.decode()

    asked.clear()
    answers[True] = pages[:3]
    response = client.get("/ru/search/", {"q": "Минск электробусы"})
    assert [query.every for query in asked] == [True]
    assert result_pages(response) == pages[:3]
    assert "часть слов" not in response.content.decode()


def _walk(client, params):
    responses = every_page(client, params, most=20)
    return [page for response in responses for page in result_pages(response)], responses


@pytest.mark.django_db
@override_settings(
    WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE, "database": DATABASE},
    SEARCH_MAX_CANDIDATES=3,
    SEARCH_PAGE_SIZE=2,
)
def test_past_the_clusters_best_matches_every_release_holding_every_word_follows(
    client, site_tree, cluster
):
    dates = [datetime.date(2020, 1, n + 1) for n in range(7)]
    dates[1], dates[3] = datetime.date(2018, 5, 1), datetime.date(2018, 6, 1)
    pages = [
        publish(
            NewsArticlePageFactory(
                parent=site_tree, title=f"Форум городов № {n}", date=dates[n], live=False
            )
        )
        for n in range(7)
    ]
    answers, _asked = cluster
    # The cluster gives as many as it is asked for: its most relevant, over the archive.
    answers[True] = [pages[2], pages[0], pages[5]]
    found, responses = _walk(client, {"q": "форум городов"})
    assert found == [pages[2], pages[0], pages[5], pages[6], pages[4], pages[3], pages[1]]
    first = responses[0]
    assert first.context["outcome"].more
    html = first.content.decode()
    assert "Сначала идут 3 самых подходящих совпадения" in html
    assert "Страница 1<" in html
    # Counts of the cluster's best would read as counts of every match.
    assert {count for _year, count, _url in first.context["facet_years"]} == {None}
    assert "Страница 4 из 4" in responses[-1].content.decode()

    # A year none of the cluster's best is from still lists that year's releases.
    found, _responses = _walk(client, {"q": "форум городов", "year": 2018})
    assert found == [pages[3], pages[1]]
    # By date, every one of them in date order.
    found, _responses = _walk(client, {"q": "форум городов", "sort": "date"})
    assert found == sorted(pages, key=lambda page: (page.date, page.pk), reverse=True)

    # Fewer than it is asked for: the cluster's answer is the whole answer.
    answers[True] = [pages[2], pages[0]]
    found, responses = _walk(client, {"q": "форум городов"})
    assert found == [pages[2], pages[0]]
    assert not responses[0].context["outcome"].more


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE, "database": DATABASE})
def test_cluster_down_publishing_works_and_search_falls_back(client, site_tree, caplog):
    page = NewsArticlePageFactory(parent=site_tree, title="Форум городов в Минске", live=False)
    with caplog.at_level(logging.ERROR):
        publish(page)
    assert page.live
    assert any("'default' search backend" in record.getMessage() for record in caplog.records)
    response = client.get("/ru/search/", {"q": "форумы"})
    assert result_pages(response) == [page]
    assert response.context["outcome"].backend == "database"
    assert client.get("/ru/search/suggest/", {"q": "Форум"}).json()["suggestions"] == [page.title]


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE})
def test_cluster_down_without_fallback_says_so(client, site_tree):
    response = client.get("/ru/search/", {"q": "форум"})
    assert response.status_code == 200
    assert "Поиск временно недоступен" in response.content.decode()


LIVE_URL = os.environ.get("ELASTICSEARCH_URL")


@pytest.mark.elasticsearch
@pytest.mark.skipif(not LIVE_URL, reason="ELASTICSEARCH_URL is not set")
@pytest.mark.django_db
def test_live_relevance_set(client, archive):
    live = {**UNREACHABLE, "URLS": [LIVE_URL], "INDEX": "newsroom_test_live", "TIMEOUT": 10}
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": live}):
        call_command("update_index", verbosity=0)
        get_search_backend().get_index_for_model(NewsArticlePage).refresh()
        failures = []
        for language, query, key, rank in RELEVANCE:
            response = client.get(f"/{language}/search/", {"q": query})
            assert response.context["outcome"].backend == "default"
            expected = archive[key][0 if language == "ru" else 1]
            if expected.pk not in [page.pk for page in result_pages(response)[:rank]]:
                failures.append(f"{language} {query!r}: expected {key} in top {rank}")
        assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_failed_index_update_is_retried_at_the_next_publication(client, site_tree):
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE}):
        first = NewsArticlePageFactory(parent=site_tree, title="Фестиваль в Ереване", live=False)
        publish(first)
    # The cluster is back (here: the database index takes over as the backend).
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE}):
        assert result_pages(client.get("/ru/search/", {"q": "фестиваль"})) == []
        second = NewsArticlePageFactory(parent=site_tree, title="Выставка в Минске", live=False)
        publish(second)
        assert result_pages(client.get("/ru/search/", {"q": "фестиваля"})) == [first]
        assert result_pages(client.get("/ru/search/", {"q": "выставки"})) == [second]


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS={"default": UNREACHABLE})
def test_cluster_results_name_their_tags_in_the_readers_language(
    client, cluster, release, translate
):
    from news.models import Topic

    answers, _asked = cluster
    _ru_page, en_page = release
    translate(Topic.objects.get(locale__language_code="ru", name="визит"), {"визит": "visit"})
    answers[True] = [en_page]
    html = client.get("/en/search/", {"q": "roadmap"}).content.decode()
    tags = re.findall(r'href="\?[^"]*tag=[^"]*"[^>]*>([^<]+)</a>', html)
    # The translated tag in English; the untranslated one as it is.
    assert sorted(tags) == ["visit", "транспорт"]
