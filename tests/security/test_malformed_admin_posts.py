"""Page editor posts that the admin's own page never sends: a body without its counters,
HTML where the rich-text editor's JSON belongs. They are refused as an invalid form,
nothing is saved, and none of them ends in a server error."""

import pytest

from django.utils import translation

from core.blocks import UNREADABLE_BODY
from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory
from tests.workflow_helpers import add_url, edit_url, release_form

pytestmark = pytest.mark.django_db


def good_form(slug):
    return release_form("Визит делегации", slug, "Лид релиза", ["Текст релиза."])


def without(*keys):
    def change(data):
        for key in keys:
            del data[key]

    return change


def setting(**values):
    def change(data):
        data.update({key.replace("__", "-"): value for key, value in values.items()})

    return change


MALFORMED = {
    "no body-count": without("body-count"),
    "body-count not a number": setting(body__count="x"),
    "body-count beyond the blocks": setting(body__count="99999999999999999999"),
    "block without type": without("body-0-type"),
    "block without order": without("body-0-order"),
    "block without deleted flag": without("body-0-deleted"),
    "order not a number": setting(body__0__order="x"),
    "raw HTML in a paragraph": setting(body__0__value="<p>Текст <b>релиза</b></p>"),
    "empty paragraph data": setting(body__0__value=""),
    "JSON list in a paragraph": setting(body__0__value="[1, 2]"),
    "JSON of the wrong shape": setting(body__0__value='{"blocks": 5, "entityMap": {}}'),
    "image id not a number": setting(
        body__0__type="image", body__0__value__image="x", body__0__value__caption=""
    ),
}


@pytest.fixture
def draft(site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", live=False)
    page.save_revision()
    return page


def refused(response):
    assert response.status_code == 200
    (error,) = response.context["form"].errors["body"].as_data()
    with translation.override("en"):
        assert [str(UNREADABLE_BODY)] == [str(message) for message in error.non_block_errors]
    return response


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_editor_edit_with_a_malformed_body_is_an_invalid_form(client, staff, draft, change):
    client.force_login(staff["editor"])
    data = good_form(draft.slug)
    change(data)
    revisions = draft.revisions.count()
    refused(client.post(edit_url(draft), data, HTTP_ACCEPT_LANGUAGE="en"))
    assert draft.revisions.count() == revisions


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_press_officer_add_with_a_malformed_body_is_an_invalid_form(
    client, staff, site_tree, change
):
    client.force_login(staff["press"])
    data = good_form("new-visit")
    change(data)
    refused(client.post(add_url(site_tree), data))
    assert not NewsArticlePage.objects.filter(slug="new-visit").exists()


@pytest.mark.parametrize("title", ["Визит делегации", ""], ids=["valid", "missing title"])
def test_a_gallery_announcing_rows_it_does_not_send_is_an_invalid_form(
    client, staff, site_tree, title
):
    client.force_login(staff["press"])
    data = release_form(title, "new-visit", "Лид релиза", ["Текст релиза."])
    data["gallery_items-TOTAL_FORMS"] = "3"
    response = client.post(add_url(site_tree), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not NewsArticlePage.objects.filter(slug="new-visit").exists()
