"""The release form in the admin: partner cities in the release's language, alt text before
submission, empty paragraphs. Posted as the page editor posts them."""

import pytest

from django.contrib.messages import get_messages

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, NewsImageFactory, PartnerCityFactory
from tests.workflow_helpers import add_url, edit_url, release_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(ru, en, translate):
    minsk = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate(minsk, {"Минск": "Minsk", "Беларусь": "Belarus"})
    belgrade = PartnerCityFactory(name="Белград", country="Сербия", slug="belgrade")
    translate(belgrade, {"Белград": "Belgrade", "Сербия": "Serbia"})
    return minsk, belgrade


def offered(response):
    return sorted(str(city) for city in response.context["form"].fields["partner_cities"].queryset)


def english_archive():
    return NewsIndexPage.objects.get(locale__language_code="en")


def test_russian_release_forms_offer_russian_cities_only(client, staff, site_tree, cities):
    client.force_login(staff["press"])
    russian = ["Белград (Сербия)", "Минск (Беларусь)"]
    assert offered(client.get(add_url(site_tree))) == russian

    release = NewsArticlePageFactory(parent=site_tree, owner=staff["press"], cities=[cities[0]])
    response = client.get(edit_url(release))
    assert offered(response) == russian
    form = response.context["form"]
    assert form["partner_cities"].value() == [cities[0].pk]


def test_english_page_forms_offer_english_cities_only(client, staff, site_tree, cities, en):
    client.force_login(staff["admin"])
    english = ["Belgrade (Serbia)", "Minsk (Belarus)"]
    archive = english_archive()
    assert offered(client.get(add_url(archive))) == english

    # An English page linked to the Russian record is shown with its English version.
    page = NewsArticlePageFactory(parent=archive, locale=en, slug="en-page", cities=[cities[0]])
    response = client.get(edit_url(page))
    assert offered(response) == english
    minsk_en = cities[0].get_translation(en)
    assert response.context["form"]["partner_cities"].value() == [minsk_en.pk]


def test_a_city_of_another_language_is_refused_by_the_form(client, staff, site_tree, cities, en):
    client.force_login(staff["press"])
    minsk_en = cities[0].get_translation(en)
    data = release_form("Визит в Минск", "minsk-visit", "Лид.", cities=[minsk_en])
    response = client.post(add_url(site_tree), data)
    assert response.status_code == 200
    assert "partner_cities" in response.context["form"].errors
    assert not NewsArticlePage.objects.filter(slug="minsk-visit").exists()


def gallery(*rows):
    return inline_formset(
        [
            {"image": image.pk, "caption": "", "alt_text": alt, "ORDER": str(number)}
            for number, (image, alt) in enumerate(rows, start=1)
        ]
    )


def post_with_gallery(client, url, title, slug, rows, **extra):
    data = release_form(title, slug, "Лид релиза.", paragraphs=["Текст."])
    data.update(nested_form_data({"gallery_items": gallery(*rows)}))
    data.update(extra)
    return client.post(url, data)


def banner(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_alt_text_is_required_to_submit_and_the_message_names_the_photo(client, staff, site_tree):
    client.force_login(staff["press"])
    first = NewsImageFactory(title="Подписание карты")
    second = NewsImageFactory(title="Встреча на площади")
    rows = [(first, "Делегации за столом"), (second, "")]

    response = post_with_gallery(
        client, add_url(site_tree), "Визит", "visit", rows, **{"action-submit": "1"}
    )
    assert response.status_code == 200
    assert not NewsArticlePage.objects.filter(slug="visit").exists()
    errors = " ".join(response.context["form"].non_field_errors())
    assert "фото 2 («Встреча на площади»)" in errors
    assert "Подписание карты" not in errors
    assert "Встреча на площади" in banner(response)

    # A draft may be saved without it...
    response = post_with_gallery(client, add_url(site_tree), "Визит", "visit", rows)
    assert response.status_code == 302
    release = NewsArticlePage.objects.get(slug="visit")
    assert not release.workflow_in_progress

    # ...but it cannot be submitted from the editor later either.
    response = post_with_gallery(
        client, edit_url(release), "Визит", "visit", rows, **{"action-submit": "1"}
    )
    assert response.status_code == 200
    assert "«Встреча на площади»" in " ".join(response.context["form"].non_field_errors())
    assert not Page.objects.get(pk=release.pk).workflow_in_progress

    rows[1] = (second, "Горожане на площади")
    response = post_with_gallery(
        client, edit_url(release), "Визит", "visit", rows, **{"action-submit": "1"}
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=release.pk).workflow_in_progress


def with_empty_paragraph(title, slug, **extra):
    data = release_form(title, slug, "Лид релиза.")
    body = [
        ("paragraph", rich_text("<p>Стороны обсудили сотрудничество.</p>")),
        ("paragraph", rich_text("")),
        ("paragraph", rich_text("<p> </p>")),
    ]
    data.update(nested_form_data({"body": streamfield(body)}))
    data.update(extra)
    return data


@pytest.mark.parametrize("action", [{}, {"action-submit": "1"}])
def test_empty_paragraphs_are_dropped_alike_on_create_and_on_edit(
    client, staff, site_tree, action
):
    client.force_login(staff["press"])
    response = client.post(add_url(site_tree), with_empty_paragraph("Визит", "visit", **action))
    assert response.status_code == 302, response.context["form"].errors
    release = NewsArticlePage.objects.get(slug="visit")
    draft = release.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph"]

    if action:
        # Submitted: the draft goes back to its author before it can be edited again.
        release.current_workflow_state.cancel(user=staff["press"])
    response = client.post(edit_url(release), with_empty_paragraph("Визит", "visit", **action))
    assert response.status_code == 302, response.context["form"].errors
    draft = NewsArticlePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    assert [block.block_type for block in draft.body] == ["paragraph"]
    assert "Стороны обсудили сотрудничество." in str(draft.body)


def test_the_release_form_does_not_autosave(client, staff, site_tree):
    # An autosave stored each new photo row again on the next save.
    client.force_login(staff["press"])
    html = client.get(add_url(site_tree)).content.decode()
    assert "data-w-autosave-interval-value" not in html
    release = NewsArticlePageFactory(parent=site_tree, title="Визит", slug="visit")
    assert "data-w-autosave-interval-value" not in client.get(edit_url(release)).content.decode()
