"""A stale edit form cannot silently replace a newer draft saved by someone else."""

import pytest

from django.contrib.messages import get_messages

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import edit_url, release_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(site_tree, staff):
    page = NewsArticlePageFactory(parent=site_tree, title="Визит", slug="visit", live=False)
    page.save_revision(user=staff["press"])
    return NewsArticlePage.objects.get(pk=page.pk)


def save(client, user, page, loaded_revision_id, lead):
    client.force_login(user)
    data = release_form(page.title, page.slug, lead, ["Текст."])
    data["loaded_revision_id"] = str(loaded_revision_id)
    return client.post(edit_url(page), data)


def test_stale_form_is_refused_naming_who_changed_the_page(client, staff, draft):
    opened = draft.latest_revision_id
    # press2 saves a newer version while the editor still has the page open.
    assert save(client, staff["press2"], draft, opened, "Версия коллеги").status_code == 302
    newer = NewsArticlePage.objects.get(pk=draft.pk).latest_revision_id
    assert newer != opened

    response = save(client, staff["editor"], draft, opened, "Версия редактора")
    assert response.status_code == 302
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "press2" in text
    page = NewsArticlePage.objects.get(pk=draft.pk)
    assert page.latest_revision_id == newer
    assert page.get_latest_revision_as_object().lead == "Версия коллеги"


def test_form_of_the_latest_version_saves(client, staff, draft):
    response = save(client, staff["editor"], draft, draft.latest_revision_id, "Новая версия")
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=draft.pk)
    assert page.get_latest_revision_as_object().lead == "Новая версия"


def test_own_newer_version_does_not_block(client, staff, draft):
    opened = draft.latest_revision_id
    save(client, staff["editor"], draft, opened, "Первая правка")
    save(client, staff["editor"], draft, opened, "Вторая правка")
    page = NewsArticlePage.objects.get(pk=draft.pk)
    assert page.get_latest_revision_as_object().lead == "Вторая правка"
