"""The background worker is down for a while: confirmations and release alerts wait in the
database queue, and the Procfile's worker command does them all when it runs again, even
a task that a killed worker had started and never finished."""

import datetime
import shlex
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.utils import timezone

from news.models import AlertSubscription
from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

from .test_alerts import link

pytestmark = pytest.mark.django_db

PROCFILE = Path(__file__).resolve().parents[3] / "Procfile"


def run_worker():
    """The Procfile's worker process, each step run once: the worker does what is queued
    and stops (--batch) instead of waiting for more."""
    line = next(line for line in PROCFILE.read_text().splitlines() if line.startswith("worker:"))
    for step in line.removeprefix("worker:").split("&&"):
        words = shlex.split(step)
        assert words[:2] == ["python", "manage.py"], step
        name, *args = words[2:]
        if name == "db_worker":
            args += ["--batch", "--no-startup-delay"]
        call_command(name, *args, verbosity=0)


def statuses():
    return sorted(DBTaskResult.objects.values_list("status", flat=True))


def test_tasks_wait_for_the_worker_and_are_all_done_when_it_runs(
    client, mailoutbox, site_tree, queued, django_capture_on_commit_callbacks
):
    # A reader subscribes while no worker runs: the confirmation waits in the queue.
    response = client.post("/ru/alerts/", {"email": "reader@example.org", "choice": "all:"})
    assert response.status_code == 200
    assert mailoutbox == []
    assert statuses() == ["READY"]
    run_worker()
    (confirmation,) = mailoutbox
    assert client.get(link(confirmation, "confirm")).status_code == 200
    mailoutbox.clear()

    # The worker is stopped again; two releases and another subscription are queued.
    for number in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            publish(NewsArticlePageFactory(parent=site_tree, title=f"Без обработчика {number}"))
    client.post("/en/alerts/", {"email": "second@example.org", "choice": "all:"})
    assert mailoutbox == []
    assert statuses().count("READY") == 3

    run_worker()
    assert sorted(message.subject for message in mailoutbox) == [
        "Confirm your subscription to press releases",
        "Без обработчика 1",
        "Без обработчика 2",
    ]
    assert set(statuses()) == {"SUCCESSFUL"}
    # Nothing is sent twice when the worker runs again.
    run_worker()
    assert len(mailoutbox) == 3


def test_a_task_abandoned_by_a_killed_worker_is_done_by_the_next_one(
    client, mailoutbox, site_tree, queued, django_capture_on_commit_callbacks
):
    AlertSubscription.objects.create(
        email="reader@example.org", language="ru", confirmed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(NewsArticlePageFactory(parent=site_tree, title="Прервано на полпути"))
    with django_capture_on_commit_callbacks(execute=True):
        publish(NewsArticlePageFactory(parent=site_tree, title="Идёт прямо сейчас"))
    abandoned, running = DBTaskResult.objects.filter(status="READY").order_by("enqueued_at")
    # One worker took the first alert and was killed twenty minutes ago; another worker,
    # alive on another machine, started the second a moment ago.
    abandoned.claim("killed-worker")
    running.claim("live-worker")
    DBTaskResult.objects.filter(pk=abandoned.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=20)
    )

    run_worker()
    assert [message.subject for message in mailoutbox] == ["Прервано на полпути"]
    abandoned.refresh_from_db()
    running.refresh_from_db()
    assert abandoned.status == "SUCCESSFUL"
    assert running.status == "RUNNING"  # left to the worker that has it
