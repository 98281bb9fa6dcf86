"""A press officer who translates tries to publish the translation without an editor.

Press officers may translate any release into English and submit the translation for
approval; approving and publishing stay with the editors. Each door a press officer
could try is tried here, and the English page must stay unpublished behind every one.
"""

import pytest

from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish
from tests.workflow_helpers import (
    action_url,
    add_url,
    edit_url,
    put_string,
    release_form,
    segments,
    translation_of,
)

pytestmark = pytest.mark.django_db

REASON = {"reason": "It is ready"}


@pytest.fixture
def english_draft(client, staff, site_tree, en):
    """A colleague's live release, translated into English by the press officer: a draft."""
    release = publish(
        NewsArticlePageFactory(parent=site_tree, title="Визит делегации", owner=staff["press2"])
    )
    client.force_login(staff["press"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[release.pk]),
        {"locales": [en.pk]},
    )
    translation = translation_of(release, en)
    for segment in segments(translation):
        put_string(client, translation, segment, "Delegation visit")
    english = NewsArticlePage.objects.get(pk=release.get_translation(en).pk)
    assert not english.live
    return english, translation


@pytest.fixture
def submitted(client, english_draft):
    english, translation = english_draft
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.workflow_in_progress
    return english, translation


def unpublished(page):
    page = Page.objects.get(pk=page.pk)
    return not page.live and page.live_revision_id is None


def test_the_translation_editors_publish_button(client, english_draft):
    english, _translation = english_draft
    client.post(edit_url(english), {"action": "publish"})
    assert unpublished(english)


def test_the_page_editors_publish_button_after_stopping_the_translation(client, english_draft):
    english, translation = english_draft
    # "Stop synced translation" hands the page to Wagtail's own editor.
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert not Translation.objects.get(pk=translation.pk).enabled
    data = release_form("Delegation visit", english.slug, "The sides agreed.", ["Text"])
    data["action-publish"] = "Publish"
    client.post(edit_url(english), data)
    assert unpublished(english)


def test_approving_their_own_translation(client, submitted):
    english, _translation = submitted
    assert client.post(action_url(english, "approve"), {"comment": ""}).status_code in (
        302,
        403,
    )
    assert unpublished(english)
    assert Page.objects.get(pk=english.pk).workflow_in_progress


def test_a_colleague_approving_it(client, staff, submitted):
    english, _translation = submitted
    client.force_login(staff["press2"])
    client.post(action_url(english, "approve"), {"comment": ""})
    assert unpublished(english)


def test_bulk_publish_from_the_page_listing(client, english_draft):
    english, _translation = english_draft
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={english.pk}", REASON)
    assert unpublished(english)


def test_force_publish(client, english_draft):
    english, _translation = english_draft
    client.post(reverse("news_force_publish", args=[english.pk]), REASON)
    assert unpublished(english)


def test_the_api_is_read_only(client, english_draft):
    english, _translation = english_draft
    for method in (client.post, client.put, client.patch):
        response = method(
            f"/api/v2/releases/{english.pk}/",
            {"live": True},
            content_type="application/json",
        )
        assert response.status_code == 405
    assert unpublished(english)


def test_syncing_with_publish_ticked(client, english_draft):
    english, translation = english_draft
    client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": "on"},
    )
    assert unpublished(english)


def test_convert_to_alias(client, english_draft):
    english, _translation = english_draft
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[english.pk]), REASON)
    assert response.status_code == 403
    page = Page.objects.get(pk=english.pk)
    assert page.alias_of_id is None


def test_writing_an_english_page_directly(client, english_draft, en):
    english_archive = NewsIndexPage.objects.get(locale=en)
    before = Page.objects.count()
    assert client.get(add_url(english_archive)).status_code in (302, 403)
    data = release_form("Direct English", "direct-english", "Written in English.", ["Text"])
    data["action-publish"] = "Publish"
    client.post(add_url(english_archive), data)
    assert Page.objects.count() == before


def test_copying_a_russian_release_into_the_english_archive(client, staff, english_draft, en):
    english, _translation = english_draft
    russian = english.get_translation(Locale.get_default())
    english_archive = NewsIndexPage.objects.get(locale=en)
    before = Page.objects.count()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[russian.pk]),
        {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": english_archive.pk,
            "copy_subpages": False,
        },
    )
    assert Page.objects.count() == before


def test_deleting_the_english_page(client, staff, english_draft):
    english, _translation = english_draft
    # wagtail-localize gives the translation its source's owner, and Wagtail lets an owner
    # who may add pages delete their drafts: the author of the Russian release tries.
    assert english.owner == staff["press2"]
    client.force_login(staff["press2"])
    client.post(reverse("wagtailadmin_pages:delete", args=[english.pk]))
    assert Page.objects.filter(pk=english.pk).exists()


def test_publishing_an_english_partner_city(client, staff, en, translate):
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    english = translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    client.force_login(staff["press"])
    url = reverse("wagtailsnippets_news_partnercity:edit", args=[english.pk])
    assert client.get(url).status_code == 200
    data = {"name": "Minsk city", "country": "Belarus", "slug": "minsk", "action-publish": "1"}
    client.post(url, data)
    english.refresh_from_db()
    assert english.name == "Minsk"
