"""A reader's address leads to its release through a kept route, which follows every
change of the release's address at once."""

from html import unescape

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import publish
from tests.outages import database_refused
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_a_release_read_again_costs_one_query(client, release):
    ru_page, _ = release
    client.get(ru_page.url)
    client.get(ru_page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ru_page.url)
    assert response.status_code == 200
    # The release's own row: its route and the rest of the page are kept.
    assert len(queries.captured_queries) == 1
    assert RU_TITLE in response.content.decode()


def test_a_new_address_replaces_the_old_one_at_once(client, release):
    ru_page, _ = release
    old_url = ru_page.url
    assert client.get(old_url).status_code == 200

    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.slug = "minsk-roadmap-extended"
    publish(ru_page)

    assert client.get(old_url).status_code == 404
    assert client.get("/ru/news/minsk-roadmap-extended/").status_code == 200


def test_an_unpublished_release_is_gone_at_once(client, release):
    ru_page, _ = release
    assert client.get(ru_page.url).status_code == 200
    ru_page.unpublish()
    assert client.get(ru_page.url).status_code == 404


def test_a_renamed_archive_moves_its_releases_at_once(client, release):
    ru_page, _ = release
    assert client.get(ru_page.url).status_code == 200
    archive = NewsIndexPage.objects.get(locale__language_code="ru")
    archive.slug = "press"
    publish(archive)
    assert client.get(ru_page.url).status_code == 404
    assert client.get("/ru/press/minsk-roadmap/").status_code == 200


def test_a_restriction_guards_a_release_read_before(client, release):
    ru_page, _ = release
    assert RU_LEAD in unescape(client.get(ru_page.url).content.decode())

    PageViewRestriction.objects.create(
        page=ru_page.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    html = unescape(client.get(ru_page.url).content.decode())
    assert 'name="password"' in html
    assert RU_LEAD not in html


def test_a_published_correction_shows_at_once(client, release):
    ru_page, _ = release
    assert RU_LEAD in unescape(client.get(ru_page.url).content.decode())
    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.lead = "Исправленный лид."
    publish(ru_page)
    html = unescape(client.get(ru_page.url).content.decode())
    assert "Исправленный лид." in html
    assert RU_LEAD not in html


def test_without_the_database_a_release_gets_the_outage_page(client, release, monkeypatch):
    ru_page, _ = release
    # The Site is known from an earlier page; the release's route is not.
    assert client.get("/ru/").status_code == 200

    with database_refused(monkeypatch):
        response = client.get(ru_page.url)
    assert response.status_code == 503
