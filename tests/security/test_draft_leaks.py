"""An unpublished draft or a private release leaks nothing: not its tags, not its documents."""

import re

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_draft(site_tree, minsk):
    """A never-published release with a tag no public release carries."""
    page = NewsArticlePageFactory(parent=site_tree, title="Секретный визит", live=False)
    page.tags.add("Секретный визит")  # slug: секретный-визит
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
    page.tags.add("отменённый-визит")
    publish(page)
    assert client.get("/ru/feeds/tag/отменённый-визит/rss/").status_code == 200
    page.unpublish()
    assert client.get("/ru/feeds/tag/отменённый-визит/rss/").status_code == 404
    assert "отменённый-визит" not in choices(client, "ru")


def test_a_private_releases_tag_is_not_public(client, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Закрытый")
    page.tags.add("закрытая-встреча")
    publish(page)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get("/ru/feeds/tag/закрытая-встреча/rss/").status_code == 404
    assert "закрытая-встреча" not in choices(client, "ru")
