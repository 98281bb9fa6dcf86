"""The whole chain through the admin: write, submit, approve, translate, submit, approve."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry

from news.models import NewsArticlePage
from tests.factories import PartnerCityFactory
from tests.workflow_helpers import (
    action_url,
    add_url,
    put_string,
    release_form,
    review_url,
    segments,
    translation_of,
)

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Москва и Минск подписали план": "Moscow and Minsk signed a plan",
    "План рассчитан на три года.": "The plan covers three years.",
    "Стороны обсудили торговлю.": "The sides discussed trade.",
    "Минск — наш давний партнёр.": "Minsk is our long-standing partner.",
    "Сергей Черёмин": "Sergei Cheremin",
    "Министр Правительства Москвы": "Minister of the Moscow Government",
    "plan-minsk": "plan-minsk",
}


def log_users(page):
    return [
        (entry.action, entry.user.username if entry.user else None)
        for entry in PageLogEntry.objects.filter(page=page).order_by("timestamp", "id")
    ]


def test_release_goes_from_press_officer_to_english_readers(client, staff, site_tree, ru, en):
    archive = site_tree
    minsk = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")

    # A press officer writes the Russian release and submits it; it is not public yet.
    client.force_login(staff["press"])
    data = release_form(
        "Москва и Минск подписали план",
        "plan-minsk",
        "План рассчитан на три года.",
        paragraphs=["Стороны обсудили торговлю."],
        quote=("Минск — наш давний партнёр.", "Сергей Черёмин", "Министр Правительства Москвы"),
        cities=[minsk],
    )
    data["action-submit"] = "Submit"
    response = client.post(add_url(archive), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsArticlePage.objects.get(slug="plan-minsk")
    assert not page.live
    assert page.workflow_in_progress
    assert client.get("/ru/news/plan-minsk/").status_code == 404
    client.logout()
    assert client.get("/ru/news/plan-minsk/").status_code == 404
    # Editors are told by email.
    assert any("editor@example.org" in message.to for message in mail.outbox)

    # The editor finds it on the dashboard and approves it: it goes live.
    client.force_login(staff["editor"])
    assert (
        "Москва и Минск подписали план"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    response = client.post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    client.logout()
    assert client.get("/ru/news/plan-minsk/").status_code == 200

    # The translator asks wagtail-localize for the English version: a draft, linked.
    client.force_login(staff["translator"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [en.pk]},
    )
    assert response.status_code == 302
    english = page.get_translation(en)
    assert english.translation_key == page.translation_key
    assert not english.live
    client.logout()
    assert client.get(english.url).status_code == 404

    # Segment by segment in the translation editor, then submitted for approval.
    client.force_login(staff["translator"])
    translation = translation_of(page, en)
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor_page.status_code == 200
    translation_url = reverse("news_submit_translation", args=[translation.pk])
    assert translation_url in editor_page.content.decode()
    for segment in segments(translation):
        if segment.string.data in ENGLISH:
            assert put_string(
                client, translation, segment, ENGLISH[segment.string.data]
            ).status_code in (
                200,
                201,
            )
    mail.outbox.clear()
    response = client.post(translation_url)
    assert response.status_code == 302
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.workflow_in_progress
    assert not english.live
    assert any("editor@example.org" in message.to for message in mail.outbox)

    # The editor approves the translation from the translation editor: it is public.
    client.force_login(staff["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert review_url(english, "approve") in response.content.decode()
    response = client.post(review_url(english, "approve"), {"comment": "Good"})
    assert response.status_code == 302
    client.logout()
    response = client.get(english.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Moscow and Minsk signed a plan" in html
    assert "Sergei Cheremin" in html
    assert "/en/" in english.url

    # The history tells who wrote, submitted, approved and published each version.
    ru_log = log_users(page)
    assert ("wagtail.create", "press") in ru_log
    assert ("wagtail.workflow.start", "press") in ru_log
    assert ("wagtail.workflow.approve", "editor") in ru_log
    assert ("wagtail.publish", "editor") in ru_log
    en_log = log_users(english)
    assert ("wagtail.workflow.start", "translator") in en_log
    assert ("wagtail.workflow.approve", "editor") in en_log
    assert ("wagtail.publish", "editor") in en_log
    assert english.get_latest_revision().user.username in {"translator", "editor"}
