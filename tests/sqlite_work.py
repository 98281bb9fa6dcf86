"""The work SQLite does for a lookup, counted in virtual-machine steps: it shows whether a
lookup's cost grows with the archive without pinning the plan the database chooses."""

from django.db import connection


def sqlite_steps(lookup):
    """The SQLite virtual machine instructions `lookup()` runs."""
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 1)
    try:
        lookup()
    finally:
        connection.connection.set_progress_handler(None, 1)
    return steps
