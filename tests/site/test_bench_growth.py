"""The benchmark's larger archives are copies of imported releases (bench/grow.py): they
must be releases like any other, or the figures measured on them say nothing."""

import importlib.util
import re
from pathlib import Path

import pytest

from wagtail.models import Page

from news.models import NewsArticlePage
from tests.factories import publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

GROW = Path(__file__).resolve().parents[2] / "bench" / "grow.py"


def grow(pairs):
    spec = importlib.util.spec_from_file_location("bench_grow", GROW)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.grow(pairs)


def test_copies_are_live_translated_releases_with_their_parts(client, release, translate):
    ru_page, en_page = release
    # The benchmark's own release (published and looked for in the listings) stays single.
    own = NewsArticlePage(title="Эталонный релиз", slug="bench-release", lead="Вступление.")
    ru_page.get_parent().add_child(instance=own)
    publish(own)
    english = translate(own, {"Эталонный релиз": "Reference release", "Вступление.": "Lead."})
    english.slug = "en-bench-release"  # as the benchmark's translation is named
    publish(english)
    assert grow(5) == 4
    assert (
        NewsArticlePage.objects.filter(title__in=["Эталонный релиз", "Reference release"]).count()
        == 2
    )
    copies = NewsArticlePage.objects.filter(slug__startswith="minsk-roadmap-").order_by("pk")
    assert copies.count() == 8
    assert Page.find_problems() == ([], [], [], [], [])
    for copy in copies:
        original = ru_page if copy.locale_id == ru_page.locale_id else en_page
        assert copy.live and copy.url != original.url
        assert copy.get_translations().count() == 1
        assert list(copy.partner_cities.all()) == list(original.partner_cities.all())
        assert copy.gallery_items.count() == 2
        html = client.get(copy.url).content.decode()
        assert original.title in html
        switch = copy.get_translations().get().url
        assert f'href="{switch}"' in html
    archive = client.get("/ru/news/").content.decode()
    assert archive.count("/ru/news/minsk-roadmap") == 5
    found = client.get("/ru/search/", {"q": "дорожная карта"}).content.decode()
    assert re.search(r"Найдено 5 релизов", found)
    # Growing again copies the copies too, each with an address and keys of its own.
    assert grow(12) == 7
    pages = NewsArticlePage.objects.filter(slug__startswith="minsk-roadmap")
    assert pages.count() == 24
    assert len({(page.locale_id, page.slug) for page in pages}) == 24
    assert len({(page.locale_id, page.translation_key) for page in pages}) == 24
    assert Page.find_problems() == ([], [], [], [], [])
    # Pages added afterwards get their own place in the tree and their own ids.
    extra = NewsArticlePage(title="Новый релиз", slug="new-release", lead="Вступление.")
    ru_page.get_parent().add_child(instance=extra)
    assert Page.find_problems() == ([], [], [], [], [])
