"""A hold until translated covers every later approval of the release."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from news.models import EmbargoHold, NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.news.workflow.test_embargo import embargo_passes
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(client, staff, site_tree, en):
    """A Russian release scheduled in an hour and held for its translation (submitted)."""
    page = NewsArticlePageFactory(parent=site_tree, title="Версия 1", slug="held", live=False)
    embargo = (timezone.now() + datetime.timedelta(hours=1)).replace(microsecond=0)
    page.go_live_at = embargo
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["editor"])
    client.post(action_url(page, "approve"), {"comment": ""})
    client.post(reverse("news_hold_embargo", args=[page.pk]))
    assert EmbargoHold.objects.filter(page=page).exists()
    return NewsArticlePage.objects.get(pk=page.pk), embargo


def correct(client, staff, page, title):
    """The press officer's correction, approved by an editor."""
    page = NewsArticlePage.objects.get(pk=page.pk)
    page.title = title
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["editor"])
    client.post(action_url(page, "approve"), {"comment": ""})
    return NewsArticlePage.objects.get(pk=page.pk)


def translate_and_submit(client, staff, page, en):
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    return NewsArticlePage.objects.get(pk=translation.get_target_instance().pk)


def test_approved_correction_stays_held(client, staff, held):
    page, _embargo = held
    page = correct(client, staff, page, "Версия 2")
    assert not page.live
    assert page.scheduled_revision is None
    assert EmbargoHold.objects.get(page=page).revision == page.get_latest_revision()


def test_translation_approval_releases_the_latest_approved_version(client, staff, held, en):
    page, embargo = held
    page = correct(client, staff, page, "Версия 2")
    english = translate_and_submit(client, staff, page, en)
    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})

    page = NewsArticlePage.objects.get(pk=page.pk)
    assert page.scheduled_revision.as_object().title == "Версия 2"
    assert page.scheduled_revision.approved_go_live_at == embargo
    embargo_passes(page, english)
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert page.live and page.title == "Версия 2"
    assert NewsArticlePage.objects.get(pk=english.pk).live
