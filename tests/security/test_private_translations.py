"""Privacy follows the translation key: a restricted release is private in every language."""

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(site_tree, translate):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит", lead="Прибыли."))
    english = translate(
        page,
        {
            "Визит": "Visit",
            "Прибыли.": "Arrived.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    return page, english


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
    )


def public_everywhere(client, english):
    answers = {
        "page": client.get(english.url).status_code,
        "feed": "Visit" in client.get("/en/feeds/rss/").content.decode(),
        "sitemap": english.url in client.get("/sitemap.xml").content.decode(),
    }
    return answers


def test_restricting_the_russian_release_hides_the_english_one(client, release):
    ru_page, en_page = release
    assert public_everywhere(client, en_page) == {"page": 200, "feed": True, "sitemap": True}
    restriction = restrict(ru_page)
    response = client.get(en_page.url)
    # The password prompt, in the reader's language.
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "The sides discussed cooperation." not in response.content.decode()
    answers = public_everywhere(client, en_page)
    assert (answers["feed"], answers["sitemap"]) == (False, False)

    restriction.delete()
    assert public_everywhere(client, en_page) == {"page": 200, "feed": True, "sitemap": True}
