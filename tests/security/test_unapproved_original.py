"""An English translation cannot go live before an editor approved its Russian original."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from news.models import NewsArticlePage
from news.roles import groups as roles
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unapproved(client, staff, site_tree, en):
    """A Russian draft awaiting approval, and its finished English translation."""
    page = NewsArticlePageFactory(parent=site_tree, title="Черновик", slug="draft", live=False)
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    return page, translation


def test_translation_of_an_unapproved_original_is_not_submitted(client, staff, unapproved):
    _page, translation = unapproved
    response = client.post(reverse("news_submit_translation", args=[translation.pk]))
    assert response.status_code == 302
    english = NewsArticlePage.objects.get(pk=translation.get_target_instance().pk)
    assert not english.workflow_in_progress
    assert not english.live


def test_editor_cannot_approve_a_translation_before_its_original(client, staff, unapproved):
    page, translation = unapproved
    # Submitted by a route that does not check, as an older submission would have been.
    translation.save_target(user=staff["translator"], publish=False)
    english = Page.objects.get(pk=translation.get_target_instance().pk).specific
    english.get_workflow().start(english, staff["translator"])

    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert not english.live
    assert english.workflow_in_progress

    # Once the original is approved, the translation's approval goes through.
    client.post(action_url(page, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=page.pk).live
    client.post(action_url(english, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=english.pk).live


def test_administrator_cannot_force_publish_a_translation_first(client, staff, unapproved):
    _page, translation = unapproved
    translation.save_target(user=staff["translator"], publish=False)
    english = translation.get_target_instance()
    client.force_login(make_user("admin2", roles.ADMINISTRATORS))
    response = client.post(
        reverse("news_force_publish", args=[english.pk]), {"reason": "Needed urgently"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not NewsArticlePage.objects.get(pk=english.pk).live
