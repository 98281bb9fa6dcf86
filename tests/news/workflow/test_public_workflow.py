"""The public side shows only what editors approved, in either language."""

import pytest

from django.urls import reverse

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db


def switch_link(html, code):
    # Only the "Ru | En" switch: the page's head carries hreflang links of its own.
    html = html[html.index('class="language-switch"') :]
    marker = f'hreflang="{code}"'
    start = html.rindex('href="', 0, html.index(marker)) + len('href="')
    return html[start : html.index('"', start)]


def test_language_switch_links_only_to_an_approved_translation(client, staff, site_tree, en):
    page = publish(
        NewsArticlePageFactory(parent=site_tree, title="Визит в Ереван", slug="yerevan")
    )
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    translation = translation_of(page, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    english = page.get_translation(en)
    client.logout()

    # In progress: the switch says the release is in Russian only; the draft is not there.
    html = client.get(page.url).content.decode()
    assert switch_link(html, "en") == f"/en/not-translated/{page.translation_key}/"
    assert client.get(english.get_url()).status_code == 404

    # Submitted, still not approved: the same.
    client.force_login(staff["translator"])
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    client.logout()
    assert switch_link(client.get(page.url).content.decode(), "en") == (
        f"/en/not-translated/{page.translation_key}/"
    )
    assert "EN Визит в Ереван" not in client.get("/en/news/").content.decode()

    # Approved: the switch leads to the translation, and back.
    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    client.logout()
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert switch_link(client.get(page.url).content.decode(), "en") == english.url
    assert switch_link(client.get(english.url).content.decode(), "ru") == page.url
    assert "EN Визит в Ереван" in client.get("/en/news/").content.decode()
