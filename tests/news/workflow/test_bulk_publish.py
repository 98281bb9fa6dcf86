"""The page listing's bulk "Publish" follows the approval rules of publishing one page."""

import datetime

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page, PageLogEntry

from news.models import EmbargoHold, NewsArticlePage
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import action_url

pytestmark = pytest.mark.django_db

REASON = {"reason": "The minister announced it on air"}


def bulk_publish_url(*pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return url + "?" + "&".join(f"id={page.pk}" for page in pages)


@pytest.fixture
def awaiting(staff, site_tree):
    """A release a press officer submitted for approval."""
    page = NewsArticlePageFactory(parent=site_tree, title="Ждёт одобрения", live=False)
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    return page


@pytest.fixture
def held(client, staff, site_tree):
    """An approved release scheduled for tomorrow that an editor holds for its translation."""
    page = NewsArticlePageFactory(parent=site_tree, title="Под эмбарго", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision(user=staff["press"])
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["editor"])
    client.post(action_url(page, "approve"), {"comment": ""})
    client.post(reverse("news_hold_embargo", args=[page.pk]))
    assert EmbargoHold.objects.filter(page=page).exists()
    return page


@pytest.fixture
def publisher(db):
    """Someone given Wagtail's publish permission outside the Administrators role."""
    group = Group.objects.create(name="Web team")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.objects.get(depth=1)
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = make_user("webteam")
    user.groups.add(group)
    return user


def is_live(page):
    page = NewsArticlePage.objects.get(pk=page.pk)
    return page.live or page.scheduled_revision is not None


@pytest.mark.parametrize("role", ["press", "translator", "editor"])
def test_roles_without_force_publish_cannot_bulk_publish(client, staff, awaiting, held, role):
    client.force_login(staff[role])
    url = bulk_publish_url(awaiting, held)
    # Both pages are listed as out of reach, with nothing to confirm.
    assert 'name="reason"' not in client.get(url).content.decode()
    client.post(url, REASON)
    assert not is_live(awaiting) and not is_live(held)
    assert NewsArticlePage.objects.get(pk=awaiting.pk).workflow_in_progress
    assert EmbargoHold.objects.filter(page=held).exists()


def test_publish_permission_alone_does_not_skip_approval_or_hold(
    client, awaiting, held, publisher
):
    client.force_login(publisher)
    client.post(bulk_publish_url(awaiting, held), REASON)
    assert not is_live(awaiting) and not is_live(held)
    assert NewsArticlePage.objects.get(pk=awaiting.pk).workflow_in_progress
    assert EmbargoHold.objects.filter(page=held).exists()


def test_administrator_bulk_publishes_only_with_a_reason(client, staff, awaiting):
    client.force_login(staff["admin"])
    url = bulk_publish_url(awaiting)
    assert 'name="reason"' in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert not is_live(awaiting)

    response = client.post(url, REASON)
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=awaiting.pk)
    assert page.live
    assert not page.workflow_in_progress
    entry = PageLogEntry.objects.get(page=page, action="news.force_publish")
    assert entry.data["reason"] == REASON["reason"]
    assert entry.user == staff["admin"]
