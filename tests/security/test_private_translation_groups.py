"""A release closed to some groups through the admin's privacy dialog is closed to the same
groups in every translation."""

import pytest

from django.contrib.auth.models import Group
from django.utils import translation

from wagtail.models import PageViewRestriction

from news.roles import groups as roles
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(site_tree, translate):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит", lead="Прибыли."))
    english = translate(
        page,
        {
            "Визит": "Visit",
            "Прибыли.": "Arrived.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    return page, english


def set_privacy(client, page, **data):
    response = client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def groups_of(page):
    restriction = PageViewRestriction.objects.get(page=page)
    return restriction.restriction_type, {group.name for group in restriction.groups.all()}


def test_a_group_restriction_reaches_every_translation_with_its_groups(client, staff, release):
    ru_page, en_page = release
    editors = Group.objects.get(name=roles.EDITORS)
    translators = Group.objects.get(name=roles.TRANSLATORS)
    client.force_login(staff["admin"])

    set_privacy(client, ru_page, restriction_type="groups", groups=[editors.pk, translators.pk])
    expected = ("groups", {roles.EDITORS, roles.TRANSLATORS})
    assert groups_of(ru_page) == expected
    assert groups_of(en_page) == expected

    # Changing the groups later, from the English page, reaches the Russian one.
    set_privacy(client, en_page, restriction_type="groups", groups=[editors.pk])
    assert groups_of(en_page) == ("groups", {roles.EDITORS})
    assert groups_of(ru_page) == ("groups", {roles.EDITORS})

    # A translator no longer in the groups cannot read the English release.
    client.force_login(staff["translator"])
    assert client.get(en_page.url).status_code in (302, 403)


def test_the_privacy_dialog_says_it_applies_to_every_translation(client, staff, release):
    ru_page, _en_page = release
    client.force_login(staff["admin"])
    with translation.override("en"):
        response = client.get(f"/admin/pages/{ru_page.pk}/privacy/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "every translation of this release" in response.json()["html"]
