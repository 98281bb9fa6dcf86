"""Tags and photo credits are made, translated and edited by the same roles, in the same
languages, as partner cities; a press officer makes a new tag from the release form."""

import pytest

from django.urls import reverse

from gallery.models import PhotoCredit
from news.models import NewsArticlePage, Topic
from tests.factories import PartnerCityFactory, topics
from tests.workflow_helpers import add_url, release_form

pytestmark = pytest.mark.django_db

ROLES = ["press", "translator", "editor", "admin"]


def codes(client, name, russian, english):
    add = client.get(reverse(f"wagtailsnippets_{name}:add")).status_code
    edits = [
        client.get(reverse(f"wagtailsnippets_{name}:edit", args=[instance.pk])).status_code
        for instance in (russian, english)
    ]
    return add, *edits


@pytest.mark.parametrize("role", ROLES)
def test_tags_and_credits_follow_the_rights_on_cities(client, staff, en, translate, role):
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    [tag] = topics("визит")
    credit = PhotoCredit.named("Пресс-служба")
    records = {
        "news_partnercity": (city, translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})),
        "news_topic": (tag, translate(tag, {"визит": "visit"})),
        "gallery_photocredit": (credit, translate(credit, {"Пресс-служба": "Press office"})),
    }
    client.force_login(staff[role])
    found = {name: codes(client, name, *pair) for name, pair in records.items()}
    assert found["news_topic"] == found["news_partnercity"], found
    assert found["gallery_photocredit"] == found["news_partnercity"], found
    # Every role may at least open a record of its own language.
    assert 200 in found["news_topic"]


def test_press_officer_makes_a_new_tag_from_the_release_form(client, staff, site_tree):
    [visit] = topics("визит")
    [english_only] = topics("visit", code="en")
    client.force_login(staff["press"])
    data = release_form(
        "Визит в Минск", "minsk-visit", "Делегация посетила Минск.", tags='визит, "новый тег"'
    )
    response = client.post(add_url(site_tree), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = NewsArticlePage.objects.get(slug="minsk-visit").get_latest_revision_as_object()
    linked = sorted(page.tags.all(), key=lambda topic: topic.name)
    assert [topic.name for topic in linked] == ["визит", "новый тег"]
    assert linked[0].pk == visit.pk
    assert {topic.locale.language_code for topic in linked} == {"ru"}
    assert Topic.objects.filter(name="новый тег").count() == 1
    assert english_only not in linked

    # The tag field suggests the tags of the release's language only.
    url = reverse("news_topic_autocomplete")
    assert client.get(url, {"term": "ви", "locale": "ru"}).json() == ["визит"]
    assert client.get(url, {"term": "vi", "locale": "ru"}).json() == []


def test_a_role_without_the_right_to_add_tags_only_chooses_existing_ones(client, staff, site_tree):
    topics("визит")
    press = staff["press"]
    press.groups.first().permissions.remove(
        *press.groups.first().permissions.filter(codename="add_topic")
    )
    client.force_login(press)
    data = release_form("Визит", "visit", "Лид.", tags="визит, незнакомый")
    response = client.post(add_url(site_tree), data)
    assert response.status_code == 200
    assert "незнакомый" in response.content.decode()
    assert not Topic.objects.filter(name="незнакомый").exists()
    assert not NewsArticlePage.objects.filter(slug="visit").exists()

    data = release_form("Визит", "visit", "Лид.", tags="визит")
    assert client.post(add_url(site_tree), data).status_code == 302
