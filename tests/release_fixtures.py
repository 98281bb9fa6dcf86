"""A published Russian release with its English translation, cities, tags and photos.

Imported by the feed, sitemap, metadata, API and cache tests.
"""

import datetime

import pytest

from news.models import NewsArticleGalleryItem
from tests.factories import (
    NewsArticlePageFactory,
    NewsImageFactory,
    PartnerCityFactory,
    publish,
    topics,
)

RU_TITLE = "Подписана дорожная карта с Минском"
RU_LEAD = "Стороны утвердили план совместных проектов на три года & обсудили транспорт."
EN_TITLE = "Roadmap signed with Minsk"
EN_LEAD = "The sides approved a three-year plan of joint projects & discussed transport."


@pytest.fixture
def minsk(ru, en, translate):
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    return city


@pytest.fixture
def belgrade(ru, en, translate):
    city = PartnerCityFactory(name="Белград", country="Сербия", slug="belgrade")
    translate(city, {"Белград": "Belgrade", "Сербия": "Serbia"})
    return city


def add_photos(page, count, size=(1600, 1000)):
    for number in range(count):
        NewsArticleGalleryItem.objects.create(
            page=page,
            image=NewsImageFactory(file__width=size[0], file__height=size[1]),
            caption=f"Подпись {number + 1}",
            alt_text=f"Описание фото {number + 1}",
            sort_order=number,
        )


@pytest.fixture
def release(site_tree, minsk, translate):
    """(Russian page, English page), both live, with 2 large photos, city and tags."""
    page = NewsArticlePageFactory(
        parent=site_tree,
        title=RU_TITLE,
        slug="minsk-roadmap",
        lead=RU_LEAD,
        date=datetime.date(2024, 3, 5),
        cities=[minsk],
    )
    add_photos(page, 2)
    page.tags.add(*topics("визит", "транспорт"))
    publish(page)
    english = translate(
        page,
        {
            RU_TITLE: EN_TITLE,
            RU_LEAD: EN_LEAD,
            # wagtail-localize keeps plain-text segments HTML-escaped.
            RU_LEAD.replace("&", "&amp;"): EN_LEAD.replace("&", "&amp;"),
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
            "Описание фото 1": "Photo description 1",
            "Описание фото 2": "Photo description 2",
            "Подпись 1": "Caption 1",
            "Подпись 2": "Caption 2",
        },
    )
    return page, english


@pytest.fixture
def other_release(site_tree, belgrade):
    """A Russian-only release about Belgrade, without photos, with another tag."""
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Делегация Белграда посетила технопарк",
        slug="belgrade-technopark",
        lead="Гости познакомились с резидентами технопарка.",
        date=datetime.date(2024, 2, 1),
        cities=[belgrade],
    )
    page.tags.add(*topics("технологии"))
    return publish(page)
