"""What an earlier version of the site stored keeps working after the code moved: queued
tasks named by their old path, history entries named by their action, and cached values
pickled with their old class path."""

import sys
import types

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

from news.caching.memo import KEPT_PREFIX
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


def test_a_confirmation_queued_under_the_old_task_path_is_still_sent(
    client, mailoutbox, site_tree, queued
):
    client.post("/ru/alerts/", {"email": "reader@example.org", "choice": "all:"})
    (row,) = DBTaskResult.objects.all()
    # The path the worker queue held before alerts became a package.
    row.task_path = "news.alerts.send_confirmation"
    row.save(update_fields=["task_path"])

    call_command("db_worker", "--batch", "--no-startup-delay", "--backend", "worker")

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL", row.traceback
    assert [message.to for message in mailoutbox] == [["reader@example.org"]]


def test_a_forced_publication_logged_before_keeps_its_wording_in_the_history(
    client, staff, site_tree
):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Заявление"))
    PageLogEntry.objects.create(
        page=page,
        content_type_id=page.content_type_id,
        label=page.title,
        action="news.force_publish",
        user=staff["admin"],
        data={"reason": "Срочное заявление мэрии"},
        timestamp=timezone.now(),
    )
    client.force_login(staff["admin"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    assert "Срочное заявление мэрии" in history.content.decode()


def _store_under_old_class_path(keys):
    """Cache, under `keys`, a value whose class lived at news.navigation (no longer there)."""
    module = types.ModuleType("news.navigation")
    navigation = type("Navigation", (), {"__module__": "news.navigation"})
    module.Navigation = navigation
    sys.modules["news.navigation"] = module
    try:
        cache.set_many(dict.fromkeys(keys, navigation()))
    finally:
        del sys.modules["news.navigation"]


def test_pages_read_no_value_kept_before_a_class_moved(client, site_tree):
    assert client.get("/ru/news/").status_code == 200
    kept = [key for key in cache._cache if KEPT_PREFIX in key]
    assert kept, "the archive keeps its header in the cache"
    # The same entries as the previous layout stored them: same names, old class path.
    names = [key.split(KEPT_PREFIX, 1)[1] for key in kept]
    cache.delete_many([KEPT_PREFIX + name for name in names])
    _store_under_old_class_path(["newsroom:kept:" + name for name in names])

    assert client.get("/ru/news/").status_code == 200
