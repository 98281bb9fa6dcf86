"""Committed content for the browser tests that read the whole site; the browser itself
(`chromium`, `browser_page`) comes from tests/chromium.py through tests/conftest.py."""

import datetime

import pytest

from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, locale, publish, topics
from tests.migrated import restore_migrated_data
from tests.release_fixtures import add_photos


@pytest.fixture
def site(transactional_db, settings):
    """Committed content the live server can see: a release in both languages with three
    photos, a Russian-only release, and enough releases for the archive to paginate."""
    settings.NEWS_PAGE_SIZE = 3
    restore_migrated_data()
    en = locale("en")

    def translate(instance, texts):
        return translate_instance(instance, en, texts.get)

    _home, archive = ensure_site_structure()
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    for day in range(1, 4):
        publish(
            NewsArticlePageFactory(
                parent=archive,
                title=f"Встреча делегаций №{day}",
                slug=f"meeting-{day}",
                date=datetime.date(2024, 1, day),
            )
        )
    release = NewsArticlePageFactory(
        parent=archive,
        title="Подписана дорожная карта с Минском",
        slug="minsk-roadmap",
        lead="Стороны утвердили план на три года.",
        date=datetime.date(2024, 3, 5),
        cities=[city],
    )
    add_photos(release, 3, size=(800, 500))
    release.tags.add(*topics("визит"))
    publish(release)
    english = translate(
        release,
        {
            "Подписана дорожная карта с Минском": "Roadmap signed with Minsk",
            "Стороны утвердили план на три года.": "The sides approved a three-year plan.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
            **{f"Описание фото {n}": f"Photo description {n}" for n in range(1, 4)},
            **{f"Подпись {n}": f"Caption {n}" for n in range(1, 4)},
        },
    )
    return {"ru": release, "en": english}
