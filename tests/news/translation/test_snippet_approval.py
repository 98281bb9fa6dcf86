"""Partner city names and glossary terms change in public only once an editor approves."""

from urllib.parse import quote

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail_localize.models import Translation

from news.models import GlossaryTerm, PartnerCity
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def city_url(name, city, *args):
    return reverse(f"wagtailsnippets_news_partnercity:{name}", args=[city.pk, *args])


def city_form(city, **changes):
    return {"name": city.name, "country": city.country, "slug": city.slug, **changes}


def english_city(city, en):
    return PartnerCity.objects.get(translation_key=city.translation_key, locale=en)


def submit_url(translation):
    return reverse("news_submit_snippet_translation", args=[translation.pk])


def put_english_name(client, city, value):
    translation = Translation.objects.get(
        source__object_id=city.translation_key, target_locale=city.locale, enabled=True
    )
    segment = translation.source.stringsegment_set.get(string__data="Минск")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, data=f"value={quote(value)}", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    return translation


def approve(client, editor, instance):
    state = WorkflowState.objects.for_instance(instance).get(
        status=WorkflowState.STATUS_IN_PROGRESS
    )
    client.force_login(editor)
    url = reverse(
        f"wagtailsnippets_news_{instance._meta.model_name}:workflow_action",
        args=[instance.pk, "approve", state.current_task_state.pk],
    )
    return client.post(url, {"comment": ""})


def test_a_press_officers_rename_is_a_draft_until_an_editor_approves(
    client, settings, staff, release
):
    settings.PAGE_CACHE_ENABLED = True
    russian, _english = release
    city = russian.partner_cities.get()
    reader = Client()
    assert "Минск" in reader.get(russian.url).content.decode()
    client.force_login(staff["press"])
    response = client.post(
        city_url("edit", city), city_form(city, name="Минск-Сити", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name == "Минск"
    assert city.latest_revision.content["name"] == "Минск-Сити"
    assert city.workflow_in_progress
    assert "Минск-Сити" not in reader.get(russian.url).content.decode()

    response = approve(client, staff["editor"], city)
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name == "Минск-Сити"
    assert city.live
    # The copy cached before the approval is not served any more.
    assert "Минск-Сити" in reader.get(russian.url).content.decode()


def test_a_saved_draft_leaves_the_live_name(client, staff, release):
    russian, _english = release
    city = russian.partner_cities.get()
    client.force_login(staff["press"])
    response = client.post(city_url("edit", city), city_form(city, name="Черновик"))
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name == "Минск"
    assert city.has_unpublished_changes
    client.logout()
    assert "Черновик" not in client.get(russian.url).content.decode()


def test_a_new_city_starts_as_a_draft(client, staff, ru):
    client.force_login(staff["press"])
    add = reverse("wagtailsnippets_news_partnercity:add") + "?locale=ru"
    response = client.post(add, {"name": "Гавана", "country": "Куба", "slug": "havana"})
    assert response.status_code == 302
    assert not PartnerCity.objects.get(slug="havana").live
    assert not PartnerCity.objects.live().filter(slug="havana").exists()


def test_an_editor_approves_a_translators_english_name(client, staff, en, release):
    russian, english = release
    city = english_city(russian.partner_cities.get(), en)
    client.force_login(staff["translator"])
    translation = put_english_name(client, city, "Minsk City")
    # The listing offers the translator the way to the editors.
    listing = client.get(reverse("wagtailsnippets_news_partnercity:list"))
    assert submit_url(translation) in listing.content.decode()
    response = client.post(submit_url(translation))
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name == "Minsk"
    assert city.live
    assert city.latest_revision.content["name"] == "Minsk City"
    assert city.workflow_in_progress
    client.logout()
    assert "Minsk City" not in client.get(english.url).content.decode()
    approve(client, staff["editor"], city)
    city.refresh_from_db()
    assert city.name == "Minsk City"
    client.logout()
    assert "Minsk City" in client.get(english.url).content.decode()


def test_the_glossary_goes_through_a_second_editor(client, staff):
    term = GlossaryTerm.objects.get(term="Сергей Черёмин")
    client.force_login(staff["editor"])
    url = reverse("wagtailsnippets_news_glossaryterm:edit", args=[term.pk])
    data = {
        "term": term.term,
        "translation": "Sergey Cheremin",
        "category": term.category,
        "notes": "",
        "action-submit": "1",
    }
    assert client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert term.translation == "Sergei Cheremin"
    # Whoever submitted a version cannot approve it.
    approve(client, staff["editor"], term)
    term.refresh_from_db()
    assert term.translation == "Sergei Cheremin"
    assert approve(client, staff["editor2"], term).status_code == 302
    term.refresh_from_db()
    assert term.translation == "Sergey Cheremin"
