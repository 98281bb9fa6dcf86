"""Hits read their generations from Redis on a connection each worker keeps
(news.caching.client): Redis closing it, as on a restart, costs no hit and no error. What
Redis reports unchanged is not read again (news.caching.watch)."""

import logging
import time
import types

import pytest
import redis
from django_redis.cache import RedisCache

from news.caching import watch
from news.caching.generations import GENERATION_KEY, LISTINGS_KEY
from news.models import NewsArticlePage
from tests.factories import publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

from .kinds import redis_config, redis_url, use_page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_redis(settings):
    use_page_cache(settings, "redis")
    return redis.Redis.from_url(redis_url())


@pytest.fixture
def mgets(monkeypatch):
    """The MGETs this process sends. Redis's own count would take in those of another run of
    the suite on the same server."""
    sent = []
    send = redis.connection.AbstractConnection.send_command

    def counting_send(connection, *args, **kwargs):
        if args[:1] == ("MGET",):
            sent.append(args[1:])
        return send(connection, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", counting_send)
    return sent


def own_database(client):
    return client["db"] == redis_url().rsplit("/", 1)[1]


def close_hit_connections(server):
    """What a restart of Redis does to the connections hits read from: closed under them."""
    readers = [
        client
        for client in server.client_list()
        if own_database(client) and client["cmd"] == "mget"
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


def another_machine():
    """A cache client of its own on the same Redis, as another machine's worker has."""
    params = redis_config()
    return RedisCache(params.pop("LOCATION"), params)


def watch_connections(server):
    return [
        client for client in server.client_list() if own_database(client) and client["sub"] == "1"
    ]


def test_hits_ask_redis_nothing_until_it_reports_a_change(client, release, shared_redis, mgets):
    ru_page, _ = release
    client.get(ru_page.url)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"

    before = len(mgets)
    for _ in range(5):
        assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert len(mgets) == before


def test_a_change_saved_through_another_machine_shows_at_once(client, release, shared_redis):
    ru_page, _ = release
    client.get(ru_page.url)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"

    NewsArticlePage.objects.filter(pk=ru_page.pk).update(title="Исправленный заголовок")
    another_machine().set_many({LISTINGS_KEY: "new", GENERATION_KEY: "new"}, None)
    changed = client.get(ru_page.url)
    assert changed["X-Page-Cache"] == "miss"
    assert "Исправленный заголовок" in changed.content.decode()
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"


def test_without_the_watch_hits_read_redis_again(client, release, shared_redis, mgets):
    """Redis closing the connection it reports changes on (a restart, a proxy's timeout)."""
    ru_page, _ = release
    client.get(ru_page.url)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    for connection in watch_connections(shared_redis):
        shared_redis.client_kill_filter(_id=connection["id"])

    # The change it will not hear of is read from Redis.
    another_machine().set_many({GENERATION_KEY: "new"}, None)
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    before = len(mgets)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert len(mgets) > before


def test_a_watch_redis_has_not_answered_lately_is_not_trusted(
    client, release, shared_redis, mgets, monkeypatch
):
    """A connection that went silent (a network cut) could be missing reports."""
    monkeypatch.setattr(watch, "TRUST_SECONDS", 0)
    ru_page, _ = release
    client.get(ru_page.url)
    before = len(mgets)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert len(mgets) == before + 2


class Clock:
    def __init__(self):
        self.now = time.monotonic()

    def monotonic(self):
        return self.now


def test_an_answer_read_after_a_pause_vouches_only_for_when_it_was_asked(
    client, release, shared_redis, mgets, monkeypatch
):
    """A worker idle for a while finds Redis's answer to the PING it sent before: it says
    nothing of the time since, so the first hit after the pause reads Redis."""
    clock = Clock()
    monkeypatch.setattr(watch, "time", types.SimpleNamespace(monotonic=clock.monotonic))
    ru_page, _ = release
    client.get(ru_page.url)
    clock.now += watch.PING_SECONDS
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"  # sends a PING
    time.sleep(0.1)  # its answer arrives while the worker is idle

    clock.now += 10 * watch.TRUST_SECONDS
    before = len(mgets)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert len(mgets) == before + 1
    time.sleep(0.1)
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert len(mgets) == before + 1
