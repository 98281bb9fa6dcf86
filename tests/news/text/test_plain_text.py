"""Plain text of a release, as search snippets and the search index read it."""

import pytest

from wagtail.rich_text import RichText

from tests.factories import NewsArticlePageFactory, publish
from tests.news.search.conftest import result_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(site_tree):
    """A release whose text runs over paragraphs, a list and a line break in one block."""
    text = (
        "<p>Делегация прибыла из Минска.</p><p>Также на встрече обсудили выставку.</p>"
        "<ul><li>музеи</li><li>театры<br/>библиотеки</li></ul>"
    )
    return publish(
        NewsArticlePageFactory(
            parent=site_tree,
            title="Визит делегации",
            lead="Коротко о визите.",
            body=[("paragraph", RichText(text))],
            live=False,
        )
    )


def test_a_snippet_keeps_paragraphs_apart(client, release):
    response = client.get("/ru/search/", {"q": "встрече"})
    assert result_pages(response) == [release]
    snippet = str(response.context["results"][0]["snippet"])
    assert "Минска. Также на <mark>встрече</mark>" in snippet
    assert "музеи театры библиотеки" in snippet


def test_words_at_paragraph_ends_are_indexed_apart(client, release):
    # Run together, "выставку" and "музеи" would make one word the index never matches.
    assert result_pages(client.get("/ru/search/", {"q": "музеи"})) == [release]
    assert result_pages(client.get("/ru/search/", {"q": "театры"})) == [release]
