"""Headless Chromium for the browser tests: the system's own, never a downloaded one.

Without /usr/bin/chromium the tests skip with a message on a developer's machine and fail
in CI (CI=true), where .ci/run installs it. The fixtures are taken into tests/conftest.py,
so browser tests in any folder can use them.
"""

import contextlib
import os
import re
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium():
    if CHROMIUM.exists():
        return
    message = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)."
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message + " It is required in CI.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop running in this thread, which makes
    # Django take the tests' database calls for async code. Allowed for these tests only,
    # and taken back before other tests start processes with this environment.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    yield page
    close_context(context)


def close_context(context):
    """Close a browser context once what its pages started on the server is done.

    Requests still on their way (the editor's session pings, a page loading after a save)
    are let finish: closed mid-request, the server would go on writing while the test
    database is emptied. An editor's page, when left, tells the server it stopped editing
    (a beacon that deletes its editing session), which no browser wait sees: each page is
    left here and that deletion waited for.
    """
    from playwright.sync_api import Error as PlaywrightError

    for page in context.pages:
        with contextlib.suppress(PlaywrightError):
            page.wait_for_load_state("networkidle", timeout=5000)
            released = re.findall(r"/editing-sessions/release/(\d+)/", page.content())
            page.goto("about:blank")
            _wait_until_released([int(number) for number in released])
    context.close()


def _wait_until_released(sessions, seconds=5):
    if not sessions:
        return
    from wagtail.admin.models import EditingSession

    deadline = time.monotonic() + seconds
    while EditingSession.objects.filter(pk__in=sessions).exists():
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)


def sign_in(page, base_url, username):
    """Log in to the admin through its form, as a person does; test accounts use "pw"."""
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")
