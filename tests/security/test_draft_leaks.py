"""An unpublished draft or a private release leaks nothing: not its tags, not its documents."""

import re

import pytest
from wagtail_factories import DocumentFactory

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection, PageViewRestriction

from tests.factories import NewsArticlePageFactory, publish, topics
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_draft(site_tree, minsk):
    """A never-published release with a tag no public release carries."""
    page = NewsArticlePageFactory(parent=site_tree, title="Секретный визит", live=False)
    page.tags.add(*topics("Секретный визит"))  # slug: секретный-визит
    page.partner_cities.set([minsk])
    page.save()
    return page


def choices(client, language):
    """The alerts form's list of choices."""
    html = client.get(f"/{language}/alerts/").content.decode()
    return re.search(r"<select.*?</select>", html, re.S)[0]


def test_a_draft_only_tag_is_not_offered_for_alerts(client, mailoutbox, release, secret_draft):
    for language in ("ru", "en"):
        html = choices(client, language)
        assert "tag:визит" in html
        assert "секретный-визит" not in html
    # Asking for it by its slug is answered as for a tag nobody uses, and the
    # confirmation does not spell the draft's tag name.
    answers = []
    for slug in ("секретный-визит", "нет-такого"):
        data = {"email": "spy@example.org", "choice": f"tag:{slug}"}
        response = client.post("/ru/alerts/", data)
        answers.append((response.status_code, response.templates[0].name))
    assert answers[0] == answers[1]
    assert all("Секретный визит" not in message.body for message in mailoutbox)
    # Partner cities are snippets of their own, not a draft's content: the city the draft
    # links is offered as before, and its feed lists no draft.
    assert "city:minsk" in choices(client, "ru")
    feed = client.get("/ru/feeds/city/minsk/rss/")
    assert feed.status_code == 200
    assert "Секретный визит" not in feed.content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_draft_only_tag_has_no_feed(client, release, secret_draft, kind):
    assert client.get(f"/ru/feeds/tag/визит/{kind}/").status_code == 200
    assert client.get(f"/ru/feeds/tag/секретный-визит/{kind}/").status_code == 404
    assert client.get(f"/en/feeds/tag/секретный-визит/{kind}/").status_code == 404


def test_an_unpublished_releases_tag_is_forgotten(client, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Снят с публикации", live=False)
    page.tags.add(*topics("отменённый-визит"))
    publish(page)
    assert client.get("/ru/feeds/tag/отменённый-визит/rss/").status_code == 200
    page.unpublish()
    assert client.get("/ru/feeds/tag/отменённый-визит/rss/").status_code == 404
    assert "отменённый-визит" not in choices(client, "ru")


def test_a_private_releases_tag_is_not_public(client, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Закрытый")
    page.tags.add(*topics("закрытая-встреча"))
    publish(page)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get("/ru/feeds/tag/закрытая-встреча/rss/").status_code == 404
    assert "закрытая-встреча" not in choices(client, "ru")


PDF = b"%PDF-1.4\n% agreement\n" + b"0" * 512 + b"\n%%EOF\n"


def agreement(name="agreement.pdf"):
    # In the root collection, where the roles' document permissions are granted.
    return DocumentFactory(
        title="Соглашение",
        file=ContentFile(PDF, name=name),
        collection=Collection.get_first_root_node(),
    )


def with_document(document, **fields):
    return {
        "body": [("document", {"document": document, "title": "Текст соглашения"})],
        **fields,
    }


def test_a_drafts_document_is_not_downloadable_until_published(client, login, staff, site_tree):
    document = agreement()
    page = NewsArticlePageFactory(parent=site_tree, live=False, **with_document(document))
    assert client.get(document.url).status_code == 404
    # Staff who may choose documents still open it while preparing the release.
    for role in ("press", "translator", "editor"):
        assert login(staff[role]).get(document.url).status_code == 200
        client.logout()
    publish(page)
    assert client.get(document.url).status_code == 200
    page.unpublish()
    assert client.get(document.url).status_code == 404


def test_a_document_added_in_a_draft_of_a_live_release_stays_hidden(client, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Опубликован")
    publish(page)
    document = agreement()
    draft = page.get_latest_revision_as_object()
    draft.body = with_document(document)["body"]
    draft.save_revision()
    assert client.get(document.url).status_code == 404


def test_a_document_used_by_no_page_or_only_a_private_one_is_refused(client, site_tree):
    unused = agreement("unused.pdf")
    assert client.get(unused.url).status_code == 404
    document = agreement()
    page = NewsArticlePageFactory(parent=site_tree, **with_document(document))
    publish(page)
    shared = agreement("shared.pdf")
    for _number in range(3):
        publish(NewsArticlePageFactory(parent=site_tree, **with_document(shared)))
    assert client.get(document.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(shared.url).status_code == 200
    # Finding the pages that use it is two queries, however many there are.
    assert len([q for q in queries if "wagtailcore_" in q["sql"] and "page" in q["sql"]]) <= 2
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 404
