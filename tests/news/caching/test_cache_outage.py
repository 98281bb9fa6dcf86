"""Redis, the shared cache, stops answering: the site keeps serving and publishing."""

import logging

import pytest

from django.core.cache import caches

from news.models import NewsArticlePage
from newsroom.settings.base import redis_cache
from tests.factories import publish
from tests.ports import free_port
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import RU_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_redis(settings):
    # Nothing listens on a port just found free: every connection is refused.
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_COPIES_ALIAS = None
    yield
    caches["default"].close()


def test_readers_and_editors_carry_on_without_the_shared_cache(
    client, admin_client, release, unreachable_redis, caplog
):
    ru_page, _ = release
    for address in (ru_page.url, ru_page.url, "/ru/", "/ru/news/", "/ru/news/?page=2"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Page-Cache"] == "miss", address
    assert RU_TITLE in client.get(ru_page.url).content.decode()
    assert admin_client.get("/admin/").status_code == 200

    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта с Минском дополнена"
    with caplog.at_level(logging.ERROR):
        publish(ru_page)
    assert "Дорожная карта с Минском дополнена" in client.get(ru_page.url).content.decode()
    assert "Дорожная карта с Минском дополнена" in client.get("/ru/news/").content.decode()
    # The operator is told what the lost purge may cost.
    purges = [r for r in caplog.records if r.name == "news.caching.generations"]
    assert purges and "could not be purged" in purges[0].getMessage()
    assert [r for r in caplog.records if r.name == "newsroom.cache"]
