import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from django.utils import timezone

from tests.factories import NewsArticlePageFactory
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

# The translated release's tags.
TAGS = ("визит", "транспорт")

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def read_sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    urls = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        urls[loc] = {
            "lastmod": url.find("sm:lastmod", NS).text,
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return urls


def test_sitemap_lists_every_live_page_in_both_languages(client, release, other_release):
    ru_page, en_page = release
    draft = NewsArticlePageFactory(parent=other_release.get_parent(), live=False)
    urls = read_sitemap(client)
    base = "http://testserver"
    assert set(urls) == {
        f"{base}/ru/",
        f"{base}/en/",
        f"{base}/ru/news/",
        f"{base}/en/news/",
        f"{base}{ru_page.url}",
        f"{base}{en_page.url}",
        f"{base}{other_release.url}",
        # The archive's listings by city and by tag that hold releases.
        f"{base}/ru/news/city/minsk/",
        f"{base}/en/news/city/minsk/",
        f"{base}/ru/news/city/belgrade/",
        *(f"{base}/{code}/news/tag/{quote(tag)}/" for code in ("ru", "en") for tag in TAGS),
        f"{base}/ru/news/tag/{quote('технологии')}/",
    }
    assert not any(draft.slug in url for url in urls)

    ru_entry = urls[f"{base}{ru_page.url}"]
    en_entry = urls[f"{base}{en_page.url}"]
    expected = {
        "ru": f"{base}{ru_page.url}",
        "en": f"{base}{en_page.url}",
        "x-default": f"{base}{ru_page.url}",
    }
    assert ru_entry["alternates"] == expected
    assert en_entry["alternates"] == expected
    # The day of the site's time zone, which is not UTC's in the last hours of a UTC day.
    published = timezone.localtime(ru_page.last_published_at)
    assert ru_entry["lastmod"] == published.strftime("%Y-%m-%d")
    # The home pages are translations of each other too.
    assert urls[f"{base}/en/"]["alternates"]["ru"] == f"{base}/ru/"
    # A release that has no translation has no alternates.
    assert urls[f"{base}{other_release.url}"]["alternates"] == {}


def test_city_and_tag_listings_name_their_translations(client, release, other_release):
    ru_page, _en_page = release
    urls = read_sitemap(client)
    base = "http://testserver"
    for tail in ("city/minsk/", f"tag/{quote('визит')}/"):
        for code in ("ru", "en"):
            entry = urls[f"{base}/{code}/news/{tail}"]
            assert entry["alternates"] == {
                "ru": f"{base}/ru/news/{tail}",
                "en": f"{base}/en/news/{tail}",
                "x-default": f"{base}/ru/news/{tail}",
            }
        # As fresh as the newest release listed.
        published = timezone.localtime(ru_page.last_published_at)
        assert urls[f"{base}/ru/news/{tail}"]["lastmod"] == published.strftime("%Y-%m-%d")
    # A city's English page holds no release yet: not offered on its own, though named as
    # the Russian page's translation, as that page's head names it.
    assert f"{base}/en/news/city/belgrade/" not in urls
    assert urls[f"{base}/ru/news/city/belgrade/"]["alternates"]["en"] == (
        f"{base}/en/news/city/belgrade/"
    )
    # A tag carried in one language has no translation.
    assert urls[f"{base}/ru/news/tag/{quote('технологии')}/"]["alternates"] == {}


def test_unpublished_translation_disappears_from_the_sitemap(client, release):
    ru_page, en_page = release
    en_page.unpublish()
    urls = read_sitemap(client)
    assert not any(url.endswith(en_page.url) for url in urls)
    ru_entry = next(entry for url, entry in urls.items() if url.endswith(ru_page.url))
    assert ru_entry["alternates"] == {}


def test_sitemap_query_count_does_not_grow_with_releases(
    client, site_tree, django_assert_max_num_queries
):
    for number in range(15):
        NewsArticlePageFactory(parent=site_tree, slug=f"r-{number}").save_revision().publish()
    with django_assert_max_num_queries(15):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_points_to_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
