"""Headless Chromium for the browser tests: the system's own, never a downloaded one.

Without /usr/bin/chromium the tests skip with a message on a developer's machine and fail
in CI (CI=true), where .ci/run installs it.
"""

import datetime
import os
from pathlib import Path

import pytest

from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance

from ..factories import NewsArticlePageFactory, PartnerCityFactory, locale, publish
from ..migrated import restore_migrated_data
from ..news.release_fixtures import add_photos

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
    context.close()


@pytest.fixture
def site(transactional_db, settings):
    """Committed content the live server can see: a release in both languages with three
    photos, a Russian-only release, and enough releases for the archive to paginate."""
    settings.NEWS_PAGE_SIZE = 3
    restore_migrated_data()
    en = locale("en")

    def translate(instance, texts):
        return translate_instance(instance, en, texts.get)

    _home, archive = ensure_site_structure()
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    for day in range(1, 4):
        publish(
            NewsArticlePageFactory(
                parent=archive,
                title=f"Встреча делегаций №{day}",
                slug=f"meeting-{day}",
                date=datetime.date(2024, 1, day),
            )
        )
    release = NewsArticlePageFactory(
        parent=archive,
        title="Подписана дорожная карта с Минском",
        slug="minsk-roadmap",
        lead="Стороны утвердили план на три года.",
        date=datetime.date(2024, 3, 5),
        cities=[city],
    )
    add_photos(release, 3, size=(800, 500))
    release.tags.add("визит")
    publish(release)
    english = translate(
        release,
        {
            "Подписана дорожная карта с Минском": "Roadmap signed with Minsk",
            "Стороны утвердили план на три года.": "The sides approved a three-year plan.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
            **{f"Описание фото {n}": f"Photo description {n}" for n in range(1, 4)},
            **{f"Подпись {n}": f"Caption {n}" for n in range(1, 4)},
        },
    )
    return {"ru": release, "en": english}
