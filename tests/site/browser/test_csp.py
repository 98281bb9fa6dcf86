"""The Content-Security-Policy holds in a real browser: public pages and the admin run
without a single violation, with scripts, styles, images, fetches and workers in use."""

import re

import pytest

from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser

# Installed before any page script: every violation the browser reports is kept.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__csp.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
        ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    );
});
"""


class Violations:
    """CSP violations seen through both the DOM event and the browser's console."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(f"{self.page.url}: {text}")

    def visit(self, url, action=None):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert response.headers.get("content-security-policy"), f"{url}: no policy sent"
        if action:
            action(self.page)
        self.page.wait_for_load_state("networkidle")
        found = self.page.evaluate("() => window.__csp || []")
        return [f"{url}: {item}" for item in found]


def open_gallery(page):
    page.click(".gallery__open >> nth=0")
    page.wait_for_selector(".pswp--open")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")


def type_query(text):
    def action(page):
        with page.expect_response(re.compile(r"/search/suggest/\?q=")) as answer:
            page.fill("#site-search", text)
        assert answer.value.status == 200
        page.wait_for_selector("#site-search-suggestions option", state="attached")

    return action


def test_public_pages_run_without_policy_violations(live_server, browser_page, site):
    seen = Violations(browser_page)
    base = live_server.url
    visits = [
        ("/ru/", None),
        ("/en/", None),
        (site["ru"].url, open_gallery),
        (site["en"].url, open_gallery),
        ("/ru/news/", None),
        ("/en/news/?page=1", None),
        ("/ru/search/?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA", type_query("Подпи")),
        ("/en/search/?q=Minsk", type_query("Road")),
        ("/ru/alerts/", None),
    ]
    found = []
    for path, action in visits:
        found += seen.visit(base + path, action)
    assert not found + seen.console, "\n".join(found + seen.console)


@pytest.fixture
def admin_account(transactional_db):
    user = get_user_model().objects.create_superuser(
        "chief", "chief@example.org", "chief-password-1"
    )
    return user


def test_admin_runs_without_policy_violations(live_server, browser_page, site, admin_account):
    seen = Violations(browser_page)
    base = live_server.url
    found = seen.visit(base + "/admin/login/")
    browser_page.fill("input[name=username]", "chief")
    browser_page.fill("input[name=password]", "chief-password-1")
    with browser_page.expect_navigation():
        browser_page.click("button[type=submit]")
    assert browser_page.url == base + "/admin/"
    found += seen.visit(base + "/admin/")

    def editor_loaded(page):
        # Draftail and the StreamField are drawn by scripts: wait for them.
        page.wait_for_selector("[data-draftail-input], .Draftail-Editor", state="attached")
        page.wait_for_selector("[data-streamfield-stream-container]", state="attached")

    found += seen.visit(f"{base}/admin/pages/{site['ru'].pk}/edit/", editor_loaded)
    found += seen.visit(base + "/admin/images/multiple/add/")
    found += seen.visit(base + "/admin/images/add/")

    def translation_editor_loaded(page):
        # wagtail-localize's editor is a React app that fills this element.
        page.wait_for_selector(".js-translation-editor >> text=Roadmap signed with Minsk")

    found += seen.visit(f"{base}/admin/pages/{site['en'].pk}/edit/", translation_editor_loaded)
    assert not found + seen.console, "\n".join(found + seen.console)


def test_a_violation_is_caught(live_server, browser_page, site):
    # Guards against a harness that hears nothing: an inline script on a public page is
    # refused by the policy, and the refusal must reach the test.
    seen = Violations(browser_page)
    browser_page.goto(live_server.url + "/ru/")
    browser_page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    browser_page.wait_for_timeout(200)
    assert browser_page.evaluate("() => window.injected") is None
    assert browser_page.evaluate("() => window.__csp.length") >= 1
    assert any("script-src" in line for line in seen.console)
