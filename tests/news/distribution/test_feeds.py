import datetime
import html
import time

import feedparser
import pytest

from tests.factories import NewsArticlePageFactory
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_LEAD, EN_TITLE, RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_language_feeds_list_every_release_with_its_details(client, release, other_release, kind):
    ru_page, en_page = release
    response, feed = parse(client, f"/ru/feeds/{kind}/")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.title == "Пресс-релизы"
    assert feed.feed.language == "ru"
    assert feed.feed.link == "http://testserver/ru/news/"
    # Newest first; drafts and English pages are not in the Russian feed.
    assert [e.title for e in feed.entries] == [RU_TITLE, other_release.title]

    entry = feed.entries[0]
    assert entry.link == f"http://testserver{ru_page.url}"
    # The whole lead, as HTML-escaped text: readers render summaries as HTML.
    assert html.unescape(entry.summary) == RU_LEAD
    assert "&amp;" in entry.summary
    assert entry.published_parsed[:3] == (2024, 3, 5)
    assert entry.id.startswith("urn:uuid:")
    tags = {t.term for t in entry.tags}
    assert {"Минск", "визит", "транспорт"} <= tags
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert len(enclosures) == 1
    assert enclosures[0].type == "image/jpeg"
    assert enclosures[0].href.startswith("http://testserver/media/images/")
    assert int(enclosures[0].length) > 0
    # A release without photos has no enclosure.
    assert not [link for link in feed.entries[1].links if link.rel == "enclosure"]

    response, feed = parse(client, f"/en/feeds/{kind}/")
    assert feed.feed.title == "Press releases"
    assert [e.title for e in feed.entries] == [EN_TITLE]
    assert html.unescape(feed.entries[0].summary) == EN_LEAD
    assert feed.entries[0].link == f"http://testserver{en_page.url}"
    assert "Minsk" in {t.term for t in feed.entries[0].tags}


def test_guids_are_stable_and_distinct_per_language(client, release):
    ru_page, en_page = release
    _, ru_feed = parse(client, "/ru/feeds/rss/")
    _, en_feed = parse(client, "/en/feeds/rss/")
    ru_guid, en_guid = ru_feed.entries[0].id, en_feed.entries[0].id
    assert ru_guid != en_guid
    # Changing the address does not change the GUID.
    ru_page.slug = "minsk-roadmap-renamed"
    ru_page.save_revision().publish()
    _, again = parse(client, "/ru/feeds/rss/")
    assert again.entries[0].link.endswith("/minsk-roadmap-renamed/")
    assert again.entries[0].id == ru_guid
    assert ru_feed.entries[0].guidislink is False


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_city_feeds(client, release, other_release, kind):
    _, feed = parse(client, f"/ru/feeds/city/minsk/{kind}/")
    assert feed.feed.title == "Пресс-релизы: Минск"
    assert [e.title for e in feed.entries] == [RU_TITLE]
    _, feed = parse(client, f"/ru/feeds/city/belgrade/{kind}/")
    assert [e.title for e in feed.entries] == [other_release.title]
    _, feed = parse(client, f"/en/feeds/city/minsk/{kind}/")
    assert feed.feed.title == "Press releases: Minsk"
    assert [e.title for e in feed.entries] == [EN_TITLE]
    # Belgrade has no English release yet: an empty but valid feed.
    _, feed = parse(client, f"/en/feeds/city/belgrade/{kind}/")
    assert feed.entries == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_tag_feeds(client, release, other_release, kind):
    _, feed = parse(client, f"/ru/feeds/tag/визит/{kind}/")
    assert [e.title for e in feed.entries] == [RU_TITLE]
    assert "визит" in feed.feed.title
    _, feed = parse(client, f"/ru/feeds/tag/технологии/{kind}/")
    assert [e.title for e in feed.entries] == [other_release.title]


def test_unknown_city_tag_or_format_is_a_404_in_the_readers_language(client, release):
    response = client.get("/en/feeds/city/atlantis/rss/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert client.get("/ru/feeds/tag/нет-такого/atom/").status_code == 404
    assert client.get("/ru/feeds/json/").status_code == 404


def test_drafts_and_unpublished_releases_stay_out(client, site_tree, release):
    NewsArticlePageFactory(parent=site_tree, title="Черновик", live=False)
    published = NewsArticlePageFactory(parent=site_tree, title="Снятый с публикации")
    published.save_revision().publish()
    published.unpublish()
    _, feed = parse(client, "/ru/feeds/rss/")
    titles = [e.title for e in feed.entries]
    assert "Черновик" not in titles
    assert "Снятый с публикации" not in titles


def test_feed_size_is_limited(client, site_tree, settings):
    from news.distribution import feeds

    for day in range(1, 5):
        page = NewsArticlePageFactory(
            parent=site_tree, title=f"Релиз {day}", date=datetime.date(2024, 1, day)
        )
        page.save_revision().publish()
    original = feeds.FEED_SIZE
    feeds.FEED_SIZE = 3
    try:
        _, feed = parse(client, "/ru/feeds/atom/")
    finally:
        feeds.FEED_SIZE = original
    assert [e.title for e in feed.entries] == ["Релиз 4", "Релиз 3", "Релиз 2"]
    assert time.strftime("%Y-%m-%d", feed.entries[0].updated_parsed)
