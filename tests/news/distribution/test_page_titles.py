"""Every page's window title names the page, then the press office, and nothing twice."""

import html
import re

import pytest

from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def title_of(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_page_title_repeats_itself(client, release, language):
    ru_page, en_page = release
    paths = [
        f"/{language}/",
        f"/{language}/news/",
        f"/{language}/news/2024/",
        f"/{language}/news/2024/3/",
        f"/{language}/news/city/minsk/",
        {"ru": ru_page, "en": en_page}[language].url,
        f"/{language}/search/?q=minsk",
        f"/{language}/alerts/",
        f"/{language}/no-such-page/",
    ]
    for path in paths:
        title = title_of(client, path)
        parts = [part.strip().casefold() for part in title.split(" — ")]
        assert all(parts), (path, title)
        assert len(parts) == len(set(parts)), (path, title)


def test_the_home_page_title_names_the_department(client, release):
    # The home pages are called "Пресс-служба" and "Press office", as the press office is.
    assert title_of(client, "/ru/") == "Пресс-служба — Департамент международных связей"
    assert title_of(client, "/en/") == "Press office — International Relations Department"
    _ru_page, en_page = release
    assert title_of(client, en_page.url) == f"{en_page.title} — Press office"
