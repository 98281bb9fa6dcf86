import logging

import pytest

from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_account(db):
    return get_user_model().objects.create_user(
        username="editor", password="correct-horse-battery", is_staff=True
    )


@override_settings(AXES_ENABLED=True)
def test_admin_login_locks_out_after_repeated_failures(client, editor_account, caplog):
    caplog.set_level(logging.WARNING, logger="axes")
    for _ in range(5):
        response = client.post(
            "/admin/login/", {"username": "editor", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="ru"
        )
    # Once locked, even the right password is refused, with a page in the user's language.
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct-horse-battery"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 429
    assert "Вход временно заблокирован" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("lock" in record.getMessage().lower() for record in caplog.records)


@override_settings(AXES_ENABLED=True)
def test_admin_login_still_works_below_the_limit(client, editor_account):
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_account.pk)


def test_public_and_admin_pages_carry_a_content_security_policy(client, site_tree):
    for path in ("/ru/", "/en/news/", "/admin/login/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
    # Readers' pages allow no inline script; only the admin's own widgets need it.
    assert "script-src 'self';" in client.get("/ru/")["Content-Security-Policy"] + ";"
    admin_policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_policy


def test_security_headers_on_public_pages(client, site_tree):
    response = client.get("/ru/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "Сайт временно недоступен"), ("en", "The site is temporarily unavailable")],
)
def test_database_outage_gives_503_in_the_readers_language(
    client, site_tree, monkeypatch, language, text
):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get(f"/{language}/news/")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert text in response.content.decode()
    # Once the database answers again the same address is served normally.
    assert client.get(f"/{language}/news/").status_code == 200


def test_other_database_errors_are_not_hidden_as_outages(client, site_tree, monkeypatch):
    def deadlock(*args, **kwargs):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(connection, "cursor", deadlock)
    client.raise_request_exception = True
    with pytest.raises(OperationalError):
        client.get("/ru/news/")
