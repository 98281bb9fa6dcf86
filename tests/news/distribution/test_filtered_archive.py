"""The archive's filtered pages (a city, a tag, a year, a month, a later page) name
themselves to search engines and lead readers to the same listing in the other language."""

import datetime
import re
from urllib.parse import quote, unquote

import pytest

from tests.factories import NewsArticlePageFactory, publish
from tests.news.distribution.test_archive_page import filters
from tests.news.distribution.test_metadata import head_of
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
VISIT = quote("визит")


@pytest.fixture
def older(site_tree, minsk):
    return publish(
        NewsArticlePageFactory(
            parent=site_tree, slug="older", date=datetime.date(2022, 6, 1), cities=[minsk]
        )
    )


def addresses(client, url):
    """(canonical, og:url, {hreflang: href}) of a page."""
    head = head_of(client, url)
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    hreflang = {
        link["hreflang"]: link["href"]
        for link in head.links
        if link.get("rel") == "alternate" and "hreflang" in link
    }
    return canonical, head.meta["og:url"], hreflang


def switch(client, url):
    """{language code: href} of the header's language switch (the current one is no link)."""
    html = client.get(url).content.decode()
    box = re.search(r'<ul class="language-switch">.*?</ul>', html, re.S)[0]
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', box)
    return {code: href for href, code in links}


@pytest.mark.parametrize(
    "tail", ["city/minsk/", "2024/", "2024/3/", f"tag/{VISIT}/"], ids=str.strip
)
def test_a_filtered_page_names_itself_and_its_translation(client, release, tail):
    for language, other in (("ru", "en"), ("en", "ru")):
        url = f"/{language}/news/{tail}"
        canonical, og_url, hreflang = addresses(client, url)
        assert canonical == [f"{BASE}{url}"]
        assert og_url == [f"{BASE}{url}"]
        assert hreflang == {
            "ru": f"{BASE}/ru/news/{tail}",
            "en": f"{BASE}/en/news/{tail}",
            "x-default": f"{BASE}/ru/news/{tail}",
        }
        assert switch(client, url) == {other: f"/{other}/news/{tail}"}
    # A month written with a zero is the same page, named as the archive links it.
    assert addresses(client, "/ru/news/2024/03/")[0] == [f"{BASE}/ru/news/2024/3/"]


def test_a_later_page_keeps_its_number(client, settings, release, other_release, older):
    settings.NEWS_PAGE_SIZE = 1
    for url in ("/ru/news/?page=2", "/ru/news/city/minsk/?page=2", "/ru/news/2024/?page=2"):
        canonical, og_url, hreflang = addresses(client, url)
        assert canonical == og_url == [f"{BASE}{url}"]
        assert hreflang["en"] == f"{BASE}{url.replace('/ru/', '/en/')}"
    # The first page is named once, without a number; a number past the end is the last.
    assert addresses(client, "/ru/news/city/minsk/?page=1")[0] == [f"{BASE}/ru/news/city/minsk/"]
    assert addresses(client, "/ru/news/?page=99")[0] == [f"{BASE}/ru/news/?page=3"]


def test_a_tag_only_one_language_uses_has_no_translation(client, release, other_release):
    tail = f"tag/{quote('технологии')}/"
    assert client.get(f"/en/news/{tail}").status_code == 404
    canonical, _og_url, hreflang = addresses(client, f"/ru/news/{tail}")
    assert canonical == [f"{BASE}/ru/news/{tail}"]
    assert hreflang == {"ru": f"{BASE}/ru/news/{tail}"}
    # The reader is led to the other language's archive rather than to a missing page.
    assert switch(client, f"/ru/news/{tail}") == {"en": "/en/news/"}


def current(found):
    return [label for label, (_href, on) in found.items() if on]


def test_a_city_page_counts_the_citys_years(client, release, other_release, older):
    found = filters(client.get("/ru/news/city/minsk/").content.decode())
    # Minsk has one release in 2024 and one in 2022; the archive has two in 2024.
    assert found["2024 1"] == ("/ru/search/?city=minsk&amp;year=2024", False)
    assert found["2022 1"] == ("/ru/search/?city=minsk&amp;year=2022", False)
    assert "2024 2" not in found
    assert found["Все годы"] == ("/ru/news/city/minsk/", True)
    assert found["Все города"] == ("/ru/news/", False)
    assert found["Белград"] == ("/ru/news/city/belgrade/", False)
    assert current(found) == ["Все годы", "Минск"]


def test_a_tag_page_counts_the_tags_years_and_marks_no_archive_wide_filter(
    client, release, other_release, older
):
    found = filters(client.get(f"/ru/news/tag/{VISIT}/").content.decode())
    assert found["2024 1"] == (f"/ru/search/?tag={VISIT}&amp;year=2024", False)
    assert "2022 1" not in found and "2024 2" not in found
    # "All" is this tag's listing, not the whole archive.
    assert found["Все годы"] == (f"/ru/news/tag/{VISIT}/", True)
    assert found["Все города"] == (f"/ru/news/tag/{VISIT}/", True)
    assert found["Минск"] == (f"/ru/search/?city=minsk&amp;tag={VISIT}", False)


def test_a_year_page_marks_all_cities(client, release, other_release, older):
    found = filters(client.get("/en/news/2024/").content.decode())
    assert current(found) == ["2024 1", "All cities"]
    assert found["All years"] == ("/en/news/", False)
    assert found["All cities"] == ("/en/news/2024/", True)
    assert found["Minsk"] == ("/en/search/?city=minsk&amp;year=2024", False)
    month = filters(client.get("/ru/news/2024/3/").content.decode())
    assert current(month) == ["2024 2", "Все города"]
    assert month["Все города"] == ("/ru/news/2024/3/", True)
    assert month["Минск"] == (
        "/ru/search/?city=minsk&amp;date_from=2024-03-01&amp;date_to=2024-03-31",
        False,
    )


def test_a_combined_filter_leads_to_the_releases_it_names(client, release, other_release, older):
    found = filters(client.get("/ru/news/city/minsk/").content.decode())
    response = client.get(found["2024 1"][0].replace("&amp;", "&"))
    assert response.status_code == 200
    html = response.content.decode()
    assert release[0].title in html
    assert other_release.title not in html and older.title not in html


def test_a_tag_page_offers_its_feed(client, release):
    html = client.get(f"/ru/news/tag/{VISIT}/").content.decode()
    feed = f"/ru/feeds/tag/{VISIT}/rss/"
    assert f'<link rel="alternate" type="application/rss+xml" title="визит" href="{feed}">' in html
    intro = re.search(r'<p class="intro">.*?</p>', html, re.S)[0]
    assert f'href="{feed}"' in intro
    assert unquote(feed) == "/ru/feeds/tag/визит/rss/"


def test_a_filtered_page_is_shared_under_its_own_title(client, release):
    for url, heading in (("/ru/news/city/minsk/", "Минск"), ("/en/news/2024/3/", "March 2024")):
        head = head_of(client, url)
        assert head.meta["og:title"][0].startswith(f"{heading} — ")
        assert head.meta["twitter:title"] == head.meta["og:title"]
    # The whole archive keeps its own title.
    assert " — " not in head_of(client, "/ru/news/").meta["og:title"][0]
