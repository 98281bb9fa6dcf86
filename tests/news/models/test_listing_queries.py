"""Listings read the newest releases in date order from an index, whatever the archive's
size: no DISTINCT and no sort of every release before the first page can be returned."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish, topics
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import RU_TITLE
from tests.sqlite_work import sqlite_steps

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/ru/",
    "/ru/news/",
    "/ru/feeds/rss/",
    "/ru/feeds/city/minsk/rss/",
    "/ru/feeds/tag/визит/atom/",
    "/ru/news/city/minsk/",
]


def listing_query(client, url):
    """The query that picks a listing's releases (ordered by date, limited)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    order = 'ORDER BY "news_newsarticlepage"."date" DESC'
    picks = [
        query["sql"]
        for query in queries.captured_queries
        if order in query["sql"] and "LIMIT" in query["sql"]
    ]
    assert picks, url
    return picks[0]


def test_city_and_tag_listings_need_no_distinct(client, release):
    for url in LISTINGS:
        sql = listing_query(client, url)
        assert "DISTINCT" not in sql, url
        assert RU_TITLE in client.get(url).content.decode(), url


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_postgres_reads_listings_through_the_date_index(client, release):
    # Kept as a plan check: on a test database's few rows PostgreSQL neither takes more
    # time nor does measurably more work without the index, so only its plan shows
    # whether the index can serve the listings. SQLite is checked by its work below.
    for url in LISTINGS:
        sql = listing_query(client, url)
        with connection.cursor() as cursor:
            # A test database is too small for the planner to prefer an index on its own.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}")  # noqa: S608 - the site's own query
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "news_release_date" in plan, (url, plan)


def listing_work(client):
    """SQLite's steps for running each listing's query once."""

    def run(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    work = {}
    for url in LISTINGS:
        sql = listing_query(client, url)
        work[url] = sqlite_steps(lambda sql=sql: run(sql))
    return work


@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's steps")
def test_reading_a_listing_does_not_grow_with_the_archive(client, release, minsk):
    # Left to itself, SQLite starts from the page table's locale index and sorts every
    # release of the language (200 ms for the archive's first page at 100,000 pairs).
    # Read newest first from the date index, a listing stops after the releases it shows.
    archive = release[0].get_parent()

    added = []

    def add(count):
        # Each on a day of its own, newer than the last: a listing is read newest first.
        for _ in range(count):
            added.append(datetime.date(2030, 1, 1) + datetime.timedelta(days=len(added)))
            page = NewsArticlePageFactory(parent=archive, cities=[minsk], date=added[-1])
            page.tags.add(*topics("визит"))
            page.save()

    add(25)
    small = listing_work(client)
    add(50)
    large = listing_work(client)
    # A city's or a tag's listing also reads that city's or tag's releases, which grow
    # with it; whether it starts from the date index is held by its plan below.
    unfiltered = ["/ru/", "/ru/news/", "/ru/feeds/rss/"]
    grown = {url: (small[url], large[url]) for url in unfiltered if large[url] > small[url] * 1.2}
    assert not grown, grown


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
def test_sqlite_reads_listings_through_the_date_index(client, release):
    # Kept as a plan check: a city's or a tag's listing does work in proportion to that
    # city's or tag's releases either way, so its steps cannot tell reading by date from
    # sorting every release; only the plan does.
    for url in LISTINGS:
        sql = listing_query(client, url)
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")  # noqa: S608 - the site's own query
            plan = "\n".join(row[3] for row in cursor.fetchall())
        assert "USING COVERING INDEX news_release_date" in plan, (url, plan)


def test_the_archive_pages_list_the_same_releases_in_the_same_order(client, site_tree):
    for n, day in enumerate([3, 1, 3, 2, 3, 1, 2, 3, 1, 2, 3, 2]):
        publish(
            NewsArticlePageFactory(
                parent=site_tree,
                title=f"Релиз {n}",
                slug=f"release-{n}",
                date=datetime.date(2026, 11, day),
            )
        )
    expected = list(
        NewsArticlePage.objects.live()
        .filter(locale__language_code="ru")
        .order_by("-date", "-first_published_at", "-pk")
        .values_list("title", flat=True)
    )
    shown = []
    for number in (1, 2):
        response = client.get(f"/ru/news/?page={number}")
        shown += [page.title for page in response.context["articles"]]
    assert shown == expected
