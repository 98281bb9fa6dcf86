import re

import pytest

from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish, topics

pytestmark = pytest.mark.django_db


def test_untranslated_city_name_is_marked_as_russian_on_the_english_page(
    client, site_tree, translate
):
    city = PartnerCityFactory(name="Ереван", country="Армения", slug="yerevan")
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит", cities=[city]))
    english = translate(page, {"Визит": "Visit"})
    html = client.get(english.url).content.decode()
    assert '<a class="tag tag--city" href="/en/news/city/yerevan/" lang="ru">Ереван</a>' in html
    # On the Russian page the same name is in the page's own language: no attribute.
    html = client.get(page.url).content.decode()
    assert '<a class="tag tag--city" href="/ru/news/city/yerevan/">Ереван</a>' in html


@pytest.fixture
def visit(site_tree, translate):
    """A release about a city nobody has translated yet, with a Russian and an English tag."""
    city = PartnerCityFactory(name="Ереван", country="Армения", slug="yerevan")
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Визит в Ереван",
        lead="Делегация прибыла с визитом.",
        cities=[city],
    )
    page.tags.add(*topics("визит", "BRICS"))
    publish(page)
    english = translate(
        page,
        {
            "Визит в Ереван": "Visit to Yerevan",
            "Делегация прибыла с визитом.": "The delegation arrived on a visit.",
        },
    )
    return page, english


def test_tags_in_the_other_language_are_marked(client, visit):
    page, english = visit
    html = client.get(english.url).content.decode()
    assert re.search(r'<a class="tag" href="[^"]+" lang="ru">визит</a>', html)
    assert re.search(r'<a class="tag" href="[^"]+">BRICS</a>', html)
    html = client.get(page.url).content.decode()
    assert re.search(r'<a class="tag" href="[^"]+">визит</a>', html)
    assert re.search(r'<a class="tag" href="[^"]+" lang="en">BRICS</a>', html)


def test_untranslated_city_archive_is_marked_as_russian(client, visit):
    html = client.get("/en/news/city/yerevan/").content.decode()
    assert '<h1 class="page-title" lang="ru">Ереван</h1>' in html
    assert '<span lang="ru">Армения</span>' in html
    html = client.get("/ru/news/city/yerevan/").content.decode()
    assert '<h1 class="page-title">Ереван</h1>' in html


def test_russian_results_tags_and_cities_on_the_english_search_page(client, visit):
    html = client.get("/en/search/", {"q": "визит", "lang": "all"}).content.decode()
    # The Russian release's title and snippet; its date and city are in the page's language.
    assert re.search(r'<h2 lang="ru"><a href="/ru/news/[^"]+/"><mark>Визит</mark> в Ереван', html)
    assert '<p class="search-result__snippet" lang="ru">Делегация' in html
    assert '<h2><a href="/en/news/' in html
    assert html.count('<span lang="ru">Ереван</span>') == 2
    assert re.search(r'<a href="[^"]*tag=[^"]*" lang="ru">визит</a>', html)
    assert re.search(r'<a href="[^"]*tag=brics[^"]*">BRICS</a>', html)
    assert re.search(r'<a href="[^"]*city=yerevan[^"]*" lang="ru">Ереван</a>', html)

    # A Russian tag chosen as a filter keeps its language in the list of active filters.
    html = client.get("/en/search/", {"q": "visit", "tag": "визит"}).content.decode()
    assert ': <span lang="ru">визит</span>' in html
