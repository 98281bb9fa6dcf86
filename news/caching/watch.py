"""Generations a worker read from Redis, kept while Redis says they did not change.

A page-cache hit must not serve a page once a generation it depends on was replaced, on any
machine. Asking Redis on every hit costs a round trip, during which a sync worker sleeps.
Redis can instead tell a connection when keys change (server-assisted client-side
caching): here each worker subscribes to the invalidations of the generation keys, in
broadcast mode, on a connection of its own, and answers from its memory until Redis says a
key changed. redis-py's own client-side cache needs RESP3 and Redis 7.4 or newer, and
django-redis has none; Redis 6 and 7 deliver the same invalidations over RESP2 to a
subscribed connection, which is what this uses.

The memory is trusted only while the connection is known to be alive: a PING goes out
on it every PING_SECONDS, and without an answer for TRUST_SECONDS (a silent network, say)
hits read Redis again as before, and the watch starts over. A closed connection, an
error or a flush of the database empties the memory at once; the watch starts again on a
later read.
"""

import logging
import os
import time

from django_redis.exceptions import ConnectionInterrupted
from redis._parsers import _RESP2Parser
from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger("newsroom.cache")

CHANNEL = "__redis__:invalidate"
PING_SECONDS = 1.0
TRUST_SECONDS = 3.0
# After a failure, the watch is not started again for this long; hits read Redis meanwhile.
RESTART_SECONDS = 5.0
# Generations are a few per release; a worker that has read this many starts over.
MOST_KEPT = 20_000


class GenerationWatch:
    """Known values of the keys under `prefixes`, for one thread of one worker."""

    def __init__(self, connection_pool, prefixes, redis_prefixes):
        self.pool = connection_pool
        # The keys callers ask for, and the same keys as Redis stores them.
        self.prefixes = tuple(prefixes)
        self.redis_prefixes = tuple(redis_prefixes)
        self.values = {}
        self.connection = None
        self.pid = None
        self.answered_at = 0.0
        self.ping_sent_at = None
        self.restart_at = 0.0

    def watches(self, key):
        return key.startswith(self.prefixes)

    def known(self, keys):
        """The values of `keys` if every one is known and may be trusted, else None."""
        if not self._listening():
            return None
        values = self.values
        if not all(key in values for key in keys):
            return None
        return {key: values[key] for key in keys if values[key] is not None}

    def remember(self, values, asked):
        """Keep what a read that started after the last check returned for `asked`.

        A key Redis did not have stays unknown: it is started by the caller, a write.
        """
        if self.connection is None:
            return
        if len(self.values) > MOST_KEPT:
            self.values.clear()
        for key in asked:
            if key in values and self.watches(key):
                self.values[key] = values[key]

    def forget(self, keys=None):
        if keys is None:
            self.values.clear()
        else:
            for key in keys:
                self.values.pop(key, None)

    def close(self):
        if self.connection is not None:
            self.connection.disconnect()
        self.connection = None
        self.values.clear()

    def _listening(self):
        """Apply what Redis sent; True if the values kept may be served."""
        if self.pid != os.getpid():
            # A forked worker has its parent's socket: it must not read from it.
            self.connection, self.values, self.pid = None, {}, os.getpid()
        if self.connection is None:
            if time.monotonic() < self.restart_at:
                return False
            return self._start()
        try:
            while self.connection.can_read(timeout=0):
                self._apply(self.connection.read_response())
            now = time.monotonic()
            if self.ping_sent_at is None and now - self.answered_at >= PING_SECONDS:
                self.connection.send_command("PING")
                self.ping_sent_at = now
            elif self.ping_sent_at is not None and now - self.ping_sent_at >= TRUST_SECONDS:
                raise TimeoutError("Redis did not answer a PING on the watch connection")
        except (RedisError, OSError, ValueError) as exc:
            self._stop(exc)
            return False
        return now - self.answered_at < TRUST_SECONDS

    def _apply(self, message):
        kind = message[0]
        if kind == b"message":
            changed = message[2]
            if changed is None:
                # The database was flushed.
                self.values.clear()
            else:
                for key in changed:
                    self._forget_stored(key.decode())
        elif kind == b"pong" and self.ping_sent_at is not None:
            # What Redis reported before it answered the PING has arrived: that holds from
            # when the PING went out, not from when a worker back from idling reads this.
            self.answered_at, self.ping_sent_at = self.ping_sent_at, None

    def _forget_stored(self, stored):
        for stored_prefix, prefix in zip(self.redis_prefixes, self.prefixes, strict=True):
            if stored.startswith(stored_prefix):
                self.values.pop(prefix + stored[len(stored_prefix) :], None)
                return

    def _start(self):
        # RESP2, where a subscribed connection gets invalidations as messages, whatever
        # the pool speaks; redis-py's maintenance notifications need RESP3 and are left off.
        kwargs = {**self.pool.connection_kwargs, "protocol": 2, "parser_class": _RESP2Parser}
        for name in ("maint_notifications_config", "maint_notifications_pool_handler"):
            if name in kwargs:
                kwargs[name] = None
        connection = self.pool.connection_class(**kwargs)
        try:
            connection.connect()
            connection.send_command("CLIENT", "ID")
            own_id = connection.read_response()
            prefixes = [part for p in self.redis_prefixes for part in ("PREFIX", p)]
            # Broadcast mode: told of every change under the prefixes, read here or not, and
            # delivered to this same connection, which then only listens.
            connection.send_command(
                "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", *prefixes
            )
            connection.read_response()
            connection.send_command("SUBSCRIBE", CHANNEL)
            connection.read_response()
        except ResponseError as exc:
            # A Redis without tracking (before 6.0, or with the command renamed away).
            connection.disconnect()
            logger.info("Hits read generations from Redis each time: %s", exc)
            self.restart_at = float("inf")
            return False
        except (RedisError, OSError) as exc:
            # Redis does not answer: an outage, for the circuit breaker to pause the cache
            # at once, rather than a read after this that waits out its own timeout.
            connection.disconnect()
            self.restart_at = time.monotonic() + RESTART_SECONDS
            raise ConnectionInterrupted(connection=None) from exc
        # Only what is read from now on is known: invalidations of earlier values were not heard.
        self.connection, self.values = connection, {}
        self.answered_at, self.ping_sent_at = time.monotonic(), None
        return True

    def _stop(self, exc):
        logger.info("Hits read generations from Redis each time for now: %s", exc)
        self.close()
        self.restart_at = time.monotonic() + RESTART_SECONDS
