"""Copying a page never publishes the copy: that would skip approval and the reason."""

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry

from news.models import NewsArticlePage
from news.roles import groups as roles
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("superuser", [True, False])
def test_copy_with_publish_copies_stays_a_draft(client, staff, site_tree, superuser):
    page = NewsArticlePageFactory(parent=site_tree, title="Оригинал", slug="original")
    publish(page)
    admin = staff["admin"] if superuser else make_user("admin2", roles.ADMINISTRATORS)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Копия",
            "new_slug": "copy",
            "new_parent_page": site_tree.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = NewsArticlePage.objects.get(slug="copy")
    assert not copy.live
    assert not PageLogEntry.objects.filter(page=copy, action="wagtail.publish").exists()
    client.logout()
    assert client.get("/ru/news/copy/").status_code == 404


def test_the_copy_form_offers_no_publication(client, staff, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Оригинал", slug="original"))
    client.force_login(staff["admin"])
    response = client.get(reverse("wagtailadmin_pages:copy", args=[page.pk]))
    assert response.status_code == 200
    assert 'name="new_title"' in response.content.decode()
    assert 'name="publish_copies"' not in response.content.decode()
