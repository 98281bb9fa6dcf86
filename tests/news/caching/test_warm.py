"""Publishing a release leaves its pages cached for their first reader (news.caching.warm)."""

import logging

import pytest

from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage
from tests.factories import publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

NEW_TITLE = "Дорожная карта с Минском дополнена"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def warmed(caplog):
    return [record.args[0] for record in caplog.records if record.name == "news.caching.warm"]


def test_the_first_reader_of_each_changed_page_gets_it_from_the_cache(
    client, release, django_capture_on_commit_callbacks
):
    ru_page, en_page = release
    with django_capture_on_commit_callbacks(execute=True):
        ru_page.title = NEW_TITLE
        publish(ru_page)
        publish(NewsArticlePage.objects.get(pk=en_page.pk))
    addresses = [ru_page.url, en_page.url]
    for language in ("ru", "en"):
        addresses += [f"/{language}/", f"/{language}/news/"]
        addresses += [f"/{language}/feeds/rss/", f"/{language}/feeds/atom/"]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Page-Cache"] == "hit", address
    for address in (ru_page.url, "/ru/news/", "/ru/feeds/rss/"):
        assert NEW_TITLE in client.get(address).content.decode(), address


def test_a_private_release_is_never_warmed(
    client, release, caplog, django_capture_on_commit_callbacks
):
    ru_page, en_page = release
    # Copied to the translation by the publishing pipeline.
    PageViewRestriction.objects.create(
        page=ru_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",  # noqa: S106
    )
    with (
        caplog.at_level(logging.DEBUG, logger="news.caching.warm"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(ru_page)
    paths = warmed(caplog)
    assert "/ru/news/" in paths
    assert ru_page.url not in paths
    assert en_page.url not in paths
    assert client.get(ru_page.url).get("X-Page-Cache") != "hit"


def test_a_release_unpublished_before_the_worker_runs_is_not_warmed(
    client, release, caplog, django_capture_on_commit_callbacks
):
    ru_page, en_page = release
    with (
        caplog.at_level(logging.DEBUG, logger="news.caching.warm"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        publish(ru_page)
        ru_page.unpublish()
    assert ru_page.url not in warmed(caplog)
    assert client.get(ru_page.url).status_code == 404
