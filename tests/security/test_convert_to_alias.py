"""wagtail-localize's "convert to alias" replaces a translation with its source's text."""

import pytest

from django.urls import reverse

from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import Translation

from news.models import NewsArticlePage
from news.roles import groups as roles
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_pair(staff, site_tree, translate):
    russian = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", slug="visit")
    publish(russian)
    english = translate(russian, {"Визит делегации": "Delegation visit"})
    assert english.live and english.title == "Delegation visit"
    return russian, english


def convert_url(page):
    return reverse("wagtail_localize:convert_to_alias", args=[page.pk])


def still_translated(english):
    page = NewsArticlePage.objects.get(pk=english.pk)
    return page.alias_of_id is None and page.title == "Delegation visit"


@pytest.mark.parametrize("role", ["translator", "press", "editor"])
def test_other_roles_cannot_convert(client, staff, live_pair, role):
    _russian, english = live_pair
    client.force_login(staff[role])
    assert client.get(convert_url(english)).status_code == 403
    assert client.post(convert_url(english), {"reason": "Nobody reads it"}).status_code == 403
    assert still_translated(english)
    assert Translation.objects.filter(target_locale=english.locale).exists()


def test_administrator_must_give_a_reason(client, live_pair):
    _russian, english = live_pair
    admin = make_user("admin2", roles.ADMINISTRATORS)
    client.force_login(admin)
    assert client.get(convert_url(english)).status_code == 200
    response = client.post(convert_url(english), {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert still_translated(english)


def test_administrator_converts_with_a_reason_kept_in_the_history(client, live_pair):
    russian, english = live_pair
    admin = make_user("admin2", roles.ADMINISTRATORS)
    client.force_login(admin)
    response = client.post(convert_url(english), {"reason": "The translation was wrong"})
    assert response.status_code == 302
    page = Page.objects.get(pk=english.pk)
    assert page.alias_of_id == russian.pk
    entry = PageLogEntry.objects.get(page=page, action="news.convert_to_alias")
    assert entry.user == admin
    assert entry.data["reason"] == "The translation was wrong"
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "The translation was wrong" in history.content.decode()


def test_edit_view_entry_leads_to_the_reason_form(client, live_pair):
    _russian, english = live_pair
    admin = make_user("admin2", roles.ADMINISTRATORS)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english.pk]), {"localize-convert-to-alias": ""}
    )
    assert response.status_code == 302
    form = client.get(response.url)
    assert "reason" in form.context["form"].fields
    assert still_translated(english)
