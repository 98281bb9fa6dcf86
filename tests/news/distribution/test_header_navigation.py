"""Views outside the page tree (search, error pages) keep the header's home pages and
archives between requests, and show a change to them on the next request."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

SEARCH = "/en/search/?q=festival"
NEWS_LINK = '<a href="{}">News</a>'


def search_page(client):
    """The English search page and how many of its queries read the header's pages."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH)
    assert response.status_code == 200
    reads = [q["sql"] for q in captured if '"depth" = 2' in q["sql"]]
    return response.content.decode(), len(reads)


@pytest.fixture
def english_archive(site_tree, en):
    return NewsIndexPage.objects.get(locale=en)


def test_the_header_is_read_once_for_every_later_search(client, english_archive):
    html, reads = search_page(client)
    assert NEWS_LINK.format("/en/news/") in html
    assert reads == 1

    for _ in range(3):
        html, reads = search_page(client)
        assert NEWS_LINK.format("/en/news/") in html
        assert reads == 0


def test_an_unpublished_archive_leaves_the_header_at_once(client, english_archive):
    search_page(client)
    english_archive.unpublish()
    html, _reads = search_page(client)
    assert "News</a>" not in html

    english_archive.save_revision().publish()
    html, _reads = search_page(client)
    assert NEWS_LINK.format("/en/news/") in html


def test_a_renamed_archive_is_linked_under_its_new_address(client, english_archive):
    search_page(client)
    english_archive.slug = "press-releases"
    english_archive.save_revision().publish()
    html, _reads = search_page(client)
    assert NEWS_LINK.format("/en/press-releases/") in html
    assert "/en/news/" not in html


def test_an_archive_changed_without_publishing_shows_too(client, english_archive):
    # As scripts and the import do: saved directly, no "published" signal.
    search_page(client)
    english_archive.live = False
    english_archive.save()
    html, reads = search_page(client)
    assert reads == 1
    assert "News</a>" not in html


def test_a_draft_of_the_archive_leaves_the_header_cached(client, english_archive):
    search_page(client)
    english_archive.title = "Press releases"
    english_archive.save_revision()
    html, reads = search_page(client)
    assert reads == 0
    assert NEWS_LINK.format("/en/news/") in html
