"""What translators translate, segment by segment, and what follows the Russian source."""

import datetime

import pytest

from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from news.models import NewsArticlePage
from tests.factories import (
    NewsArticlePageFactory,
    NewsImageFactory,
    PartnerCityFactory,
    publish,
    topics,
)
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


def test_every_text_is_a_segment_and_the_rest_follows_the_source(
    client, staff, site_tree, en, translate
):
    minsk = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(minsk, {"Минск": "Minsk", "Беларусь": "Belarus"})
    image = NewsImageFactory()
    document = Document.objects.create(title="Соглашение.pdf")
    body = [
        ("heading", {"text": "Итоги встречи", "level": "h2"}),
        ("paragraph", RichText("<p>Стороны подписали соглашение.</p>")),
        ("quote", {"text": "Это важный шаг.", "speaker": "Сергей Черёмин", "role": "Министр"}),
        ("image", {"image": image, "caption": "Подписание соглашения"}),
        ("document", {"document": document, "title": "Текст соглашения"}),
    ]
    page = NewsArticlePageFactory(
        parent=site_tree, title="Соглашение подписано", slug="signed", body=body, photos=1
    )
    page.partner_cities.set([minsk])
    page.tags.add(*topics("соглашение"))
    publish(page)

    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    texts = {segment.string.data for segment in segments(translation)}
    expected = {
        "Соглашение подписано",
        "Стороны договорились о совместных проектах.",
        "Итоги встречи",
        "Стороны подписали соглашение.",
        "Это важный шаг.",
        "Сергей Черёмин",
        "Министр",
        "Подписание соглашения",
        "Текст соглашения",
        "Подпись 1",
        "Описание фото 1",
    }
    assert expected <= texts
    # Dates, images, cities and tags are not for translation.
    assert "2023-11-15" not in texts
    assert "соглашение" not in texts

    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    client.force_login(staff["editor"])
    english = page.get_translation(en)
    client.post(action_url(english, "approve"), {"comment": ""})
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.live
    assert english.date == page.date
    assert [city.name for city in english.cities] == ["Minsk"]
    assert english.gallery_items.get().image_id == page.gallery_items.get().image_id
    assert english.gallery_items.get().caption == "EN Подпись 1"
    # The tag is not translated yet: the English page links it and shows its Russian name.
    assert [tag.name for tag in english.tag_list] == ["соглашение"]

    # A new date, photo and city on the Russian page follow into the English one.
    havana = PartnerCityFactory(name="Гавана", country="Куба", slug="havana")
    page = NewsArticlePage.objects.get(pk=page.pk)
    page.date = datetime.date(2024, 5, 9)
    page.partner_cities.set([minsk, havana])
    publish(page)
    client.force_login(staff["translator"])
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.date == datetime.date(2024, 5, 9)
    assert {city.slug for city in english.cities} == {"minsk", "havana"}
    # The city without an English translation falls back to its Russian record.
    assert "Гавана" in {city.name for city in english.cities}
