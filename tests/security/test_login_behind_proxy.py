"""Behind a proxy every request comes from the proxy's address: one client's failed logins
must lock out that client, not everyone behind the same proxy."""

import pytest

from django.test import override_settings

PROXY = "10.0.0.2"


@pytest.fixture
def editor_account(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="correct-horse-battery", is_staff=True
    )


def login(client, username, password, client_address):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


# What PROXY_COUNT=1 sets (tests/site/test_public_settings.py checks that it does).
@override_settings(
    AXES_ENABLED=True,
    AXES_IPWARE_PROXY_COUNT=0,
    AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
)
def test_one_clients_failures_do_not_lock_out_the_others(client, editor_account, db):
    for attempt in range(6):
        login(client, f"guess{attempt}", "wrong", "203.0.113.5")
    assert login(client, "editor", "wrong", "203.0.113.5").status_code == 429

    client.cookies.clear()
    response = login(client, "editor", "correct-horse-battery", "198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_account.pk)
