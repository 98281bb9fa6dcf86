"""What can be measured of the layout on every page type in both languages: a centred main
column at least 600 px wide on a desktop, nothing wider than a 320 px phone, axe-core's
WCAG 2.1 AA rules, and the bytes a phone downloads for a release with three photos."""

import datetime
import mimetypes
from io import BytesIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.conf import settings
from django.core.files.images import ImageFile

from gallery.models import NewsImage
from news.demo.images import SIZES, demo_photo
from news.models import NewsArticleGalleryItem, NewsIndexPage
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A phone's first view of a release with three photos, fonts included.
PAGE_WEIGHT_BUDGET = 500 * 1024

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
        const box = el.getBoundingClientRect();
        // Closed menus and visually hidden text take no room on the screen.
        if (!box.width || !box.height || clipped(el) || !el.checkVisibility()) continue;
        if (box.width > width + 0.5 || box.right > width + 0.5 || box.left < -0.5) {
            const name = `${el.tagName.toLowerCase()}.${el.className}`;
            wide.push(`${name} ${Math.round(box.left)}..${Math.round(box.right)}`);
        }
    }
    return {scroll: document.documentElement.scrollWidth - width, wide};
}"""

COLUMN = """() => {
    const column = document.querySelector('#main > *');
    const box = column.getBoundingClientRect();
    const style = getComputedStyle(column);
    // The column is where its content goes: inside the padding.
    const left = box.left + parseFloat(style.paddingLeft);
    const right = box.right - parseFloat(style.paddingRight);
    const bands = ['.site-header', '.site-footer'].map(
        (s) => document.querySelector(s).getBoundingClientRect().width);
    const viewport = document.documentElement.clientWidth;
    return {left, right, width: right - left, viewport, bands};
}"""


def page_types(live_server, browser, site):
    """(path, language) of every kind of page a reader can land on, in both languages."""
    context = browser.new_context()
    page = context.new_page()
    # A release with no English version yet: the switch leads to the page that says so.
    page.goto(live_server.url + "/ru/news/meeting-1/")
    untranslated = page.get_attribute(".language-switch a[hreflang=en]", "href")
    context.close()
    paths = [
        ("/ru/", "ru"),
        ("/en/", "en"),
        ("/ru/news/", "ru"),
        ("/en/news/", "en"),
        ("/ru/news/?page=2", "ru"),
        ("/ru/news/2024/", "ru"),
        ("/en/news/2024/", "en"),
        ("/ru/news/2024/3/", "ru"),
        ("/en/news/2024/3/", "en"),
        ("/ru/news/city/minsk/", "ru"),
        ("/en/news/city/minsk/", "en"),
        ("/ru/news/tag/визит/", "ru"),
        ("/en/news/tag/визит/", "en"),
        (site["ru"].url, "ru"),
        (site["en"].url, "en"),
        ("/ru/search/?q=Минск", "ru"),
        ("/en/search/?q=Minsk", "en"),
        ("/ru/search/", "ru"),
        ("/en/search/", "en"),
        (untranslated, "en"),
        ("/ru/alerts/", "ru"),
        ("/en/alerts/", "en"),
        ("/ru/no-such-page/", "ru"),
        ("/en/no-such-page/", "en"),
    ]
    assert untranslated.startswith("/en/") and untranslated != "/en/"
    return paths


def test_the_main_column_is_centred_and_wide_on_a_desktop(live_server, chromium, site):
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    problems = []
    try:
        for path, language in page_types(live_server, chromium, site):
            response = page.goto(live_server.url + path)
            # Every page is the one meant: only the missing page's address is missing.
            assert response.status == (404 if "no-such-page" in path else 200), path
            assert page.get_attribute("html", "lang") == language, path
            box = page.evaluate(COLUMN)
            margins = (box["left"], box["viewport"] - box["right"])
            if abs(margins[0] - margins[1]) > 2:
                problems.append(f"{path}: off centre, margins {margins}")
            if box["width"] < 600:
                problems.append(f"{path}: main column {box['width']} px wide")
            if any(band != box["viewport"] for band in box["bands"]):
                problems.append(f"{path}: header or footer {box['bands']} px wide")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_nothing_is_wider_than_a_320px_phone(live_server, chromium, site):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = []
    try:
        for path, _language in page_types(live_server, chromium, site):
            page.goto(live_server.url + path)
            found = page.evaluate(OVERFLOW)
            if found["scroll"] > 0:
                problems.append(f"{path}: scrolls sideways by {found['scroll']} px")
            problems += [f"{path}: {element}" for element in found["wide"]]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_every_page_type_passes_axe_in_both_languages(live_server, chromium, site):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    axe = Axe()
    reports = []
    try:
        for path, language in page_types(live_server, chromium, site):
            page.goto(live_server.url + path)
            assert page.get_attribute("html", "lang") == language, path
            options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
            results = axe.run(page, options=options)
            if results.violations_count:
                reports.append(f"{path}:\n{results.generate_report()}")
    finally:
        context.close()
    assert not reports, "\n".join(reports)


@pytest.fixture
def photo_release(site):
    """A release with three photos the size photo editors upload, as the demo draws them."""
    archive = NewsIndexPage.objects.get(locale__language_code="ru")
    page = NewsArticlePageFactory(
        parent=archive,
        title="Подписано соглашение о побратимстве",
        slug="three-photos",
        date=datetime.date(2024, 4, 2),
    )
    for number in range(3):
        data, scene = demo_photo("minsk-roadmap", number, *SIZES[number])
        image = NewsImage(title=scene.caption[0], file=ImageFile(BytesIO(data), name="p.jpg"))
        image.save()
        NewsArticleGalleryItem.objects.create(
            page=page,
            image=image,
            caption=scene.caption[0],
            alt_text=scene.alt[0],
            sort_order=number,
        )
    return publish(page)


def serve_media(route):
    # The test server serves no media (DEBUG is off): the files come from MEDIA_ROOT as
    # they are, which is what a web server in front of the site would send.
    path = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
    file = Path(settings.MEDIA_ROOT) / path
    if not file.is_file():
        route.fulfill(status=404)
        return
    route.fulfill(body=file.read_bytes(), content_type=mimetypes.guess_type(file.name)[0])


@pytest.mark.parametrize("density", [1, 2])
def test_a_release_with_three_photos_weighs_under_500_kb_on_a_phone(
    live_server, chromium, photo_release, density
):
    context = chromium.new_context(
        viewport={"width": 375, "height": 812},
        device_scale_factor=density,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.route(f"**{settings.MEDIA_URL}**", serve_media)
    received = []
    page.on("response", lambda response: received.append(response))
    try:
        page.goto(live_server.url + photo_release.url, wait_until="networkidle")
        page.evaluate("document.fonts.ready")
        page.wait_for_load_state("networkidle")
        sizes = {response.url: len(response.body()) for response in received if response.ok}
    finally:
        context.close()
    kinds = {url.rsplit(".", 1)[-1].split("?")[0] for url in sizes}
    # Really a first view with its photo and fonts, not a page that failed to load them.
    assert {"css", "woff2"} <= kinds, sorted(sizes)
    assert any(settings.MEDIA_URL in url for url in sizes), sorted(sizes)
    total = sum(sizes.values())
    assert total <= PAGE_WEIGHT_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])
