"""A faster text form of the lists psycopg sends to PostgreSQL.

Django's bulk_create on PostgreSQL sends each column as one array (INSERT ... SELECT
FROM UNNEST), which psycopg writes out in Python, escaping every double quote and
backslash of every value with `re.sub` and a group reference. On Python 3.11 that calls a
Python function per match: revisions and translation sources are JSON, full of quotes,
and their escaping was about a tenth of a bulk import. The same escaping done with
`bytes.replace` gives the same text in a fraction of the time.
"""

from psycopg.types.array import ListDumper


class _Escape:
    """Stands in for psycopg's escaping pattern: backslash, then double quote, escaped."""

    @staticmethod
    def sub(_replacement, value):
        return value.replace(b"\\", b"\\\\").replace(b'"', b'\\"')


class ArrayDumper(ListDumper):
    _re_esc = _Escape()


def use_fast_arrays(sender, connection, **kwargs):
    """connection_created receiver: lists sent by this connection use ArrayDumper."""
    if connection.vendor == "postgresql":
        connection.connection.adapters.register_dumper(list, ArrayDumper)
