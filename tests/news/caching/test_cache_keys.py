"""Parameters no page reads must not make new page-cache entries."""

import pytest

from django.core.cache import caches

from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_COPIES_ALIAS = None


def page_entries():
    # The local-memory backend's own store: every key the page cache wrote.
    return [key for key in caches["default"]._cache if "page-cache:page:" in key]


def test_junk_parameters_share_one_entry(client, release):
    ru_page, _ = release
    first = client.get(ru_page.url, {"z": "0"})
    assert first["X-Page-Cache"] == "miss"
    for number in range(1, 30):
        again = client.get(ru_page.url, {"z": str(number), f"junk{number}": "x"})
        assert again["X-Page-Cache"] == "hit", number
        assert again.content == first.content
    assert len(page_entries()) == 1


def test_junk_next_to_real_parameters_shares_their_entry(client, release):
    first = client.get("/ru/search/", {"q": "Минск", "sort": "date"})
    assert first["X-Page-Cache"] == "miss"
    for number in range(10):
        # Junk added, and the same real parameters in another order.
        again = client.get(f"/ru/search/?z={number}&sort=date&q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA")
        assert again["X-Page-Cache"] == "hit", number
    assert len(page_entries()) == 1
    # What pages read still tells them apart.
    assert client.get("/ru/search/", {"q": "Белград"})["X-Page-Cache"] == "miss"
    assert client.get("/ru/news/", {"page": "2", "z": "1"})["X-Page-Cache"] == "miss"
    assert client.get("/ru/news/", {"page": "2", "z": "2"})["X-Page-Cache"] == "hit"
    assert len(page_entries()) == 3


def test_the_api_keeps_its_parameters_and_refuses_unknown_ones(client, release):
    # The API reads many parameters of its own; an unknown one is an error, never cached.
    listing = client.get("/api/v2/releases/", {"fields": "lead", "limit": "1"})
    assert listing.status_code == 200
    assert client.get("/api/v2/releases/", {"fields": "lead", "limit": "2"}).status_code == 200
    junk = client.get("/api/v2/releases/", {"z": "1"})
    assert junk.status_code == 400
    assert len(page_entries()) == 2
