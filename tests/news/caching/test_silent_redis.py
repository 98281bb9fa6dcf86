"""Redis accepts connections and never answers: after the first failed call the site stops
asking it for a while, so that readers are not each held up by its timeouts."""

import socket
import threading
import types

import pytest

from django.core.cache import caches

import news.caching.breaker as breaker
from newsroom.settings.base import redis_cache
from tests.ports import free_port
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import RU_TITLE

pytestmark = pytest.mark.django_db


class SilentServer:
    """Listens on 127.0.0.1, accepts every connection, reads nothing, answers nothing."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", free_port()))
        self.listener.listen(64)
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)

    @property
    def connections(self):
        return len(self.accepted)

    def stop(self):
        self.stopping.set()
        self.thread.join()
        for connection in [*self.accepted, self.listener]:
            connection.close()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    # The breaker's own clock, so that the pause can pass without waiting for it.
    clock = Clock()
    monkeypatch.setattr(breaker, "time", types.SimpleNamespace(monotonic=clock.monotonic))
    return clock


@pytest.fixture
def silent_redis(settings, clock):
    server = SilentServer()
    config = redis_cache(f"redis://127.0.0.1:{server.port}/0")
    config["OPTIONS"].update(
        SOCKET_CONNECT_TIMEOUT=0.2, SOCKET_TIMEOUT=0.2, CIRCUIT_BREAKER_SECONDS=30
    )
    settings.CACHES = {"default": config}
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_COPIES_ALIAS = None
    yield server
    caches["default"].close()
    server.stop()


def read(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["X-Page-Cache"] == "miss", address
    return response


def test_after_one_failure_pages_come_from_the_database_without_asking_redis(
    client, release, silent_redis
):
    ru_page, _ = release
    read(client, ru_page.url)
    reached = silent_redis.connections
    assert reached >= 1
    for address in (ru_page.url, "/ru/", "/ru/news/", "/ru/news/?page=2", ru_page.url):
        response = read(client, address)
    assert RU_TITLE in response.content.decode()
    # Five pages more, and not one more connection to the silent server.
    assert silent_redis.connections == reached


def test_redis_is_tried_again_after_the_pause(client, release, silent_redis, clock):
    ru_page, _ = release
    read(client, ru_page.url)
    reached = silent_redis.connections
    clock.now += 29
    read(client, ru_page.url)
    assert silent_redis.connections == reached
    clock.now += 2
    read(client, ru_page.url)
    retried = silent_redis.connections
    assert retried > reached
    # The try failed too: the pause starts again.
    read(client, "/ru/")
    read(client, ru_page.url)
    assert silent_redis.connections == retried
