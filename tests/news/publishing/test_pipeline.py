"""The publishing pipeline: every event runs the steps in their stated order, and bulk work
(the archive import) defers them without dropping any."""

import shutil
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.models import Page

from news.models import ImportedRecord, NewsArticlePage
from news.publishing import pipeline
from news.publishing.steps import Step
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db

ORDER = ["search index", "translation sources", "photo sizes", "page cache", "alerts"]
EXPORT = Path(__file__).resolve().parents[2] / "data" / "archive"


@pytest.fixture
def calls(monkeypatch):
    """(event, step name) for every step the pipeline calls, in the order it calls them."""
    seen = []
    for step in pipeline.STEPS:
        for event in ("published", "unpublished", "moved", "deleted"):
            original = getattr(step, event)

            def recording(*args, _original=original, _event=event, _name=step.name):
                seen.append((_event, _name))
                return _original(*args)

            monkeypatch.setattr(step, event, recording)
    return seen


def names(calls, event):
    return [name for seen, name in calls if seen == event]


def test_publishing_a_release_runs_every_step_in_order(site_tree, calls):
    publish(NewsArticlePageFactory(parent=site_tree, title="Визит делегации"))
    assert names(calls, "published") == ORDER


def test_unpublishing_moving_and_deleting_go_through_the_same_steps(site_tree, calls):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Форум"))
    page.unpublish()
    assert names(calls, "unpublished") == ORDER
    other = Page.objects.get(pk=site_tree.pk).get_parent()
    Page.objects.get(pk=page.pk).move(other, pos="last-child")
    assert names(calls, "moved") == ORDER
    Page.objects.get(pk=page.pk).delete()
    assert names(calls, "deleted") == ORDER


class Recorder(Step):
    name = "recorder"

    def __init__(self):
        self.live = []
        self.caught_up = []

    def published(self, page, revision):
        self.live.append(page.pk)

    def catch_up(self, pages, changed):
        self.caught_up.extend(page.pk for page in pages)


def test_a_new_step_catches_up_on_every_release_the_import_publishes(
    tmp_path, monkeypatch, mailoutbox
):
    recorder = Recorder()
    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS, recorder])
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)

    call_command("import_news", str(export), stdout=StringIO(), stderr=StringIO())

    imported = set(ImportedRecord.objects.values_list("page_id", flat=True))
    assert NewsArticlePage.objects.filter(pk__in=imported).count() == len(imported) > 0
    # Deferred, not skipped: the step saw each imported release in bulk, none one by one.
    assert recorder.live == []
    assert imported <= set(recorder.caught_up)
    # Past releases are not news: no subscriber is written to.
    assert mailoutbox == []


def test_bulk_refuses_a_step_it_does_not_know():
    with pytest.raises(ValueError, match="No such publishing steps"), pipeline.bulk(skip=["x"]):
        pass
