"""The glossary of official names, and the check an editor sees before approving."""

import pytest

from django.urls import reverse

from news.models import GlossaryTerm
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


def test_glossary_ships_with_official_names_and_is_kept_by_editors(client, staff):
    assert GlossaryTerm.objects.filter(
        term="Минский горисполком", translation="Minsk City Executive Committee"
    ).exists()
    index = reverse("wagtailsnippets_news_glossaryterm:list")
    add = reverse("wagtailsnippets_news_glossaryterm:add")
    client.force_login(staff["editor"])
    assert client.get(index).status_code == 200
    response = client.post(
        add, {"term": "Мэр Еревана", "translation": "Mayor of Yerevan", "category": "title"}
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(term="Мэр Еревана").exists()
    assert "Мэр Еревана" in client.get(index, {"q": "Еревана"}).content.decode()
    client.force_login(staff["translator"])
    assert client.get(index).status_code == 200
    assert client.get(add).status_code in (302, 403)


def test_editor_sees_terms_not_rendered_with_the_glossary(client, staff, site_tree, en):
    page = publish(
        NewsArticlePageFactory(
            parent=site_tree,
            title="Сергей Черёмин встретился с делегацией",
            lead="Минский горисполком направил делегацию в Москву.",
        )
    )
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    english = {
        "Сергей Черёмин встретился с делегацией": "Sergey Cheryomin met the delegation",
        "Минский горисполком направил делегацию в Москву.": (
            "The Minsk City Executive Committee sent a delegation to Moscow."
        ),
    }
    for segment in segments(translation):
        put_string(client, translation, segment, english.get(segment.string.data, "x"))
    client.post(reverse("news_submit_translation", args=[translation.pk]))

    client.force_login(staff["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=[page.get_translation(en).pk])
    html = client.get(edit).content.decode()
    assert 'data-glossary-term="Сергей Черёмин"' in html
    assert "Sergei Cheremin" in html
    assert 'data-glossary-term="Минский горисполком"' not in html

    # Sent back, the translator uses the official form, and the warning goes away.
    client.post(action_url(page.get_translation(en), "reject"), {"comment": "Имя по глоссарию"})
    title = next(s for s in segments(translation) if s.string.data.startswith("Сергей"))
    client.force_login(staff["translator"])
    put_string(client, translation, title, "Sergei Cheremin met the delegation")
    client.force_login(staff["editor"])
    assert 'data-glossary-term="Сергей Черёмин"' not in client.get(edit).content.decode()


def test_inflected_forms_of_a_term_are_found_on_both_sides(client, staff, site_tree, en):
    GlossaryTerm.objects.create(term="дорожная карта", translation="roadmap")
    GlossaryTerm.objects.create(term="Минск", translation="Minsk")
    page = publish(
        NewsArticlePageFactory(
            parent=site_tree,
            title="Стороны подписали дорожную карту",
            lead="Встреча прошла в Минске.",
        )
    )
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    english = {
        "Стороны подписали дорожную карту": "The sides signed a road map",
        "Встреча прошла в Минске.": "The meeting took place in the Belarusian capital.",
    }
    for segment in segments(translation):
        put_string(client, translation, segment, english.get(segment.string.data, "x"))
    edit = reverse("wagtailadmin_pages:edit", args=[page.get_translation(en).pk])
    html = client.get(edit).content.decode()
    assert 'data-glossary-term="дорожная карта"' in html
    assert 'data-glossary-term="Минск"' in html
    # The translator can see which segment each entry is about.
    assert "«Стороны подписали дорожную карту»" in html
    assert "«Встреча прошла в Минске.»" in html

    # English forms of the rendering count too ("roadmaps", "Minsk's").
    for segment in segments(translation):
        if segment.string.data in english:
            value = {
                "Стороны подписали дорожную карту": "The sides signed two roadmaps",
                "Встреча прошла в Минске.": "The meeting took place in Minsk's city hall.",
            }[segment.string.data]
            put_string(client, translation, segment, value)
    html = client.get(edit).content.decode()
    assert 'id="glossary-issues"' not in html
