"""The ways the page cache runs: in each worker's memory, shared, and shared through Redis."""

import uuid

import pytest
import redis

from django.core.cache import caches
from django.db import connection

from newsroom.settings.base import redis_cache

KINDS = ["local", "shared", "redis"]
# The suite may run on SQLite and on PostgreSQL at the same time (CI does), both against
# the local Redis. Each run empties a database of its own before each test, and names its
# keys apart: Redis reports changes to watched keys by name, whatever the database.
RUN_PREFIX = f"newsroom-test-{uuid.uuid4().hex[:12]}"


def redis_url():
    return f"redis://127.0.0.1:6379/{13 if connection.vendor == 'sqlite' else 14}"


def redis_config():
    """The shared cache as the settings configure it, on this run's database and keys."""
    return {**redis_cache(redis_url()), "KEY_PREFIX": RUN_PREFIX}


def copies_cache(location):
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location}


def use_page_cache(settings, kind):
    """Turn the page cache on. "shared" also gives two workers their own copies of pages,
    which must never be served once stale; "redis" does the same with the shared cache in
    Redis, as in production, through the client the settings configure."""
    settings.PAGE_CACHE_ENABLED = True
    if kind == "local":
        return kind
    shared = {
        **settings.CACHES,
        "copies-a": copies_cache("copies-a"),
        "copies-b": copies_cache("copies-b"),
    }
    if kind == "redis":
        try:
            redis.Redis.from_url(redis_url(), socket_connect_timeout=1).flushdb()
        except redis.RedisError:
            pytest.skip("Redis does not answer at 127.0.0.1:6379")
        shared["default"] = redis_config()
    settings.CACHES = shared
    settings.PAGE_CACHE_COPIES_ALIAS = "copies-a"
    for alias in ("copies-a", "copies-b"):
        caches[alias].clear()
    return kind
