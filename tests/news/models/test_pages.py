import pytest

from django.test import override_settings

from wagtail.test.utils import WagtailPageTestCase

from news.models import HomePage, NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def minsk(ru, en, translate):
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    return city


@pytest.fixture
def release(site_tree, minsk, translate):
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Подписана дорожная карта с Минском",
        lead="Стороны утвердили план на три года.",
        cities=[minsk],
        photos=3,
    )
    publish(page)
    english = translate(
        page,
        {
            "Подписана дорожная карта с Минском": "Roadmap signed with Minsk",
            "Стороны утвердили план на три года.": "The sides approved a three-year plan.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    return page, english


# A class: assertAllowedSubpageTypes and the like are WagtailPageTestCase methods.
class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {__import__("wagtail").models.Page})
        self.assertAllowedSubpageTypes(HomePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())


def test_root_redirects_by_accept_language(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/ru/"


def test_article_renders_in_both_languages(client, release):
    ru_page, en_page = release
    ru_response = client.get(ru_page.url)
    assert ru_response.status_code == 200
    html = ru_response.content.decode()
    assert '<html lang="ru">' in html
    assert "Подписана дорожная карта с Минском" in html
    assert "15 ноября 2023" in html
    assert "Изображение 1 из 3" in html
    assert "Минск" in html

    en_response = client.get(en_page.url)
    assert en_response.status_code == 200
    html = en_response.content.decode()
    assert en_page.url.startswith("/en/")
    assert '<html lang="en">' in html
    assert "Roadmap signed with Minsk" in html
    assert "15 November 2023" in html
    assert "Image 3 of 3" in html
    # The partner city appears under its English name on the English page.
    assert ">Minsk<" in html


def test_language_switch_leads_to_the_translation(client, release):
    ru_page, en_page = release
    html = client.get(ru_page.url).content.decode()
    assert f'href="{en_page.url}" hreflang="en"' in html
    html = client.get(en_page.url).content.decode()
    assert f'href="{ru_page.url}" hreflang="ru"' in html


def test_language_switch_without_translation_says_it_is_russian_only(client, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree))
    html = client.get(page.url).content.decode()
    assert f'href="/en/not-translated/{page.translation_key}/" hreflang="en"' in html


def test_unpublished_translation_is_neither_shown_nor_linked(client, site_tree, translate):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Черновик перевода"))
    draft = translate(page, {"Черновик перевода": "Translation draft"}, publish=False)
    assert not draft.live
    assert client.get(f"/en/news/{draft.slug}/").status_code == 404
    html = client.get(page.url).content.decode()
    assert "Translation draft" not in html
    assert f'href="/en/not-translated/{page.translation_key}/" hreflang="en"' in html


def test_archive_lists_newest_first_and_paginates(client, site_tree):
    import datetime

    for day in range(1, 13):
        publish(
            NewsArticlePageFactory(
                parent=site_tree, title=f"Релиз {day:02d}", date=datetime.date(2024, 1, day)
            )
        )
    with override_settings(NEWS_PAGE_SIZE=5):
        first = client.get("/ru/news/").content.decode()
        third = client.get("/ru/news/?page=3").content.decode()
        bad = client.get("/ru/news/?page=abc")
        beyond = client.get("/ru/news/?page=99").content.decode()
    assert first.index("Релиз 12") < first.index("Релиз 11")
    assert "Релиз 08" in first and "Релиз 07" not in first
    assert "Релиз 01" in third and "Страница 3 из 3" in third
    assert bad.status_code == 200
    assert "Релиз 01" in beyond


def test_archive_hides_drafts(client, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Неопубликованный релиз", live=False)
    assert "Неопубликованный релиз" not in client.get("/ru/news/").content.decode()
    assert client.get(page.url or f"/ru/news/{page.slug}/").status_code == 404


def test_home_page_shows_latest_releases(client, release):
    ru_page, en_page = release
    assert ru_page.title in client.get("/ru/").content.decode()
    assert en_page.title in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    ("path", "text"),
    [("/ru/no-such-page/", "Страница не найдена"), ("/en/no-such-page/", "Page not found")],
)
def test_404_in_the_readers_language(client, site_tree, path, text):
    response = client.get(path)
    assert response.status_code == 404
    assert text in response.content.decode()
