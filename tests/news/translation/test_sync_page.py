"""The sync page says what publishing and syncing do here, and they do it."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.rich_text import RichText

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import segments, translation_of

pytestmark = pytest.mark.django_db

TEXTS = {
    "Визит делегации": "Delegation visit",
    "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
    "Делегация прибудет во вторник.": "The delegation arrives on Tuesday.",
    "visit": "visit",
}


def sync_page_text(client, translation):
    url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return html.select_one("#sync-explained").get_text(" ", strip=True)


def test_a_published_release_is_already_in_sync(client, staff, site_tree, translate, en):
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Визит делегации",
        slug="visit",
        body=[("paragraph", RichText("<p>Делегация прибудет во вторник.</p>"))],
    )
    publish(page)
    english = translate(page, TEXTS)
    page.body[0].value = RichText("<p>Делегация прибудет в четверг.</p>")
    publish(page)

    # What the page says...
    client.force_login(staff["translator"])
    translation = translation_of(page, en)
    text = sync_page_text(client, translation)
    assert "Публикация русского релиза сразу обновляет текст для перевода" in text
    assert "синхронизация не найдёт ничего нового" in text
    assert "не применяются автоматически" not in text
    # ...is what happened: the new sentence is there to translate without a sync, and the
    # English release on the site has not changed.
    assert "Делегация прибудет в четверг." in {s.string.data for s in segments(translation)}
    client.logout()
    live = client.get(NewsArticlePage.objects.get(pk=english.pk).url).content.decode()
    assert "The delegation arrives on Tuesday." in live


def test_an_unpublished_release_is_synced_by_hand(client, staff, site_tree, en):
    page = NewsArticlePageFactory(parent=site_tree, title="Черновик", slug="draft", live=False)
    page.save_revision(user=staff["press"])
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    text = sync_page_text(client, translation_of(page, en))
    assert "Этот релиз ещё не опубликован: синхронизация берёт его текст" in text
