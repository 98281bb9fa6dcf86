import pytest

from django.urls import reverse

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


def test_force_publish_is_offered_to_administrators_only(login, staff, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree))
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    force = reverse("news_force_publish", args=[page.pk])
    assert force in login(staff["admin"]).get(edit).content.decode()
    for role in ("press", "editor"):
        assert force not in login(staff[role]).get(edit).content.decode()
