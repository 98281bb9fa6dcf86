"""An embargoed release and its translation go live together, or the Russian one alone."""

import datetime

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision

from news.models import EmbargoHold, NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed(client, staff, site_tree, en):
    """A Russian release approved for publication in an hour, and its English draft."""
    page = NewsArticlePageFactory(
        parent=site_tree, title="Соглашение под эмбарго", slug="embargo", live=False
    )
    embargo = (timezone.now() + datetime.timedelta(hours=1)).replace(microsecond=0)
    page.go_live_at = embargo
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["editor"])
    client.post(action_url(page, "approve"), {"comment": ""})
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.scheduled_revision.approved_go_live_at == embargo

    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    return page, page.get_translation(en), embargo


def embargo_passes(*pages):
    """Move the scheduled time into the past, as the clock would, and run the scheduler."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    for page in pages:
        scheduled = Revision.page_revisions.filter(object_id=str(page.pk)).exclude(
            approved_go_live_at=None
        )
        for revision in scheduled:
            revision.approved_go_live_at = past
            revision.content["go_live_at"] = past.isoformat()
            revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")


def test_translation_approved_in_time_goes_live_with_the_source(client, staff, embargoed):
    page, english, embargo = embargoed
    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert not english.live
    assert english.scheduled_revision.approved_go_live_at == embargo
    client.logout()
    assert client.get("/en/news/embargo/").status_code == 404

    embargo_passes(page, english)
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert NewsArticlePage.objects.get(pk=english.pk).live
    assert client.get("/ru/news/embargo/").status_code == 200
    assert client.get(NewsArticlePage.objects.get(pk=english.pk).url).status_code == 200


def test_source_goes_alone_and_the_translation_follows_on_approval(client, staff, embargoed):
    page, english, _embargo = embargoed
    embargo_passes(page)
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert not NewsArticlePage.objects.get(pk=english.pk).live

    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=english.pk).live


def test_editor_holds_both_until_the_translation_is_approved(client, staff, embargoed):
    page, english, embargo = embargoed
    client.force_login(staff["editor"])
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    hold_url = reverse("news_hold_embargo", args=[page.pk])
    assert hold_url in edit_html
    assert client.post(hold_url).status_code == 302

    # The embargo passes without an approved translation: neither goes live.
    embargo_passes(page)
    assert not NewsArticlePage.objects.get(pk=page.pk).live
    assert PageLogEntry.objects.filter(page=page, action="news.embargo_hold").exists()

    # The translation is approved after the embargo time: both go live at once.
    hold = EmbargoHold.objects.get(page=page)
    hold.go_live_at = timezone.now() - datetime.timedelta(minutes=5)
    hold.save()
    client.post(action_url(english, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert NewsArticlePage.objects.get(pk=english.pk).live
    assert not EmbargoHold.objects.exists()


def test_held_pair_approved_before_the_embargo_is_scheduled_together(client, staff, embargoed):
    page, english, embargo = embargoed
    client.force_login(staff["editor"])
    client.post(reverse("news_hold_embargo", args=[page.pk]))
    client.post(action_url(english, "approve"), {"comment": ""})
    page = NewsArticlePage.objects.get(pk=page.pk)
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert not page.live and not english.live
    assert page.scheduled_revision.approved_go_live_at == embargo
    assert english.scheduled_revision.approved_go_live_at == embargo
    embargo_passes(page, english)
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert NewsArticlePage.objects.get(pk=english.pk).live


def test_press_officers_cannot_hold(client, staff, embargoed):
    page, _english, _embargo = embargoed
    client.force_login(staff["press"])
    response = client.post(reverse("news_hold_embargo", args=[page.pk]))
    assert response.status_code in (302, 403)
    assert not EmbargoHold.objects.exists()
