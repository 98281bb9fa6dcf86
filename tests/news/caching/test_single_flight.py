"""A page missing from the cache under a spike of readers is made once (single flight)."""

import importlib
import threading
import uuid

import pytest
import redis

from django.apps import apps
from django.core.cache import caches
from django.db import connections
from django.test import Client

from news.caching import middleware
from news.models import NewsArticlePage
from newsroom.settings.base import redis_cache
from tests.migrated import restore_migrated_data
from tests.release_fixtures import *  # noqa: F403 - fixtures

create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

# The readers' threads have their own database connections: they see committed data only.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _migrated_data(transactional_db):
    """The locales, tree roots and groups of the data migrations, emptied after each test."""
    restore_migrated_data()
    create_roles(apps, None)


READERS = 8
REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture(params=["local", "redis"])
def shared_cache(request, settings):
    settings.PAGE_CACHE_ENABLED = True
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        except redis.RedisError:
            pytest.skip("Redis does not answer at 127.0.0.1:6379")
        config = redis_cache(REDIS_URL)
        # Keys of this test only: nothing else in that database is touched.
        config["KEY_PREFIX"] = f"single-flight-{uuid.uuid4().hex}"
        settings.CACHES = {**settings.CACHES, "default": config}
    return caches["default"]


class Renders(list):
    def __init__(self):
        super().__init__()
        self.before = []


@pytest.fixture
def renders(monkeypatch):
    """Each release page made, and a hook run before it is made (in the reader's thread)."""
    made = Renders()
    before = made.before
    serve = NewsArticlePage.serve

    def counting_serve(page, request, *args, **kwargs):
        made.append(page.pk)
        for hook in before:
            hook(len(made))
        return serve(page, request, *args, **kwargs)

    monkeypatch.setattr(NewsArticlePage, "serve", counting_serve)
    return made


@pytest.fixture
def refused_locks(shared_cache, monkeypatch):
    """Set once every reader but one found the page being made by another."""
    refused = []
    everyone_waits = threading.Event()
    # Each thread has its own cache object: the class is wrapped.
    backend = type(shared_cache)
    add = backend.add

    def counting_add(self, key, *args, **kwargs):
        added = add(self, key, *args, **kwargs)
        if str(key).endswith(":lock") and not added:
            refused.append(key)
            if len(refused) == READERS - 1:
                everyone_waits.set()
        return added

    monkeypatch.setattr(backend, "add", counting_add)
    return everyone_waits


def read_concurrently(path, count):
    answers = [None] * count

    def read(number):
        try:
            response = Client().get(path)
            answers[number] = (response.status_code, response["X-Page-Cache"], response.content)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_concurrent_readers_of_a_missing_page_wait_for_one_render(
    release, renders, refused_locks, monkeypatch
):
    ru_page, _ = release
    # Bounds far beyond any render: the outcome depends on the order of events only.
    monkeypatch.setattr(middleware, "WAIT_SECONDS", 60)
    monkeypatch.setattr(middleware, "LOCK_SECONDS", 60)
    # The first render holds on until every other reader is waiting for it.
    renders.before.append(lambda number: refused_locks.wait(timeout=20))
    answers = read_concurrently(ru_page.url, READERS)
    assert renders == [ru_page.pk]
    assert [answer[0] for answer in answers] == [200] * READERS
    assert sorted(answer[1] for answer in answers) == ["hit"] * (READERS - 1) + ["miss"]
    assert len({answer[2] for answer in answers}) == 1


def test_a_reader_makes_the_page_itself_when_the_first_one_never_finishes(
    release, renders, shared_cache, monkeypatch
):
    ru_page, _ = release
    monkeypatch.setattr(middleware, "WAIT_SECONDS", 0.05)
    stuck = threading.Event()
    release_first = threading.Event()

    def hold_the_first(number):
        if number == 1:
            stuck.set()
            release_first.wait(timeout=20)

    renders.before.append(hold_the_first)
    first = threading.Thread(target=read_concurrently, args=(ru_page.url, 1))
    first.start()
    try:
        assert stuck.wait(timeout=20)
        [(status, cache, _content)] = read_concurrently(ru_page.url, 1)
    finally:
        release_first.set()
        first.join()
    assert status == 200
    assert cache == "miss"
    assert renders == [ru_page.pk, ru_page.pk]
