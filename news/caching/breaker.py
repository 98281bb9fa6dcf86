"""Stop asking a Redis that does not answer, for a while (a circuit breaker).

django-redis with IGNORE_EXCEPTIONS answers as an empty cache when Redis fails, but only
after each call has waited out its own socket timeout: a Redis that accepts connections
and stays silent would hold every request for seconds. After one failed call this client
fails every call at once, without touching the socket, for CIRCUIT_BREAKER_SECONDS
(OPTIONS); then one call tries Redis again. django-redis has no such setting, hence this.
"""

import functools
import threading
import time

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

DEFAULT_SECONDS = 10.0

# When each Redis location may be asked again; shared by the process's threads, each of
# which has its own cache client.
_reopen_at = {}
_lock = threading.Lock()
# Set while a guarded call runs: the calls it makes itself (set_many calls set) are part of
# it, and must not be refused while it is the one call trying Redis again.
_inside = threading.local()


class CircuitOpen(Exception):
    """Redis failed a moment ago and is not asked until the pause is over."""


# Client methods that do not talk to Redis (or only through the guarded ones).
_LOCAL = frozenset(
    {
        "get_next_client_index",
        "get_client",
        "get_client_with_index",
        "connect",
        "disconnect",
        "decode",
        "encode",
        "make_key",
        "make_pattern",
        "close",
        "do_close_clients",
    }
)


def guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if getattr(_inside, "call", False):
            return method(self, *args, **kwargs)
        self._refuse_while_open()
        _inside.call = True
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted:
            self._open_circuit()
            raise
        finally:
            _inside.call = False
        self._close_circuit()
        return result

    return call


class CircuitBreakerClient(DefaultClient):
    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        options = params.get("OPTIONS", {})
        self._pause = float(options.get("CIRCUIT_BREAKER_SECONDS", DEFAULT_SECONDS))
        self._location = str(server)

    def _refuse_while_open(self):
        reopen = _reopen_at.get(self._location)
        if reopen is None:
            return
        if time.monotonic() < reopen:
            # Raised as django-redis raises a failed call, so that IGNORE_EXCEPTIONS
            # answers it as an empty cache.
            raise ConnectionInterrupted(connection=None) from CircuitOpen(
                f"not asked again for up to {self._pause:g} s after a failure"
            )
        with _lock:
            # One call tries Redis again; the others wait for its outcome's pause.
            if _reopen_at.get(self._location) == reopen:
                _reopen_at[self._location] = time.monotonic() + self._pause
                return
        self._refuse_while_open()

    def _open_circuit(self):
        with _lock:
            _reopen_at[self._location] = time.monotonic() + self._pause

    def _close_circuit(self):
        if self._location in _reopen_at:
            with _lock:
                _reopen_at.pop(self._location, None)


for _name, _member in list(vars(DefaultClient).items()):
    if callable(_member) and not _name.startswith("_") and _name not in _LOCAL:
        setattr(CircuitBreakerClient, _name, guarded(_member))
