"""Browsing the archive without a query: by year, by month and by partner city."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feed

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def minsk(ru, en, translate):
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    return city


@pytest.fixture
def releases(site_tree, minsk, translate):
    made = {}
    for slug, title, english, date, cities in (
        (
            "nov",
            "Ноябрьская встреча в Минске",
            "November meeting in Minsk",
            (2023, 11, 15),
            [minsk],
        ),
        ("oct", "Октябрьский форум", "October forum", (2023, 10, 2), []),
        ("old", "Старая новость из Минска", "Old news from Minsk", (2021, 11, 20), [minsk]),
    ):
        page = NewsArticlePageFactory(
            parent=site_tree,
            title=title,
            slug=slug,
            date=datetime.date(*date),
            cities=cities,
            live=False,
        )
        publish(page)
        made[slug] = (page, translate(page, {title: english}))
    draft = NewsArticlePageFactory(
        parent=site_tree, title="Черновик ноября", slug="draft", date=datetime.date(2023, 11, 1)
    )
    draft.unpublish()
    return made


def titles(response):
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


def test_archive_lists_years_with_counts(client, releases):
    response = client.get("/ru/news/")
    html = response.content.decode()
    assert 'href="/ru/news/2023/">2023 <span class="filter__count">2</span>' in html
    assert 'href="/ru/news/2021/"' in html


def test_year_and_month_pages(client, releases):
    year = client.get("/ru/news/2023/")
    assert titles(year) == ["Ноябрьская встреча в Минске", "Октябрьский форум"]
    html = year.content.decode()
    assert 'href="/ru/news/2023/11/"' in html and "Ноябрь" in html
    assert titles(client.get("/ru/news/2023/11/")) == ["Ноябрьская встреча в Минске"]
    assert titles(client.get("/en/news/2023/11/")) == ["November meeting in Minsk"]
    assert "November 2023" in client.get("/en/news/2023/11/").content.decode()
    assert titles(client.get("/ru/news/2022/")) == []
    assert client.get("/ru/news/2023/13/").status_code == 404


def test_city_page_lists_its_releases_in_the_readers_language(client, releases):
    ru = client.get("/ru/news/city/minsk/")
    assert titles(ru) == ["Ноябрьская встреча в Минске", "Старая новость из Минска"]
    assert '<h1 class="page-title">Минск</h1>' in ru.content.decode()
    en = client.get("/en/news/city/minsk/")
    assert titles(en) == ["November meeting in Minsk", "Old news from Minsk"]
    assert '<h1 class="page-title">Minsk</h1>' in en.content.decode()
    assert client.get("/ru/news/city/atlantis/").status_code == 404


def test_city_feed(client, releases):
    # The archive's older feed address leads to the city's one feed.
    old = client.get("/en/news/city/minsk/feed/")
    assert old.status_code == 301
    assert old["Location"] == "/en/feeds/city/minsk/rss/"
    assert client.get("/en/news/city/atlantis/feed/").status_code == 404
    response = client.get(old["Location"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("title") == "Press releases: Minsk"
    items = [item.findtext("title") for item in channel.findall("item")]
    assert items == ["November meeting in Minsk", "Old news from Minsk"]
    ru = client.get("/ru/news/city/minsk/feed/", follow=True).content.decode()
    assert "Ноябрьская встреча в Минске" in ru and "November" not in ru


def archive_counts(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.context["articles"].paginator.count, response.context["years"]


def test_archive_counts_are_read_once_until_a_release_is_published(
    client, settings, site_tree, releases
):
    # A crawler walking thousands of archive pages would otherwise count every release of
    # the language on each of them.
    settings.PAGE_CACHE_ENABLED = True
    assert archive_counts(client, "/ru/news/") == (3, [(2023, 2), (2021, 1)])
    with CaptureQueriesContext(connection) as queries:
        assert archive_counts(client, "/ru/news/?page=2") == (3, [(2023, 2), (2021, 1)])
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]

    publish(
        NewsArticlePageFactory(
            parent=site_tree, title="Зимний визит", slug="winter", date=datetime.date(2021, 1, 9)
        )
    )
    assert archive_counts(client, "/ru/news/?page=3") == (4, [(2023, 2), (2021, 2)])
    NewsArticlePage.objects.get(slug="oct", locale__language_code="ru").unpublish()
    assert archive_counts(client, "/ru/news/?page=4") == (3, [(2023, 1), (2021, 2)])
    # Each language and listing counts its own releases.
    assert archive_counts(client, "/en/news/?page=2") == (3, [(2023, 2), (2021, 1)])
    assert archive_counts(client, "/ru/news/2021/?page=2")[0] == 2


def test_the_archive_counts_its_releases_once_on_the_first_view_after_a_publication(
    client, settings, site_tree, releases
):
    # The number behind the pages is the sum of the years: at 100,000 releases each count
    # read the whole archive, 200 ms on PostgreSQL, on the first view after a publication.
    settings.PAGE_CACHE_ENABLED = True
    publish(
        NewsArticlePageFactory(
            parent=site_tree, title="Зимний визит", slug="winter", date=datetime.date(2021, 1, 9)
        )
    )
    with CaptureQueriesContext(connection) as queries:
        assert archive_counts(client, "/ru/news/?page=2") == (4, [(2023, 2), (2021, 2)])
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1, counts
