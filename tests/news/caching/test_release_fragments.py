"""A release page keeps what it shows of its cities, tags, photos, translations and related
news between renders, even with the whole-page cache off, and never shows it stale."""

import io
from html import unescape

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gallery.models import PhotoCredit
from news.models import NewsArticlePage, PartnerCity, RelatedArticle, Topic
from tests.factories import publish, topics
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_TITLE, RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # Only the kept parts of the page are in play, never a whole cached page.
    settings.PAGE_CACHE_ENABLED = False


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_a_second_render_of_a_release_reads_only_the_release(client, release, other_release):
    ru_page, _ = release
    RelatedArticle.objects.create(page=ru_page, article=other_release, sort_order=0)
    ru_page = publish(NewsArticlePage.objects.get(pk=ru_page.pk))
    client.get(ru_page.url)  # makes the photo sizes
    call_command("purge_page_cache", stdout=io.StringIO())

    first = queries_of(client, ru_page.url)
    second = queries_of(client, ru_page.url)

    # The release's own row is read; its route, cities, tags, photos, translations,
    # related and more news are kept.
    assert first >= 11
    assert second == 1
    html = html_of(client, ru_page.url)
    assert 'class="gallery__item"' in html
    assert "tag--city" in html
    assert other_release.title in html


def test_a_published_change_shows_at_once(client, release):
    ru_page, en_page = release
    assert RU_TITLE in html_of(client, ru_page.url)

    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта с Минском дополнена"
    ru_page.tags.add(*topics("энергетика"))
    publish(ru_page)

    html = html_of(client, ru_page.url)
    assert "Дорожная карта с Минском дополнена" in html
    assert RU_TITLE not in html
    assert ">энергетика<" in html
    assert '"энергетика"' in html  # the JSON-LD keywords
    # The English page's switch and alternates link the release as it is now.
    assert EN_TITLE in html_of(client, en_page.url)


def test_unpublishing_the_translation_updates_the_switch_and_alternates(client, release):
    ru_page, en_page = release
    html = html_of(client, ru_page.url)
    assert f'hreflang="en" href="http://testserver{en_page.url}"' in html

    en_page.unpublish()

    html = html_of(client, ru_page.url)
    assert en_page.url not in html
    assert f"/en/not-translated/{ru_page.translation_key}/" in html


def test_publishing_the_translation_updates_the_switch(client, release, other_release, translate):
    not_translated = f"/en/not-translated/{other_release.translation_key}/"
    assert not_translated in html_of(client, other_release.url)

    en_page = translate(other_release, {other_release.title: "Belgrade delegation at the park"})

    html = html_of(client, other_release.url)
    assert not_translated not in html
    assert f'href="{en_page.url}" hreflang="en"' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{en_page.url}">' in html


def test_renaming_a_city_or_a_tag_shows_at_once(client, release):
    ru_page, en_page = release
    assert ">Minsk<" in html_of(client, en_page.url)
    assert ">визит<" in html_of(client, ru_page.url)

    city = PartnerCity.objects.get(slug="minsk", locale__language_code="en")
    city.name = "Minsk City"
    city.save()
    tag = Topic.objects.get(name="визит")
    tag.name = "официальный визит"
    tag.save()

    assert ">Minsk City<" in html_of(client, en_page.url)
    html = html_of(client, ru_page.url)
    assert ">официальный визит<" in html
    assert ">визит<" not in html


def test_a_photo_change_shows_at_once(client, release):
    ru_page, _ = release
    assert "Новое агентство" not in html_of(client, ru_page.url)

    image = ru_page.gallery_items.first().image
    image.credit = PhotoCredit.named("Новое агентство")
    image.save()
    assert "Новое агентство" in html_of(client, ru_page.url)

    credit = PhotoCredit.objects.get(pk=image.credit_id)
    credit.name = "Агентство новостей"
    credit.save()
    html = html_of(client, ru_page.url)
    assert "Агентство новостей" in html
    assert "Новое агентство" not in html


def test_an_unpublished_related_release_leaves_the_page(client, release, other_release):
    ru_page, _ = release
    RelatedArticle.objects.create(page=ru_page, article=other_release, sort_order=0)
    ru_page = publish(NewsArticlePage.objects.get(pk=ru_page.pk))
    assert other_release.title in html_of(client, ru_page.url)

    other_release.unpublish()

    assert other_release.title not in html_of(client, ru_page.url)


def test_previews_never_read_the_kept_parts(client, admin_client, release):
    ru_page, _ = release
    assert RU_LEAD in html_of(client, ru_page.url)
    assert RU_LEAD in html_of(admin_client, ru_page.url)

    draft = NewsArticlePage.objects.get(pk=ru_page.pk)
    draft.title = "Черновик заголовка"
    draft.tags.add(*topics("черновик"))
    revision = draft.save_revision()

    preview = html_of(
        admin_client, reverse("wagtailadmin_pages:revisions_view", args=[ru_page.pk, revision.pk])
    )
    assert "Черновик заголовка" in preview
    assert ">черновик<" in preview
    # Readers and editors on the public page still see the published release.
    for reader in (client, admin_client):
        html = html_of(reader, ru_page.url)
        assert RU_TITLE in html
        assert "Черновик заголовка" not in html


def test_each_host_gets_its_own_links(client, settings, release):
    # Without a public address, absolute links name the host the reader came to.
    settings.PUBLIC_BASE_URL = ""
    ru_page, _ = release
    assert f'href="http://testserver{ru_page.url}"' in html_of(client, ru_page.url)

    html = unescape(client.get(ru_page.url, HTTP_HOST="localhost").content.decode())
    assert f'href="http://localhost{ru_page.url}"' in html
    assert "http://testserver" not in html
