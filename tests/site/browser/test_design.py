"""The public design measured in a real browser: the release's column, the compact phone
header whose menu opens without script, the gallery's controls on one row, the site's
own typeface, the favicon and the print view of a release."""

import pytest

pytestmark = pytest.mark.browser


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.fixture
def wide(chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="ru-RU")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="ru-RU"
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["ru", "en"])
def test_release_column_is_centred_and_wide_at_1440px(live_server, wide, site, language):
    wide.goto(live_server.url + site[language].url)
    width = wide.evaluate("document.documentElement.clientWidth")
    # Header and footer span the window.
    for selector in (".site-header", ".site-footer"):
        assert box(wide, selector)["width"] == width, selector
    main = box(wide, "main > .container")
    left, right = main["x"], width - main["x"] - main["width"]
    assert abs(left - right) <= 1, (left, right)
    assert left > 100
    article = box(wide, ".release__main")
    assert article["width"] >= 600
    assert box(wide, ".article__title")["x"] == pytest.approx(article["x"], abs=1)


def test_phone_header_is_compact_and_its_menu_opens_without_script(live_server, chromium, site):
    context = chromium.new_context(
        viewport={"width": 375, "height": 812}, java_script_enabled=False, locale="ru-RU"
    )
    page = context.new_page()
    try:
        for url in ("/ru/", site["ru"].url, "/en/news/"):
            page.goto(live_server.url + url)
            assert box(page, ".site-header")["height"] < 120, url
            assert page.locator(".site-nav").is_hidden()
            assert page.locator("header #site-search").is_hidden()
            assert page.locator(".language-switch a[hreflang]").first.is_visible()
        page.click(".site-menu__toggle")
        assert page.locator(".site-nav a").first.is_visible()
        search = page.locator("header #site-search")
        assert search.is_visible()
        # The search field lines up with the menu's links.
        field, link = box(page, "header .search-box"), box(page, ".site-nav a")
        assert field["x"] == pytest.approx(link["x"], abs=1)
        assert field["x"] + field["width"] == pytest.approx(link["x"] + link["width"], abs=1)
        search.fill("Минск")
        search.press("Enter")
        page.wait_for_url("**/en/search/?q=*")
    finally:
        context.close()


def test_wide_screens_show_the_menu_and_search_without_a_button(live_server, wide, site):
    wide.goto(live_server.url + "/ru/")
    assert wide.locator(".site-menu__toggle").is_hidden()
    assert wide.locator(".site-nav a").first.is_visible()
    assert wide.locator("header #site-search").is_visible()
    header = box(wide, ".site-header")
    assert header["height"] < 100


@pytest.mark.parametrize("width", [768, 920, 1000, 1100, 1280])
def test_the_header_keeps_to_one_row_at_every_width(live_server, chromium, site, width):
    # Between a tablet and a desktop the full menu and search left the department's
    # name three lines high; the menu stays folded until they fit beside it.
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    try:
        for url in ("/ru/", "/en/"):
            page.goto(live_server.url + url)
            assert box(page, ".site-header")["height"] < 100, url
            name = page.locator(".brand__name")
            line = float(name.evaluate("n => parseFloat(getComputedStyle(n).lineHeight)"))
            assert box(page, ".brand__name")["height"] <= 2 * line + 1, url
            assert page.locator(".language-switch a[hreflang]").first.is_visible()
            folded = page.locator(".site-menu__toggle").is_visible()
            assert folded or page.locator("header #site-search").is_visible()
    finally:
        context.close()


def test_gallery_controls_stay_on_one_row_on_a_phone(live_server, phone, site):
    for language in ("ru", "en"):
        phone.goto(live_server.url + site[language].url)
        phone.wait_for_selector(".gallery--slider")
        previous = box(phone, "[data-gallery-previous]")
        status = box(phone, "[data-gallery-status]")
        following = box(phone, "[data-gallery-next]")
        middles = [b["y"] + b["height"] / 2 for b in (previous, status, following)]
        assert max(middles) - min(middles) <= 2, middles
        assert previous["x"] < status["x"] < following["x"]
        assert following["x"] + following["width"] <= 375
        # The buttons keep their names for screen readers.
        assert phone.get_attribute("[data-gallery-next]", "aria-label") is None
        name = phone.locator("[data-gallery-next]").inner_text()
        assert name.strip("→ \n") in ("Следующее фото", "Next photo")
        phone.click("[data-gallery-next]")
        assert "2" in phone.inner_text("[data-gallery-status]")


def test_text_is_set_in_the_sites_own_typeface(live_server, wide, site):
    fonts = []
    wide.on("response", lambda r: fonts.append(r) if r.request.resource_type == "font" else None)
    wide.goto(live_server.url + site["ru"].url)
    wide.wait_for_load_state("networkidle")
    assert wide.evaluate("document.fonts.check('16px \"PT Sans\"', 'Подписана')")
    loaded = wide.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert '"PT Sans"' in loaded or "PT Sans" in loaded
    assert fonts and all(r.url.startswith(live_server.url + "/static/fonts/") for r in fonts)
    assert all(r.status == 200 for r in fonts)


def test_favicon_is_served(live_server, wide, site):
    response = wide.request.get(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    wide.goto(live_server.url + "/ru/")
    icon = wide.get_attribute("link[rel=icon]", "href")
    assert wide.request.get(live_server.url + icon).status == 200


def test_printed_release_drops_navigation_and_shows_link_addresses(live_server, wide, site):
    wide.goto(live_server.url + site["ru"].url)
    wide.emulate_media(media="print")
    hidden = (".site-menu", ".language-switch", ".site-footer", ".breadcrumbs", ".share")
    for selector in (*hidden, ".gallery__thumbs"):
        assert wide.locator(selector).first.is_hidden(), selector
    # The page names its issuer above the title, as a letterhead does.
    issuer = wide.locator(".site-header .brand__name")
    assert issuer.is_visible()
    assert issuer.inner_text() == "Департамент международных связей"
    assert box(wide, ".site-header .brand")["y"] < box(wide, "h1")["y"]
    assert wide.locator("h1").is_visible()
    assert wide.locator(".gallery__item").first.is_visible()
    photo = box(wide, ".gallery__item img")
    assert photo["width"] <= 0.75 * wide.evaluate("document.documentElement.clientWidth")
    # Every photo, not only the one the slider showed.
    assert wide.locator(".gallery__item").nth(2).is_visible()
    assert wide.locator(".release__aside .press-contact").is_visible()
    source = wide.locator(".print-source")
    assert source.is_visible()
    assert site["ru"].url in source.inner_text()
    wide.emulate_media(media="screen")
    assert source.is_hidden()
