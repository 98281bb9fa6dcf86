"""The press office's own admin pages are headed with their own names, as Wagtail's are."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def crumbs(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(" ", strip=True) for item in page.select(".w-breadcrumbs li")]


def test_translation_status_is_headed_with_its_name(client, staff):
    client.force_login(staff["editor"])
    response = client.get(reverse("news_translation_status"))
    assert crumbs(response) == ["Главная", "Статус переводов"]


def test_the_reason_form_for_publishing_without_approval_is_headed_with_its_name(
    client, staff, site_tree
):
    page = NewsArticlePageFactory(parent=site_tree, live=False)
    client.force_login(staff["admin"])
    response = client.get(reverse("news_force_publish", args=[page.pk]))
    assert response.status_code == 200
    assert crumbs(response) == ["Главная", "Публикация без утверждения"]
