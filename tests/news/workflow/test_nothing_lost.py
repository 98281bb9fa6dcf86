"""Concurrent edits and restores through the admin: no version of a release is lost."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "date": page.date.isoformat(),
        "lead": page.lead,
        "body": streamfield([("paragraph", rich_text("<p>Стороны обсудили сотрудничество.</p>"))]),
        "tags": "",
        "gallery_items": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


def editor(username):
    user = get_user_model().objects.create_superuser(username=username, password="x")
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def release(site_tree):
    return publish(NewsArticlePageFactory(parent=site_tree, title="Первая версия"))


def open_editor(client, page):
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    session = re.search(rf"/admin/editing-sessions/ping/wagtailcore/page/{page.pk}/(\d+)/", html)
    assert session, "the editor page registers an editing session"
    return session.group(0)


def test_second_editor_is_told_of_a_newer_version_and_nothing_is_overwritten(release):
    alice, alice_client = editor("alice")
    bob, bob_client = editor("bob")
    loaded = release.latest_revision

    open_editor(alice_client, release)
    bob_ping = open_editor(bob_client, release)

    response = alice_client.post(
        f"/admin/pages/{release.pk}/edit/",
        {**edit_form(release, title="Версия Алисы"), "loaded_revision_id": loaded.pk},
    )
    assert response.status_code == 302
    alice_revision = release.revisions.order_by("-created_at", "-id").first()
    assert alice_revision.user == alice

    # Bob's editor polls the session: it learns that Alice saved a newer version.
    ping = bob_client.post(
        bob_ping,
        {
            "revision_id": loaded.pk,
            "revision_created_at": loaded.created_at.isoformat(),
        },
    ).json()
    newer = [s for s in ping["other_sessions"] if s["revision_id"] == alice_revision.pk]
    assert len(newer) == 1
    assert newer[0]["user"] == "alice"

    # Bob's save from the stale form is refused: Alice's version stays the latest.
    bob_client.post(
        f"/admin/pages/{release.pk}/edit/",
        {**edit_form(release, title="Версия Боба"), "loaded_revision_id": loaded.pk},
    )
    titles = [r.content["title"] for r in release.revisions.order_by("created_at", "id")]
    assert titles[-1] == "Версия Алисы"
    assert "Версия Боба" not in titles


def test_a_published_version_can_be_restored_from_its_revision(client, release, admin_user):
    client.force_login(admin_user)
    first = release.live_revision
    release.title = "Исправленная версия"
    publish(release)

    response = client.get(f"/admin/pages/{release.pk}/revisions/{first.pk}/revert/")
    assert response.status_code == 200
    assert 'value="Первая версия"' in response.content.decode()

    response = client.post(
        f"/admin/pages/{release.pk}/revisions/{first.pk}/revert/",
        {**edit_form(release, title="Первая версия"), "action-publish": "publish"},
    )
    # Publishing outside the approval workflow asks an administrator for a reason.
    force_publish = reverse("news_force_publish", args=[release.pk])
    assert response.status_code == 302
    assert response["Location"] == force_publish
    response = client.post(force_publish, {"reason": "Исправленная версия отозвана"})
    assert response.status_code == 302
    assert "Первая версия" in client.get(release.url).content.decode()
    release.refresh_from_db()
    assert release.title == "Первая версия"
    assert release.revisions.count() == 3
