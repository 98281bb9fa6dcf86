"""The search page costs the same few queries however many releases and cities it shows."""

import datetime

import pytest
from wagtail_factories import DocumentFactory

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from news.translation.from_texts import translate_instance
from tests.factories import (
    NewsArticlePageFactory,
    NewsImageFactory,
    PartnerCityFactory,
    publish,
    topics,
)

pytestmark = pytest.mark.django_db

# Locale, the search, the results' pages, their cities (two) and the facets' city names:
# one each. The site and the header's home pages and archives are kept in the cache.
MAX_QUERIES = 6
SEARCHES = [
    "/ru/search/?q=фестиваль",
    "/ru/search/?q=фестиваль&year=2024&city=minsk",
    "/ru/search/?q=фестиваль&lang=all&sort=date",
    "/en/search/?q=festival",
    "/en/search/?city=minsk",
]


def english(text):
    return {"фестиваль": "festival"}.get(text) or f"EN {text}"


@pytest.fixture
def cities(en):
    made = [
        PartnerCityFactory(name=name, slug=slug)
        for name, slug in (("Минск", "minsk"), ("Белград", "belgrade"), ("Ташкент", "tashkent"))
    ]
    for city in made[:2]:
        translate_instance(city, en, english)
    return made


def add_releases(parent, en, cities, count, start):
    for number in range(start, start + count):
        page = NewsArticlePageFactory(
            parent=parent,
            title="фестиваль",
            slug=f"festival-{number}",
            lead=f"фестиваль {number}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            cities=cities,
            # A photo and a document in the body: the snippet reads their captions.
            body=[
                ("paragraph", RichText(f"<p>фестиваль открылся {number}</p>")),
                ("image", {"image": NewsImageFactory(), "caption": "фестиваль, фото"}),
                ("document", {"document": DocumentFactory(), "title": "Программа"}),
            ],
        )
        page.tags.add(*topics("культура", f"тег-{number}"))
        publish(page)
        translate_instance(page, en, english)


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), len(response.context["results"])


@override_settings(PAGE_CACHE_ENABLED=False)
def test_a_results_page_costs_the_same_queries_for_one_release_as_for_a_full_page(
    client, site_tree, en, cities
):
    add_releases(site_tree, en, cities[:1], 1, start=0)
    one = {url: queries(client, url) for url in SEARCHES}
    # Both languages: the release and its translation.
    assert [shown for _count, shown in one.values()] == [1, 1, 2, 1, 1], one

    # A full page and more, each release in three cities, one of them not translated.
    add_releases(site_tree, en, cities, 14, start=1)
    full = {url: queries(client, url) for url in SEARCHES}
    assert all(shown == 10 for _count, shown in full.values()), full

    for url in SEARCHES:
        assert full[url][0] == one[url][0], (url, one[url][0], full[url][0])
        assert full[url][0] <= MAX_QUERIES, (url, full[url][0])
