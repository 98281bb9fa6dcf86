"""A SQLite file locked by another writer: readers get the outage page and are told when
to come back, instead of a server error once the lock wait runs out."""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, connections, transaction
from django.db.models import F

from wagtail.models import Page, Site

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.migrated import restore_migrated_data

# Committed for real: the site's connection moves to another database file, away from
# the test's own transaction.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file locks"),
]


@pytest.fixture(autouse=True)
def _migrated_data(transactional_db):
    restore_migrated_data()


@contextmanager
def served_from_a_file(path, **options):
    """The site's connection moves to a file copy of the test database for a while.

    The test database lives in memory, where one connection cannot wait on another's
    lock; the in-memory connection is kept aside (closing it would drop the database).
    Connections opened meanwhile by other threads open the file too.
    """
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    kept, settings = connection.connection, dict(connection.settings_dict)
    connection.connection = None
    # A short lock wait keeps the test quick; the site's own wait is set in its settings.
    connection.settings_dict.update(
        NAME=str(path), OPTIONS={**settings["OPTIONS"], "timeout": 0.05, **options}
    )
    # Opened first by the site, as `migrate` opens a new database: in the site's journal mode.
    connection.ensure_connection()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(settings)
        connection.connection = kept


@contextmanager
def locked(path, mode="EXCLUSIVE"):
    """Another process's transaction holding the file's write lock; EXCLUSIVE keeps readers
    out too, which with the write-ahead log takes the file's exclusive locking mode (a
    maintenance tool, say)."""
    other = sqlite3.connect(path, isolation_level=None)
    if mode == "EXCLUSIVE":
        # Only with no other connection open.
        connection.close()
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute(f"BEGIN {mode}")
    if mode == "EXCLUSIVE":
        other.execute("CREATE TABLE held (x)")
    try:
        yield
    finally:
        other.rollback()
        other.close()


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "Сайт временно недоступен"), ("en", "The site is temporarily unavailable")],
)
def test_a_locked_database_gives_the_outage_page(client, site_tree, tmp_path, language, text):
    path = tmp_path / "site.sqlite3"
    with served_from_a_file(path):
        assert client.get(f"/{language}/news/").status_code == 200
        with locked(path):
            response = client.get(f"/{language}/news/")
        assert response.status_code == 503
        assert response["Retry-After"]
        assert response["Cache-Control"] == "no-store"
        assert text in response.content.decode()
        # Once the other writer is done, the same address is served again.
        assert client.get(f"/{language}/news/").status_code == 200


def test_a_write_waiting_on_another_writer_gives_the_outage_page(client, site_tree, tmp_path):
    get_user_model().objects.create_user("editor", password="correct-horse", is_staff=True)
    path = tmp_path / "site.sqlite3"
    with served_from_a_file(path):
        # Readers still get through a reserved lock; the login's writes do not.
        with locked(path, "IMMEDIATE"):
            assert client.get("/en/news/").status_code == 200
            response = client.post(
                "/admin/login/",
                {"username": "editor", "password": "correct-horse"},
                HTTP_ACCEPT_LANGUAGE="en",
            )
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "_auth_user_id" not in client.session


def test_a_publication_and_the_workers_transaction_wait_for_each_other(site_tree, tmp_path):
    """The worker reads and then writes in one transaction while an editor publishes. Begun
    deferred, one of the two was refused at once ("database is locked"); begun as the site
    begins them, the second waits for the first."""
    page = NewsArticlePageFactory(parent=site_tree, title="Форум городов", live=False)
    path = tmp_path / "site.sqlite3"
    started, outcome = threading.Event(), []

    def worker():
        try:
            with transaction.atomic():
                Page.objects.count()
                started.set()
                # Long enough for the publication to have begun.
                time.sleep(0.3)
                Site.objects.update(site_name=F("site_name"))
            outcome.append("committed")
        except OperationalError as error:
            outcome.append(str(error))
        finally:
            started.set()
            connections.close_all()

    with served_from_a_file(
        path, timeout=5, transaction_mode=django_settings.SQLITE_TRANSACTION_MODE
    ):
        thread = threading.Thread(target=worker)
        thread.start()
        assert started.wait(5)
        publish(page)
        thread.join(10)
        assert outcome == ["committed"]
        assert NewsArticlePage.objects.get(pk=page.pk).live


def test_a_publication_commits_while_a_reader_is_reading(site_tree, tmp_path):
    """A reader's long read (a search over the archive, a feed, the worker's warm-up) is
    open while an editor publishes. With a rollback journal the publication's commit waited
    for every such reader, and readers arriving meanwhile waited for it; with the
    write-ahead log neither waits, and the reader sees the archive as it was when it began."""
    page = NewsArticlePageFactory(parent=site_tree, title="День культуры", live=False)
    path = tmp_path / "site.sqlite3"
    with served_from_a_file(path, transaction_mode=django_settings.SQLITE_TRANSACTION_MODE):
        reader = sqlite3.connect(path, isolation_level=None, timeout=0.05)
        reader.execute("BEGIN")
        live = "SELECT COUNT(*) FROM wagtailcore_page WHERE live"
        before = reader.execute(live).fetchone()[0]
        # The lock wait is 0.05 s here: a commit that had to wait for the reader would fail.
        publish(page)
        assert reader.execute(live).fetchone()[0] == before
        reader.execute("COMMIT")
        assert reader.execute(live).fetchone()[0] == before + 1
        reader.close()
        assert NewsArticlePage.objects.get(pk=page.pk).live
