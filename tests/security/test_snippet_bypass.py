"""Writers trying to put a city name or glossary rendering live without an editor."""

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import Translation

from news.models import PartnerCity
from tests.conftest import make_user
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def city_url(name, city, *args):
    return reverse(f"wagtailsnippets_news_partnercity:{name}", args=[city.pk, *args])


def city_form(city, **changes):
    return {"name": city.name, "country": city.country, "slug": city.slug, **changes}


def english_city(city, en):
    return PartnerCity.objects.get(translation_key=city.translation_key, locale=en)


def test_press_officer_posting_publish_only_saves_a_draft(client, staff, release):
    russian, _english = release
    city = russian.partner_cities.get()
    client.force_login(staff["press"])
    client.post(city_url("edit", city), city_form(city, name="Подмена", **{"action-publish": "1"}))
    city.refresh_from_db()
    assert city.name == "Минск"
    client.logout()
    assert "Подмена" not in client.get(russian.url).content.decode()


def test_press_officer_cannot_publish_a_draft_through_its_revision(client, staff, release):
    russian, _english = release
    city = russian.partner_cities.get()
    client.force_login(staff["press"])
    client.post(city_url("edit", city), city_form(city, name="Подмена"))
    city.refresh_from_db()
    revision = city.latest_revision
    # Reverting to a revision and asking for publish at the same time.
    url = city_url("revisions_revert", city, revision.pk)
    client.post(url, city_form(city, name="Подмена", **{"action-publish": "1"}))
    city.refresh_from_db()
    assert city.name == "Минск"
    # Unpublishing (hiding the city everywhere) is the editors' call too.
    assert client.post(city_url("unpublish", city)).status_code in (302, 403)
    city.refresh_from_db()
    assert city.live


def test_press_officer_cannot_approve_own_rename(client, staff, release):
    russian, _english = release
    city = russian.partner_cities.get()
    client.force_login(staff["press"])
    client.post(city_url("edit", city), city_form(city, name="Подмена", **{"action-submit": "1"}))
    city.refresh_from_db()
    state = city.current_workflow_task_state
    response = client.post(city_url("workflow_action", city, "approve", state.pk), {"comment": ""})
    assert response.status_code in (302, 403)
    city.refresh_from_db()
    assert city.name == "Минск"


def test_translator_cannot_publish_the_english_name_from_the_translation_editor(
    client, staff, en, release
):
    russian, english = release
    city = english_city(russian.partner_cities.get(), en)
    translation = Translation.objects.get(
        source__object_id=city.translation_key, target_locale=en, enabled=True
    )
    string = translation.source.stringsegment_set.get(string__data="Минск")
    client.force_login(staff["translator"])
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, string.pk])
    client.put(edit, data="value=Hijacked", content_type="application/x-www-form-urlencoded")
    response = client.post(city_url("edit", city), {"action": "publish"})
    assert refused(response)
    city.refresh_from_db()
    assert city.name == "Minsk"
    client.logout()
    assert "Hijacked" not in client.get(english.url).content.decode()


def test_translator_posting_publish_to_a_plain_english_city_only_saves_a_draft(
    client, staff, en, release
):
    russian, _english = release
    city = english_city(russian.partner_cities.get(), en)
    Translation.objects.filter(source__object_id=city.translation_key).update(enabled=False)
    client.force_login(staff["translator"])
    client.post(
        city_url("edit", city), city_form(city, name="Hijacked", **{"action-publish": "1"})
    )
    city.refresh_from_db()
    assert city.name == "Minsk"


def test_translator_still_cannot_edit_the_russian_city(client, staff, release):
    russian, _english = release
    city = russian.partner_cities.get()
    client.force_login(staff["translator"])
    response = client.post(city_url("edit", city), city_form(city, name="Подмена"))
    assert response.status_code in (302, 403)
    city.refresh_from_db()
    assert city.latest_revision is None or city.latest_revision.content["name"] != "Подмена"


def refused(response):
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard.
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def submit_url(translation):
    return reverse("news_submit_snippet_translation", args=[translation.pk])


def test_press_officer_submits_the_english_name_but_cannot_approve_it(client, staff, en, release):
    russian, _english = release
    city = english_city(russian.partner_cities.get(), en)
    translation = Translation.objects.get(source__object_id=city.translation_key, target_locale=en)
    string = translation.source.stringsegment_set.get(string__data="Минск")
    client.force_login(staff["press"])
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, string.pk])
    client.put(edit, data="value=Minsk city", content_type="application/x-www-form-urlencoded")
    client.post(submit_url(translation))
    city.refresh_from_db()
    assert city.workflow_in_progress
    state = city.current_workflow_task_state
    response = client.post(city_url("workflow_action", city, "approve", state.pk), {"comment": ""})
    assert refused(response)
    city.refresh_from_db()
    assert city.name == "Minsk"
    assert city.workflow_in_progress


def test_an_account_without_a_role_cannot_submit_the_english_name(client, en, release):
    russian, _english = release
    city = english_city(russian.partner_cities.get(), en)
    translation = Translation.objects.get(source__object_id=city.translation_key, target_locale=en)
    before = city.latest_revision_id
    client.force_login(make_user("outsider"))
    # Without the admin's access right it is sent to the sign-in form.
    assert client.post(submit_url(translation)).status_code in (302, 403)
    city.refresh_from_db()
    assert city.latest_revision_id == before
    assert not city.workflow_in_progress


def test_the_snippet_submission_is_no_way_around_a_pages_approval(client, staff, en, release):
    russian, english = release
    translation = Translation.objects.get(
        source__object_id=russian.translation_key, target_locale=en
    )
    client.force_login(staff["translator"])
    assert refused(client.post(submit_url(translation)))
    assert not Page.objects.get(pk=english.pk).workflow_in_progress
