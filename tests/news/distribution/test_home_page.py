"""The home page: the lead story with a large photo, the latest releases, the partner
cities with their latest news and the press office's contacts for journalists."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from core.models import PressOffice
from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_TITLE, RU_TITLE, add_photos

pytestmark = pytest.mark.django_db


def section(html, name):
    return re.search(rf'<(\w+) class="{name}"[^>]*>.*?</\1>', html, re.S)[0]


def test_the_lead_story_comes_first_with_a_large_photo(client, release, other_release):
    html = client.get("/ru/").content.decode()
    lead = section(html, "lead-story")
    assert RU_TITLE in lead
    image = re.search(r'<img class="lead-story__image"[^>]*>', lead)[0]
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 1200w"', image)
    assert 'alt="Описание фото 1"' in image
    # The latest releases follow, without the lead story again.
    latest = section(html, "home-latest")
    assert other_release.title in latest
    assert RU_TITLE not in latest
    order = [html.index(f'class="{name}"') for name in ("lead-story", "home-latest", "city-news")]
    assert order == sorted(order)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_partner_cities_with_their_latest_news(client, release, other_release, language):
    html = client.get(f"/{language}/").content.decode()
    cities = section(html, "city-news")
    if language == "ru":
        assert '<a href="/ru/news/city/minsk/">Минск</a>' in cities
        assert RU_TITLE in cities
        assert '<a href="/ru/news/city/belgrade/">Белград</a>' in cities
        assert other_release.title in cities
    else:
        assert '<a href="/en/news/city/minsk/">Minsk</a>' in cities
        assert EN_TITLE in cities
        # The Belgrade release has no English version: no Belgrade news in English.
        assert "Belgrade" not in cities


def test_contacts_for_journalists_come_from_the_site_settings(client, release):
    office = PressOffice.for_site(Site.objects.get(is_default_site=True))
    office.phone = "+7 495 123-45-67"
    office.email = "pressa@example.org"
    office.contact_name_en = "Maria Ivanova, press secretary"
    office.save()
    html = client.get("/en/").content.decode()
    contacts = section(html, "aside-box journalists")
    assert "Maria Ivanova, press secretary" in contacts
    assert 'href="tel:+74951234567"' in contacts
    assert 'href="mailto:pressa@example.org"' in contacts
    assert 'href="/en/alerts/"' in contacts


def warm(client):
    # The first view makes the press office's settings row, which empties the kept
    # navigation and Site once more: the count is taken when nothing is left to fill.
    for _ in range(2):
        client.get("/ru/")


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_home_page_queries_do_not_grow_with_releases_and_cities(
    client, release, minsk, belgrade, site_tree
):
    warm(client)
    few = count(client, "/ru/")
    for number in range(6):
        page = NewsArticlePageFactory(
            parent=site_tree,
            slug=f"more-{number}",
            date=datetime.date(2024, 5, number + 1),
            cities=[minsk, belgrade],
        )
        add_photos(page, 2, size=(400, 300))
        publish(page)
    warm(client)
    assert count(client, "/ru/") == few
