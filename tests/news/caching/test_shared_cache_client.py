"""Hits read their generations from Redis on a connection each worker keeps
(news.caching.client): Redis closing it, as on a restart, costs no hit and no error."""

import logging

import pytest
import redis

from news.models import NewsArticlePage
from tests.factories import publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

from .kinds import REDIS_URL, use_page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_redis(settings):
    use_page_cache(settings, "redis")
    return redis.Redis.from_url(REDIS_URL)


def close_hit_connections(server):
    """What a restart of Redis does to the connections hits read from: closed under them."""
    readers = [
        client
        for client in server.client_list()
        if client["db"] == REDIS_URL.rsplit("/", 1)[1] and client["cmd"] == "mget"
    ]
    assert readers, "no connection has read generations"
    for client in readers:
        server.client_kill_filter(_id=client["id"])


def test_a_hit_survives_redis_closing_its_connection(client, release, shared_redis, caplog):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"

    close_hit_connections(shared_redis)
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        # Asked again on a new connection, not taken for an outage that would stop the
        # cache for CACHE_RETRY_SECONDS.
        assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
        assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert not caplog.records

    # Still checked against Redis on the new connection: a publication shows at once.
    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта с Минском дополнена"
    publish(ru_page)
    changed = client.get(ru_page.url)
    assert changed["X-Page-Cache"] == "miss"
    assert "Дорожная карта с Минском дополнена" in changed.content.decode()
