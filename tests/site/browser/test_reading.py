"""Readers' paths through the site in a real browser: language switch, keyboard, errors,
small screens, print, and axe-core's WCAG 2.1 AA rules on every page type."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_types(site):
    """(path, language) of every kind of page a reader can land on."""
    return [
        ("/ru/", "ru"),
        ("/en/", "en"),
        ("/ru/news/", "ru"),
        ("/ru/news/?page=2", "ru"),
        ("/en/news/", "en"),
        (site["ru"].url, "ru"),
        (site["en"].url, "en"),
        ("/ru/no-such-page/", "ru"),
        ("/en/no-such-page/", "en"),
        ("/ru/alerts/", "ru"),
        ("/en/alerts/", "en"),
    ]


def test_every_page_type_passes_axe_in_both_languages(live_server, browser_page, site):
    axe = Axe()
    reports = []
    for path, language in page_types(site):
        browser_page.goto(live_server.url + path)
        assert browser_page.get_attribute("html", "lang") == language, path
        results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        if results.violations_count:
            reports.append(f"{path}:\n{results.generate_report()}")
    assert not reports, "\n".join(reports)


def test_error_pages_pass_axe_in_the_readers_language(live_server, browser_page, site, settings):
    settings.ROOT_URLCONF = "tests.site.error_urls"
    axe = Axe()
    for language, title in (("ru", "Ошибка сервера"), ("en", "Server error")):
        response = browser_page.goto(f"{live_server.url}/{language}/broken/")
        assert response.status == 500
        assert browser_page.get_attribute("html", "lang") == language
        assert browser_page.inner_text("h1") == title
        results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.violations_count == 0, results.generate_report()
    response = browser_page.goto(f"{live_server.url}/en/news/no-such-release/")
    assert response.status == 404
    assert browser_page.inner_text("h1") == "Page not found"
    response = browser_page.goto(f"{live_server.url}/ru/news/no-such-release/")
    assert browser_page.inner_text("h1") == "Страница не найдена"


def test_switch_from_russian_lands_on_the_english_translation(live_server, browser_page, site):
    browser_page.goto(live_server.url + site["ru"].url)
    assert browser_page.inner_text("h1") == "Подписана дорожная карта с Минском"
    switch = browser_page.locator(".language-switch a[hreflang=en]")
    assert switch.get_attribute("lang") == "en"
    switch.click()
    browser_page.wait_for_url(live_server.url + site["en"].url)
    assert browser_page.inner_text("h1") == "Roadmap signed with Minsk"
    assert browser_page.get_attribute("html", "lang") == "en"
    # And back.
    browser_page.locator(".language-switch a[hreflang=ru]").click()
    browser_page.wait_for_url(live_server.url + site["ru"].url)
    assert browser_page.get_attribute("html", "lang") == "ru"


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName, text: el.innerText, href: el.getAttribute('href'),
                id: el.id, outline: style.outlineStyle, outlineWidth: style.outlineWidth,
                visible: box.width > 0 && box.height > 0 && box.bottom > 0,
            };
        }"""
    )


def test_keyboard_only_reading(live_server, browser_page, site):
    browser_page.goto(live_server.url + "/ru/news/")
    browser_page.keyboard.press("Tab")
    skip = focused(browser_page)
    assert skip["href"] == "#main"
    assert skip["text"] == "Перейти к основному содержанию"
    assert skip["visible"], "the skip link must appear when focused"
    assert skip["outline"] != "none"

    # Every stop in the header, the language switch and the menu shows a visible focus.
    stops = []
    for _ in range(6):
        browser_page.keyboard.press("Tab")
        stop = focused(browser_page)
        assert stop["visible"] and stop["outline"] != "none", stop
        stops.append(stop)
    hrefs = [stop["href"] for stop in stops]
    assert "/ru/" in hrefs  # the brand and the "Home" link
    assert "/en/news/" in hrefs  # the language switch
    assert "/ru/news/" in hrefs  # the menu

    # The skip link moves focus past the header.
    browser_page.goto(live_server.url + "/ru/news/")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Enter")
    assert focused(browser_page)["id"] == "main"

    # Pagination by keyboard: tab to "Older" and follow it.
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        if focused(browser_page)["text"] == "Старше":
            break
    else:
        pytest.fail("the pagination link is not reachable by keyboard")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(r".*\?page=2$"))
    assert "Страница 2 из 2" in browser_page.inner_text(".pagination")


@pytest.mark.parametrize("width", [320, 640])
def test_no_horizontal_scrolling_at_320px_or_200_percent_zoom(live_server, chromium, site, width):
    # A 1280 px window zoomed to 200% lays pages out in 640 CSS pixels.
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        for path, _language in page_types(site):
            page.goto(live_server.url + path)
            # The skip link stays out of sight until it receives focus, even when it wraps.
            skip_bottom = page.evaluate(
                "() => document.querySelector('.skip-link').getBoundingClientRect().bottom"
            )
            assert skip_bottom <= 0, f"{path}: skip link visible without focus at {width}px"
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    finally:
        context.close()


def test_print_stylesheet_keeps_the_release_and_drops_navigation(live_server, browser_page, site):
    browser_page.goto(live_server.url + site["en"].url)
    browser_page.emulate_media(media="print")
    assert browser_page.locator(".site-nav").is_hidden()
    assert browser_page.locator("header .search-box").is_hidden()
    assert browser_page.locator(".site-header .brand").is_visible()
    assert browser_page.locator(".site-footer").is_hidden()
    assert browser_page.locator("h1").is_visible()
    assert browser_page.locator(".article__lead").is_visible()
    pdf = browser_page.pdf()
    assert pdf.startswith(b"%PDF")


def test_the_axe_check_itself_catches_violations(browser_page):
    # Guards against a harness that silently checks nothing (e.g. axe failing to load).
    browser_page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    results = Axe().run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    ids = {violation["id"] for violation in results.response["violations"]}
    assert {"image-alt", "link-name", "html-has-lang"} <= ids


def test_expired_form_page_in_the_readers_language(live_server, browser_page, site):
    axe = Axe()
    for language, title in (("ru", "Срок действия формы истёк"), ("en", "The form has expired")):
        browser_page.goto(f"{live_server.url}/{language}/alerts/")
        # A form whose security token has been lost, as after a long pause.
        browser_page.context.clear_cookies()
        browser_page.fill("input[name=email]", "reader@example.org")
        with browser_page.expect_navigation():
            browser_page.click("main form button[type=submit]")
        assert browser_page.get_attribute("html", "lang") == language
        assert browser_page.inner_text("h1") == title
        results = axe.run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        assert results.violations_count == 0, results.generate_report()
