"""Links in the editors' notification emails lead to the address the admin is served at."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.core import mail

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import edit_url, release_form

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_email_links_follow_the_served_address_when_unset(client, settings, staff, site_tree):
    # Development with WAGTAILADMIN_BASE_URL unset in the environment, served on port 8123.
    settings.ADMIN_BASE_URL_FROM_REQUEST = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "news.workflow.notifications.AdminBaseUrlFromRequest",
    ]
    page = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", live=False)
    page.save_revision()
    client.force_login(staff["press"])
    data = release_form(page.title, page.slug, page.lead, ["Текст релиза."])
    data["action-submit"] = "Submit"
    mail.outbox.clear()
    response = client.post(edit_url(page), data, HTTP_HOST="127.0.0.1:8123")
    assert response.status_code == 302
    assert NewsArticlePage.objects.get(pk=page.pk).workflow_in_progress

    to_editor = [message for message in mail.outbox if "editor@example.org" in message.to]
    assert to_editor
    links = re.findall(r"https?://\S+", to_editor[0].body)
    assert f"http://127.0.0.1:8123/admin/pages/{page.pk}/edit/" in links
    assert not [link for link in links if ":8000" in link]


def test_the_setting_comes_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8123",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL, settings.ADMIN_BASE_URL_FROM_REQUEST)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8123", "False"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_tells_the_server_its_own_address():
    env = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8123"],  # noqa: S607
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    runserver = [line for line in result.stdout.splitlines() if "runserver" in line]
    assert runserver == [
        "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8123 .venv/bin/python manage.py runserver "
        "127.0.0.1:8123"
    ]
