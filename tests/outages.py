"""A database that refuses connections, as PostgreSQL does when it is down."""

import contextlib

from django.db import OperationalError, connection


@contextlib.contextmanager
def database_refused(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        yield
