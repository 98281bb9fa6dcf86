"""Tags and photo credits show on every release that carries them, so what readers see of
them changes only once an editor approves, as for partner cities."""

import re
from urllib.parse import quote

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail_localize.models import Translation

from gallery.models import PhotoCredit
from news.models import Topic
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

MODELS = {
    "tag": ("news_topic", Topic, "визит", "visit"),
    "credit": ("gallery_photocredit", PhotoCredit, "Пресс-служба", "Press office"),
}


@pytest.fixture
def translated(release, translate):
    """The release, its tag "визит" and its photos' credit translated into English."""
    for _url_name, model, russian, english in MODELS.values():
        translate(model.objects.get(locale__language_code="ru", name=russian), {russian: english})
    return release


def url(kind, name, instance, *args):
    return reverse(f"wagtailsnippets_{MODELS[kind][0]}:{name}", args=[instance.pk, *args])


def english_record(kind):
    _url_name, model, _russian, english = MODELS[kind]
    return model.objects.get(locale__language_code="en", name=english)


def put_english_name(client, record, russian, value):
    translation = Translation.objects.get(
        source__object_id=record.translation_key, target_locale=record.locale, enabled=True
    )
    segment = translation.source.stringsegment_set.get(string__data=russian)
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        edit, data=f"value={quote(value)}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    return translation


def approve(client, editor, record, kind):
    state = WorkflowState.objects.for_instance(record).get(status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(editor)
    response = client.post(
        url(kind, "workflow_action", record, "approve", state.current_task_state.pk),
        {"comment": ""},
    )
    client.logout()
    return response


def shown(page):
    return Client().get(page.url).content.decode()


@pytest.mark.parametrize("kind", MODELS)
def test_a_translators_english_name_waits_for_an_editor(client, settings, staff, translated, kind):
    settings.PAGE_CACHE_ENABLED = True
    _russian, english = translated
    _url_name, _model, russian_name, english_name = MODELS[kind]
    record = english_record(kind)
    assert english_name in shown(english)

    client.force_login(staff["translator"])
    translation = put_english_name(client, record, russian_name, "Forged name")
    response = client.post(reverse("news_submit_snippet_translation", args=[translation.pk]))
    assert response.status_code == 302
    client.logout()
    record.refresh_from_db()
    assert record.name == english_name
    assert record.workflow_in_progress
    assert record.latest_revision.content["name"] == "Forged name"
    assert "Forged name" not in shown(english)
    assert english_name in shown(english)

    # The editors' dashboard lists it, leading to its own editor.
    client.force_login(staff["editor"])
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert "Forged name" in dashboard.content.decode()
    assert url(kind, "edit", record) in dashboard.content.decode()
    # Its editor opens, with the review's history and comparison in the status panel.
    page = client.get(url(kind, "edit", record))
    assert page.status_code == 200
    assert url(kind, "workflow_history", record) in page.content.decode()
    client.logout()

    # Whoever submitted it cannot approve it; an editor can, and readers then see it.
    assert approve(client, staff["translator"], record, kind).status_code in (302, 403)
    record.refresh_from_db()
    assert record.name == english_name
    assert approve(client, staff["editor"], record, kind).status_code == 302
    record.refresh_from_db()
    assert record.name == "Forged name"
    assert "Forged name" in shown(english)


@pytest.mark.parametrize("kind", MODELS)
def test_a_translator_posting_publish_only_saves_a_draft(client, staff, translated, kind):
    _russian, english = translated
    _url_name, _model, russian_name, english_name = MODELS[kind]
    record = english_record(kind)
    Translation.objects.filter(source__object_id=record.translation_key).update(enabled=False)
    client.force_login(staff["translator"])
    client.post(url(kind, "edit", record), {"name": "Forged name", "action-publish": "1"})
    client.logout()
    record.refresh_from_db()
    assert record.name == english_name
    assert "Forged name" not in shown(english)


@pytest.mark.parametrize("kind", MODELS)
def test_a_press_officers_rename_is_a_draft_until_an_editor_approves(
    client, staff, translated, kind
):
    russian, _english = translated
    _url_name, model, russian_name, _english_name = MODELS[kind]
    record = model.objects.get(locale__language_code="ru", name=russian_name)
    data = {"name": "Подмена", "action-submit": "1"}
    if kind == "tag":
        data["slug"] = record.slug
    client.force_login(staff["press"])
    response = client.post(url(kind, "edit", record), data)
    assert response.status_code == 302
    client.logout()
    record.refresh_from_db()
    assert record.name == russian_name
    assert "Подмена" not in shown(russian)

    assert approve(client, staff["press"], record, kind).status_code in (302, 403)
    record.refresh_from_db()
    assert record.name == russian_name
    assert approve(client, staff["editor"], record, kind).status_code == 302
    record.refresh_from_db()
    assert record.name == "Подмена"
    assert "Подмена" in shown(russian)


def test_a_tag_added_in_the_admin_shows_once_approved(client, staff, release):
    russian, _english = release
    client.force_login(staff["press"])
    add = reverse("wagtailsnippets_news_topic:add") + "?locale=ru"
    response = client.post(add, {"name": "форум", "slug": "", "action-submit": "1"})
    assert response.status_code == 302
    client.logout()
    tag = Topic.objects.get(name="форум")
    assert not tag.live
    # A release that carries the tag before it is approved does not show it.
    russian.tags.add(tag)
    russian.save_revision().publish()
    assert not re.search(r'class="tag"[^>]*>форум<', shown(russian))
    assert Client().get(f"{russian.get_parent().url}tag/{tag.slug}/").status_code == 404

    assert approve(client, staff["editor"], tag, "tag").status_code == 302
    assert re.search(r'class="tag"[^>]*>форум<', shown(russian))
