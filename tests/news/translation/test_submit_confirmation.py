"""Submitting a translation names it by its English title and its translator by name."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import edit_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Визит делегации Минска": "Minsk delegation visits",
    "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
    "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
    "minsk-visit": "minsk-visit",
}


@pytest.fixture
def translated(client, staff, site_tree, en):
    """A live release translated segment by segment in the translation editor, not submitted."""
    page = publish(
        NewsArticlePageFactory(
            parent=site_tree, title="Визит делегации Минска", slug="minsk-visit"
        )
    )
    translator = staff["translator"]
    translator.first_name, translator.last_name = "Анна", "Петрова"
    translator.save()
    client.force_login(translator)
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, ENGLISH[segment.string.data])
    return translation


def test_confirmation_shows_the_english_title(client, translated):
    url = reverse("news_submit_translation", args=[translated.pk])
    text = BeautifulSoup(client.get(url).content, "html.parser").get_text(" ", strip=True)
    assert "Английский перевод «Minsk delegation visits» для «Визит делегации Минска»" in text

    response = client.post(url)
    assert response.status_code == 302
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert "«Minsk delegation visits» отправлен редакторам на утверждение." in told


def test_the_approval_box_names_the_translator(client, translated):
    client.post(reverse("news_submit_translation", args=[translated.pk]))
    english = translated.get_target_instance()
    html = client.get(edit_url(english)).content
    box = BeautifulSoup(html, "html.parser").select_one(".newsroom-approval")
    assert "отправил(а) Анна Петрова." in box.get_text(" ", strip=True)
