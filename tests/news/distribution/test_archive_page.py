"""The archive is a list (date, title, lead, thumbnail) with filters by year and partner
city that are plain links, so they work without JavaScript."""

import datetime
import re

import pytest

from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_TITLE, RU_TITLE

pytestmark = pytest.mark.django_db


def filters(html):
    """{link text: (href, current)} of the archive's filter links."""
    nav = re.search(r'<nav class="archive-filters".*?</nav>', html, re.S)[0]
    found = {}
    for attrs, text in re.findall(r'<a class="filter" ([^>]*)>(.*?)</a>', nav, re.S):
        label = re.sub(r"<[^>]+>", " ", text).split()
        found[" ".join(label)] = (
            re.search(r'href="([^"]+)"', attrs)[1],
            "aria-current" in attrs,
        )
    return found


@pytest.fixture
def older(site_tree, minsk):
    return publish(
        NewsArticlePageFactory(
            parent=site_tree, slug="older", date=datetime.date(2022, 6, 1), cities=[minsk]
        )
    )


def test_the_archive_lists_releases_with_their_date_lead_and_thumbnail(
    client, release, other_release
):
    html = client.get("/ru/news/").content.decode()
    assert 'class="cards"' not in html
    items = re.findall(r'<article class="release-item">.*?</article>', html, re.S)
    assert len(items) == 2
    first = items[0]
    assert '<time datetime="2024-03-05">5 марта 2024</time>' in first
    assert RU_TITLE in first
    assert "Стороны утвердили план" in first
    assert re.search(r'<img [^>]*class="release-item__image"', first)
    # A release without photos has no empty image.
    assert "<img" not in items[1]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_filters_by_year_and_city_are_links(client, release, other_release, older, language):
    found = filters(client.get(f"/{language}/news/").content.decode())
    if language == "ru":
        assert found["2024 2"] == ("/ru/news/2024/", False)
        assert found["2022 1"] == ("/ru/news/2022/", False)
        assert found["Белград"] == ("/ru/news/city/belgrade/", False)
        assert found["Минск"] == ("/ru/news/city/minsk/", False)
    else:
        # Only the Minsk roadmap is translated; the cities are named in English.
        assert found["2024 1"] == ("/en/news/2024/", False)
        assert "2022 1" not in found
        assert found["Belgrade"] == ("/en/news/city/belgrade/", False)
        assert found["Minsk"] == ("/en/news/city/minsk/", False)
    assert [label for label, (_href, current) in found.items() if current] == [
        {"ru": "Все годы", "en": "All years"}[language],
        {"ru": "Все города", "en": "All cities"}[language],
    ]


def test_the_chosen_filter_is_marked_and_the_list_narrowed(client, release, other_release, older):
    html = client.get("/en/news/city/minsk/").content.decode()
    current = [label for label, (_href, on) in filters(html).items() if on]
    # Each group marks its own choice: every year of Minsk, every city of 2024.
    assert current == ["All years", "Minsk"]
    assert EN_TITLE in html
    html = client.get("/ru/news/2024/").content.decode()
    current = [label for label, (_href, on) in filters(html).items() if on]
    assert current == ["2024 2", "Все города"]
    assert html.count('<article class="release-item">') == 2
