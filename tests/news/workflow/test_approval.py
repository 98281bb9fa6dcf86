"""Approving, sending back, the second pair of eyes and forced publication."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Page, PageLogEntry

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import action_url, edit_url, release_form, review_url

pytestmark = pytest.mark.django_db


def submit(client, user, page):
    """Save the page as `user` through the editor and submit it for approval."""
    client.force_login(user)
    data = release_form(page.title, page.slug, page.lead, ["Текст релиза."])
    data["action-submit"] = "Submit"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    return page


@pytest.fixture
def draft(site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", live=False)
    page.save_revision()
    return page


def test_editor_rejects_with_a_comment_that_reaches_the_author(client, staff, draft):
    page = submit(client, staff["press"], draft)
    mail.outbox.clear()
    client.force_login(staff["editor"])
    # Sending back without saying why is not accepted.
    client.post(action_url(page, "reject"), {"comment": ""})
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    response = client.post(action_url(page, "reject"), {"comment": "Уточните дату визита"})
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert not page.workflow_in_progress
    rejected = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert rejected.user == staff["editor"]
    assert rejected.data["comment"] == "Уточните дату визита"
    to_author = [m for m in mail.outbox if "press@example.org" in m.to]
    assert to_author
    # The press officer sees the comment on the edit page.
    client.force_login(staff["press"])
    assert "Уточните дату визита" in client.get(edit_url(page)).content.decode()


def test_nobody_approves_their_own_release(client, staff, draft):
    # An editor writes and submits a release: another editor must approve it.
    page = submit(client, staff["editor"], draft)
    client.force_login(staff["editor"])
    response = client.post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=page.pk).live
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert review_url(page, "approve") not in home

    client.force_login(staff["editor2"])
    assert review_url(page, "approve") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.post(action_url(page, "approve"), {"comment": ""})
    assert Page.objects.get(pk=page.pk).live


def approve_in_editor(client, user, page, data):
    """Press "Approve" in the page editor's action menu, which posts the whole form."""
    client.force_login(user)
    data = {**data, "action-workflow-action": "true", "workflow-action-name": "approve"}
    assert client.post(edit_url(page), data).status_code == 302
    return NewsArticlePage.objects.get(pk=page.pk)


def test_editor_approves_from_the_page_editor(client, staff, draft):
    page = submit(client, staff["press"], draft)
    # The editor's form sends the paragraph back as its Draftail widget shows it.
    paragraph = page.get_latest_revision_as_object().body[0]
    unchanged = release_form(page.title, page.slug, page.lead, ["Текст релиза."])
    unchanged["body-0-id"] = paragraph.id
    unchanged["body-0-value"] = paragraph.block.field.widget.format_value(paragraph.value.source)
    page = approve_in_editor(client, staff["editor"], page, unchanged)
    assert page.live
    assert not page.workflow_in_progress
    assert page.live_revision.user == staff["press"]


def test_editor_who_edits_while_approving_needs_another_editor(client, staff, draft):
    page = submit(client, staff["press"], draft)
    edited = release_form(page.title, page.slug, page.lead, ["Текст релиза, исправленный."])
    page = approve_in_editor(client, staff["editor"], page, edited)
    assert not page.live
    assert page.workflow_in_progress


def test_administrator_cannot_approve_own_submission_either(client, staff, draft):
    page = submit(client, staff["admin"], draft)
    client.force_login(staff["admin"])
    client.post(action_url(page, "approve"), {"comment": ""})
    assert not Page.objects.get(pk=page.pk).live


def test_administrator_force_publishes_only_with_a_reason(client, staff, draft):
    page = submit(client, staff["press"], draft)
    client.force_login(staff["admin"])
    # The editor's publish button leads to the reason form instead of publishing.
    data = release_form(page.title, page.slug, page.lead, ["Текст релиза."])
    data["action-publish"] = "Publish"
    response = client.post(edit_url(page), data)
    assert response["Location"] == reverse("news_force_publish", args=[page.pk])
    assert not Page.objects.get(pk=page.pk).live

    url = reverse("news_force_publish", args=[page.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert not Page.objects.get(pk=page.pk).live

    response = client.post(url, {"reason": "Срочное заявление по поручению министра"})
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert not page.workflow_in_progress
    forced = PageLogEntry.objects.get(page=page, action="news.force_publish")
    assert forced.user == staff["admin"]
    assert forced.data["reason"] == "Срочное заявление по поручению министра"
    # The history page shows the reason.
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "Срочное заявление по поручению министра" in history.content.decode()


def test_force_publishing_names_the_version_that_goes_live(client, staff, draft):
    """A live release with a new title saved as a draft: the new title is what goes live."""
    draft.save_revision().publish()
    page = NewsArticlePage.objects.get(pk=draft.pk)
    page.title = "Визит делегации из Минска"
    page.save_revision(user=staff["press"])
    client.force_login(staff["admin"])
    url = reverse("news_force_publish", args=[page.pk])

    confirmation = client.get(url).content.decode()
    assert "Визит делегации из Минска" in confirmation

    response = client.post(url, {"reason": "Уточнение заголовка"}, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["«Визит делегации из Минска» опубликован."]
    assert NewsArticlePage.objects.get(pk=page.pk).title == "Визит делегации из Минска"


def test_editors_cannot_force_publish(client, staff, draft):
    client.force_login(staff["editor"])
    response = client.post(
        reverse("news_force_publish", args=[draft.pk]), {"reason": "Очень нужно сегодня"}
    )
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=draft.pk).live


@pytest.mark.parametrize("role", ["press2", "translator"])
def test_only_editors_approve(client, staff, draft, role):
    page = submit(client, staff["press"], draft)
    client.force_login(staff[role])
    response = client.post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=page.pk).live
    assert Page.objects.get(pk=page.pk).workflow_in_progress
