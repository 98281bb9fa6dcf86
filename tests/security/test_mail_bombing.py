"""Making the site send email to someone else's address, over and over: the alert form
and the admin's password reset."""

from datetime import timedelta

import pytest

from django.test import override_settings
from django.utils import timezone

from news.models import AlertSubscription
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

VICTIM = "victim@example.org"


def post_alert(client, email, choice="all:", language="ru", ip="203.0.113.7"):
    return client.post(f"/{language}/alerts/", {"email": email, "choice": choice}, REMOTE_ADDR=ip)


def test_many_subscriptions_for_one_address_send_one_confirmation(
    client, mailoutbox, settings, site_tree, minsk
):
    settings.RATELIMIT_ENABLE = False  # only the pending confirmation is tested here
    answers = [
        post_alert(client, VICTIM.upper() if n % 2 else VICTIM, choice, ip=f"198.51.100.{n}")
        for n in range(15)
        for choice in ("all:", "city:minsk")
    ]

    assert {answer.status_code for answer in answers} == {200}
    # The same page as for the first request: nothing tells that no message went out.
    assert all("Проверьте почту" in answer.content.decode() for answer in answers)
    assert [message.to for message in mailoutbox] == [[VICTIM]]

    # A request left unconfirmed past the window may be asked for again, once.
    AlertSubscription.objects.update(created_at=timezone.now() - timedelta(hours=25))
    post_alert(client, VICTIM)
    post_alert(client, VICTIM)
    assert len(mailoutbox) == 2


def test_one_address_is_refused_after_the_limit(client, mailoutbox, site_tree):
    answers = [post_alert(client, VICTIM, ip=f"198.51.100.{n}") for n in range(10)]

    assert answers[0].status_code == 200
    assert answers[-1].status_code == 429
    assert len(mailoutbox) == 1


def test_many_addresses_from_one_client_are_refused_after_the_limit(client, mailoutbox, site_tree):
    answers = [post_alert(client, f"victim{n}@example.org") for n in range(30)]

    codes = [answer.status_code for answer in answers]
    assert codes[0] == 200
    assert codes[-1] == 429
    assert len(mailoutbox) == codes.count(200) < 30
    # Another client is not refused because of this one.
    assert post_alert(client, "reader@example.org", ip="192.0.2.1").status_code == 200


def test_the_refusal_is_in_the_readers_language(client, site_tree):
    for n in range(30):
        response = post_alert(client, f"victim{n}@example.org")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Пресс-служба" in html

    response = post_alert(client, "victim@example.org", language="en")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Too many requests" in html


def test_password_reset_emails_are_throttled(client, mailoutbox, staff):
    by_address = [
        client.post(
            "/admin/password_reset/",
            {"email": "editor@example.org"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        for n in range(10)
    ]
    assert by_address[0].status_code == 302
    assert by_address[-1].status_code == 429
    assert 1 <= len(mailoutbox) < 10

    # One client trying every address in turn.
    emails = [user.email for user in staff.values()] * 5
    by_client = [
        client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR="203.0.113.9")
        for email in emails
    ]
    assert by_client[-1].status_code == 429
    assert "Пресс-служба" in by_client[-1].content.decode()  # the admin's default language


# What PROXY_COUNT=1 sets (tests/site/test_public_settings.py checks that it does).
@override_settings(
    AXES_IPWARE_PROXY_COUNT=0,
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
)
def test_behind_a_proxy_one_client_is_refused_not_everyone(client, site_tree):
    def post(email, client_address):
        return client.post(
            "/ru/alerts/",
            {"email": email, "choice": "all:"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=client_address,
        )

    answers = [post(f"victim{n}@example.org", "203.0.113.5") for n in range(30)]
    assert answers[-1].status_code == 429
    assert post("reader@example.org", "198.51.100.7").status_code == 200
