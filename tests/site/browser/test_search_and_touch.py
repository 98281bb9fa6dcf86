"""Searching from the header by a word form, and the full-screen gallery on a touch screen."""

import datetime

import pytest

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.browser


def test_header_search_finds_another_form_of_the_words(live_server, browser_page, site):
    archive = site["ru"].get_parent()
    publish(
        NewsArticlePageFactory(
            parent=archive,
            title="Казань и Ереван подписали дорожную карту",
            slug="kazan-yerevan",
            lead="Документ рассчитан на пять лет.",
            date=datetime.date(2024, 4, 2),
        )
    )
    browser_page.goto(live_server.url + "/ru/")
    box = browser_page.locator("header #site-search")
    box.fill("подписание дорожной карты")
    box.press("Enter")
    browser_page.wait_for_url("**/ru/search/?q=*")
    titles = browser_page.locator(".search-result h2 a").all_inner_texts()
    assert "Казань и Ереван подписали дорожную карту" in titles
    # The meetings that mention neither word are not found.
    assert not any(title.startswith("Встреча делегаций") for title in titles)
    assert browser_page.input_value("#search-q") == "подписание дорожной карты"


def test_on_a_phone_results_come_first_and_the_filters_fold(live_server, chromium, site):
    context = chromium.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/ru/search/?q=" + "встреча")
        first = page.locator(".search-result").first.bounding_box()
        assert first["y"] < 500, first
        years = page.locator(".search-facets ul a").first
        assert years.is_hidden()
        page.click(".search-refine__toggle")
        assert years.is_visible()
    finally:
        context.close()


def test_wide_screens_show_the_filters_beside_the_results(live_server, chromium, site):
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/ru/search/?q=" + "встреча")
        assert page.locator(".search-refine__toggle").is_hidden()
        years = page.locator(".search-facets ul a").first.bounding_box()
        first = page.locator(".search-result").first.bounding_box()
        assert years["x"] + years["width"] < first["x"]
    finally:
        context.close()


@pytest.fixture
def touch_page(chromium):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="ru-RU",
    )
    page = context.new_page()
    yield page
    context.close()


def swipe(page, selector, dx):
    """A one-finger swipe across the middle of the element, as a touch screen sends it."""
    box = page.locator(selector).first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    session = page.context.new_cdp_session(page)
    steps = 8
    session.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
    )
    for step in range(1, steps + 1):
        session.send(
            "Input.dispatchTouchEvent",
            {"type": "touchMove", "touchPoints": [{"x": x + dx * step / steps, "y": y}]},
        )
    # The finger rests before it lifts: a swipe that ends moving starts a fling, and
    # Chromium takes the next tap as stopping that fling rather than as a click.
    for _ in range(3):
        page.wait_for_timeout(40)
        session.send(
            "Input.dispatchTouchEvent",
            {"type": "touchMove", "touchPoints": [{"x": x + dx, "y": y}]},
        )
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


@pytest.mark.parametrize(
    ("language", "counter"), [("ru", "Изображение {} из 3"), ("en", "Image {} of 3")]
)
def test_swipe_in_the_full_screen_gallery_on_a_touch_screen(
    live_server, touch_page, site, language, counter
):
    page = touch_page
    page.goto(live_server.url + site[language].url)
    status = page.locator("[data-gallery-status]")
    assert status.inner_text() == counter.format(1)

    # Swiping the photo in the page moves the slider.
    swipe(page, "[data-gallery-slide]:not([hidden]) img", -200)
    page.wait_for_function(
        "text => document.querySelector('[data-gallery-status]').textContent === text",
        arg=counter.format(2),
    )
    swipe(page, "[data-gallery-slide]:not([hidden]) img", 200)
    page.wait_for_function(
        "text => document.querySelector('[data-gallery-status]').textContent === text",
        arg=counter.format(1),
    )

    # A tap opens the full-screen view; a swipe there moves to the next photo.
    page.locator("[data-gallery-slide]:not([hidden]) a.gallery__open").tap()
    full_screen_counter = page.locator(".pswp .pswp__counter")
    full_screen_counter.wait_for()
    assert full_screen_counter.inner_text() == counter.format(1)
    # PhotoSwipe takes gestures once its opening animation is over, which is when it shows
    # the neighbouring photos.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.pswp__item'))"
        ".every(item => item.style.display === 'block')"
    )
    swipe(page, ".pswp", -250)
    page.wait_for_function(
        "text => document.querySelector('.pswp .pswp__counter').textContent === text",
        arg=counter.format(2),
    )

    # Escape closes it; the slider shows the same photo, which gets the focus back.
    page.keyboard.press("Escape")
    page.locator(".pswp").wait_for(state="detached")
    assert status.inner_text() == counter.format(2)
    focused = page.evaluate("document.activeElement.closest('[data-gallery-slide]')?.id")
    assert focused == "photo-2"
