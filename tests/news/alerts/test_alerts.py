import re

import pytest

from django.core.management import call_command
from django.test import Client

from news.models import AlertSubscription, NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish, topics
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


def link(message, kind):
    return re.search(rf"http://testserver(/\w\w/alerts/{kind}/[0-9a-f-]+/)", message.body)[1]


def subscribe(client, mailoutbox, language, choice, email):
    before = len(mailoutbox)
    response = client.post(f"/{language}/alerts/", {"email": email, "choice": choice})
    assert response.status_code == 200
    assert len(mailoutbox) == before + 1
    confirmation = mailoutbox[-1]
    assert client.get(link(confirmation, "confirm")).status_code == 200
    return confirmation


def test_subscribing_needs_confirmation_by_email(client, mailoutbox, site_tree, minsk):
    page = client.get("/ru/alerts/")
    assert page.status_code == 200
    assert "Минск" in page.content.decode()

    response = client.post("/ru/alerts/", {"email": "Reader@Example.org", "choice": "city:minsk"})
    assert response.status_code == 200
    assert "Проверьте почту" in response.content.decode()
    subscription = AlertSubscription.objects.get()
    assert (subscription.email, subscription.language, subscription.topic, subscription.value) == (
        "reader@example.org",
        "ru",
        "city",
        "minsk",
    )
    assert subscription.confirmed_at is None

    [message] = mailoutbox
    assert message.to == ["reader@example.org"]
    assert message.subject == "Подтвердите подписку на пресс-релизы"
    assert "Минск" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/ru/alerts/")

    confirmed = client.get(link(message, "confirm"))
    assert confirmed.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_form_errors_are_shown_in_the_readers_language(client, site_tree):
    response = client.post("/en/alerts/", {"email": "not-an-address", "choice": "city:nowhere"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please enter a valid email address" in html
    assert "Please choose what you would like to receive." in html
    response = client.post("/ru/alerts/", {"email": "", "choice": "all:"})
    assert "Укажите адрес электронной почты." in response.content.decode()
    assert not AlertSubscription.objects.exists()


def test_publishing_alerts_each_matching_subscriber_once_in_their_language(
    client, mailoutbox, site_tree, minsk, translate, django_capture_on_commit_callbacks
):
    subscribe(client, mailoutbox, "ru", "all:", "all-ru@example.org")
    subscribe(client, mailoutbox, "ru", "city:minsk", "all-ru@example.org")
    subscribe(client, mailoutbox, "ru", "city:minsk", "minsk@example.org")
    subscribe(client, mailoutbox, "en", "all:", "all-en@example.org")
    client.post("/ru/alerts/", {"email": "unconfirmed@example.org", "choice": "all:"})
    mailoutbox.clear()

    page = NewsArticlePageFactory(
        parent=site_tree, title=RU_TITLE, lead=RU_LEAD, cities=[minsk], slug="minsk-roadmap"
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == ["all-ru@example.org", "minsk@example.org"]
    message = mailoutbox[0]
    assert message.subject == RU_TITLE
    assert RU_LEAD in message.body
    assert "http://testserver/ru/news/minsk-roadmap/" in message.body
    assert "Отписаться одним щелчком" in message.body
    assert link(message, "unsubscribe")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A correction re-published later alerts nobody again.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(NewsArticlePage.objects.get(pk=page.pk))
    assert mailoutbox == []

    # The translation, published later, alerts the English subscribers in English.
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            page,
            {
                RU_TITLE: "Roadmap signed with Minsk",
                RU_LEAD.replace("&", "&amp;"): "English lead.",
            },
        )
    assert [message.to[0] for message in mailoutbox] == ["all-en@example.org"]
    assert mailoutbox[0].subject == "Roadmap signed with Minsk"
    assert "English lead." in mailoutbox[0].body
    assert "Unsubscribe with one click" in mailoutbox[0].body
    assert "/en/news/" in mailoutbox[0].body


def test_tag_subscribers_are_alerted(
    client, mailoutbox, site_tree, django_capture_on_commit_callbacks
):
    page = NewsArticlePageFactory(parent=site_tree, title="С тегом")
    page.tags.add(*topics("визит"))
    subscribe(client, mailoutbox, "ru", "tag:визит", "tag@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert [message.to[0] for message in mailoutbox] == ["tag@example.org"]


def test_alerts_wait_for_the_worker_not_the_publish_request(
    client, mailoutbox, settings, site_tree, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker recycles database connections between tasks; inside this test's
    # transaction that would close the test's own connection (PostgreSQL).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    subscribe(client, mailoutbox, "ru", "all:", "reader@example.org")
    mailoutbox.clear()
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "worker": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        publish(NewsArticlePageFactory(parent=site_tree, title="Через очередь"))
    assert mailoutbox == []  # queued, not sent by the publisher
    call_command("db_worker", "--backend", "worker", "--batch", verbosity=0)
    assert [message.subject for message in mailoutbox] == ["Через очередь"]


def test_one_click_unsubscribe(client, mailoutbox, site_tree, django_capture_on_commit_callbacks):
    subscribe(client, mailoutbox, "en", "all:", "reader@example.org")
    address = link(mailoutbox[-1], "unsubscribe")
    page = client.get(address)
    assert page.status_code == 200
    assert "Unsubscribe" in page.content.decode()
    # A mail client's one-click POST carries no CSRF token.
    response = Client(enforce_csrf_checks=True).post(address, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()
    # Following the link again is harmless.
    assert client.post(address).status_code == 200
