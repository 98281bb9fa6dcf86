"""Tags and photo credits are records translated once: every release shows them in the
reader's language, and whatever is not translated yet is marked with its own language."""

import json
import re

import feedparser
import pytest

from gallery.models import PhotoCredit
from news.models import Topic
from tests.factories import publish, topics
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(release, translate):
    """The release, with its tags and its photos' credit translated into English."""
    for name, english in (("визит", "visit"), ("транспорт", "transport")):
        translate(Topic.objects.get(locale__language_code="ru", name=name), {name: english})
    translate(PhotoCredit.objects.get(name="Пресс-служба"), {"Пресс-служба": "Press office"})
    return release


def credits(html):
    return re.findall(r'<span class="gallery__credit">(.*?)</span>\s*</span>', html, re.S)


def tag_names(html):
    section = html[html.index("article__tags") :]
    return re.findall(r'class="tag"[^>]*>([^<]+)<', section)


def test_english_release_shows_english_tags_and_credit(client, translated):
    ru_page, en_page = translated

    html = client.get(en_page.url).content.decode()
    assert sorted(tag_names(html)) == ["transport", "visit"]
    assert credits(html) and all("<span>Press office" in credit for credit in credits(html))
    for russian in ("визит", "транспорт", "Пресс-служба"):
        assert russian not in html

    # The Russian release keeps the Russian names.
    html = client.get(ru_page.url).content.decode()
    assert sorted(tag_names(html)) == ["визит", "транспорт"]
    assert all("<span>Пресс-служба" in credit for credit in credits(html))


def test_untranslated_credit_and_tag_are_marked_russian(client, release, translate):
    _ru_page, en_page = release
    translate(Topic.objects.get(locale__language_code="ru", name="визит"), {"визит": "visit"})

    html = client.get(en_page.url).content.decode()
    found = credits(html)
    assert len(found) == 2
    assert all('<span lang="ru">Пресс-служба' in credit for credit in found)
    assert sorted(tag_names(html)) == ["visit", "транспорт"]
    assert re.search(r'class="tag"[^>]*lang="ru"[^>]*>транспорт<', html)
    assert not re.search(r'class="tag"[^>]*lang="ru"[^>]*>visit<', html)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_english_feeds_have_english_categories(client, translated, kind):
    ru_page, _en_page = translated
    [entry] = feedparser.parse(client.get(f"/en/feeds/{kind}/").content).entries
    assert {tag.term for tag in entry.tags} == {"Minsk", "visit", "transport"}

    russian = feedparser.parse(client.get(f"/ru/feeds/{kind}/").content).entries[0]
    assert {tag.term for tag in russian.tags} == {"Минск", "визит", "транспорт"}

    # A tag's own feed is titled with its name in the reader's language.
    slug = Topic.objects.get(locale__language_code="ru", name="визит").slug
    feed = feedparser.parse(client.get(f"/en/feeds/tag/{slug}/{kind}/").content)
    assert "visit" in feed.feed.title and "визит" not in feed.feed.title
    assert [e.title for e in feed.entries] == [entry.title]


def test_api_gives_english_tags_and_credit(client, translated):
    _ru_page, en_page = translated
    data = client.get(f"/api/v2/releases/{en_page.pk}/").json()
    assert sorted(data["tags"]) == ["transport", "visit"]
    assert {photo["credit"] for photo in data["gallery"]} == {"Press office"}
    # A tag is found by its name in either language.
    for name in ("visit", "визит"):
        listing = client.get("/api/v2/releases/", {"tag": name, "locale": "en"}).json()
        assert [item["id"] for item in listing["items"]] == [en_page.pk]


def test_english_metadata_keywords_are_english(client, translated):
    ru_page, en_page = translated
    for page, expected in ((en_page, ["transport", "visit"]), (ru_page, ["визит", "транспорт"])):
        html = client.get(page.url).content.decode()
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert sorted(json.loads(script.group(1))["keywords"]) == expected


def test_english_alerts_form_offers_english_tag_names(client, translated, translate):
    ru_page, _en_page = translated
    html = client.get("/en/alerts/").content.decode()
    assert ">visit<" in html and ">transport<" in html
    assert ">визит<" not in html
    # A tag with no English name yet is offered under its Russian one, once.
    [untranslated] = topics("технологии")
    ru_page.tags.add(untranslated)
    publish(ru_page)
    html = client.get("/en/alerts/").content.decode()
    assert html.count(">технологии<") == 1


def test_api_filters_by_tag_names_or_slugs(client, translated):
    ru_page, en_page = translated
    tag = Topic.objects.get(locale__language_code="ru", name="визит")
    for value in ("визит", tag.slug, "visit", f"визит, {tag.slug}"):
        response = client.get("/api/v2/releases/", {"tags": value})
        assert response.status_code == 200, value
        assert {item["id"] for item in response.json()["items"]} >= {ru_page.pk}, value
    response = client.get("/api/v2/releases/", {"tags": "нет-такого-тега"})
    assert response.json()["items"] == []
    assert client.get("/api/v2/releases/", {"tags": ""}).status_code == 200
