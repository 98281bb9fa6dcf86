"""The language switch of a release that is not translated yet leads to a page saying so,
with links to the release in the language it has and to the reader's own news."""

import re

import pytest

from news.models import NewsIndexPage
from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def switch_link(client, path, language):
    html = client.get(path).content.decode()
    switch = re.search(r'<ul class="language-switch">(.*?)</ul>', html, re.S)[1]
    return re.search(rf'href="([^"]+)" hreflang="{language}"', switch)[1]


def links(html):
    return dict(re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html))


def test_a_russian_only_release_switches_to_a_page_that_says_so(client, other_release):
    target = switch_link(client, other_release.url, "en")
    assert target.startswith("/en/")
    assert target != "/en/"

    response = client.get(target)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "This release is available in Russian only" in html
    assert '<meta name="robots" content="noindex">' in html
    found = links(html)
    assert found[other_release.url] == other_release.title
    assert found["/en/news/"] == "All news in English"
    # The release's title is Russian, and marked so.
    assert f'hreflang="ru" lang="ru">{other_release.title}<' in html


def test_an_english_only_release_switches_to_a_russian_page_that_says_so(client, site_tree, en):
    archive = NewsIndexPage.objects.get(locale=en)
    page = publish(
        NewsArticlePageFactory(
            parent=archive, title="Festival week in Havana", slug="havana-week", locale=en
        )
    )
    target = switch_link(client, page.url, "ru")
    response = client.get(target)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Этот пресс-релиз опубликован только на английском языке" in html
    found = links(html)
    assert found[page.url] == "Festival week in Havana"
    assert found["/ru/news/"] == "Все новости на русском языке"


def test_once_translated_the_same_address_leads_to_the_translation(
    client, other_release, translate
):
    target = switch_link(client, other_release.url, "en")
    english = translate(other_release, {other_release.title: "Belgrade delegation visits"})
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == english.url
    # And the switch now links the translation itself.
    assert switch_link(client, other_release.url, "en") == english.url


def test_a_release_nobody_may_read_is_not_found(client, site_tree):
    draft = NewsArticlePageFactory(parent=site_tree, slug="draft", live=False)
    response = client.get(f"/en/not-translated/{draft.translation_key}/")
    assert response.status_code == 404
    assert client.get("/en/not-translated/not-a-key/").status_code == 404
