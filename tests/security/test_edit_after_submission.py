"""A translation cannot change between its submission and the editor's approval."""

import pytest

from django.urls import reverse

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import (
    action_url,
    put_string,
    segments,
    translated,
    translation_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, staff, site_tree, en):
    """A live Russian release and its English translation awaiting approval."""
    page = NewsArticlePageFactory(parent=site_tree, title="Форум городов", slug="forum")
    publish(page)
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    english = NewsArticlePage.objects.get(pk=translation.get_target_instance().pk)
    assert english.workflow_in_progress
    return translation, english


def title_segment(translation):
    return next(s for s in segments(translation) if s.string.data == "Форум городов")


@pytest.mark.parametrize("role", ["translator", "editor", "admin"])
def test_segments_are_locked_while_awaiting_approval(client, staff, submitted, role):
    translation, _english = submitted
    client.force_login(staff[role])
    segment = title_segment(translation)
    response = put_string(client, translation, segment, "Something else")
    assert response.status_code == 409
    assert translated(translation, segment) == "EN Форум городов"


def test_po_upload_and_machine_translation_are_locked(client, staff, submitted):
    translation, _english = submitted
    client.force_login(staff["translator"])
    for name in ("upload_pofile", "machine_translate"):
        response = client.post(reverse(f"wagtail_localize:{name}", args=[translation.pk]))
        assert response.status_code == 302, name
        assert response.url == reverse("wagtailadmin_pages:edit", args=[_english.pk])


def test_approval_publishes_the_submitted_text(client, staff, submitted):
    translation, english = submitted
    client.force_login(staff["translator"])
    put_string(client, translation, title_segment(translation), "Unreviewed title")
    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.live
    assert english.title == "EN Форум городов"
    assert translated(translation, title_segment(translation)) == "EN Форум городов"


def test_sent_back_translation_can_be_edited_again(client, staff, submitted):
    translation, english = submitted
    client.force_login(staff["editor"])
    client.post(action_url(english, "reject"), {"comment": "Fix the title"})
    client.force_login(staff["translator"])
    segment = title_segment(translation)
    assert put_string(client, translation, segment, "City forum").status_code == 200
    assert translated(translation, segment) == "City forum"


def test_the_refusal_speaks_the_users_admin_language(client, staff, submitted):
    from wagtail.users.models import UserProfile

    translation, _english = submitted
    profile = UserProfile.get_for_user(staff["translator"])
    profile.preferred_language = "en"
    profile.save()
    client.force_login(staff["translator"])
    response = put_string(client, translation, title_segment(translation), "Other")
    assert response.status_code == 409
    assert "awaiting an editor's approval" in response.content.decode()
