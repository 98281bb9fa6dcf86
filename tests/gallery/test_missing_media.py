"""A photo whose files were lost does not take pages down, and check_media finds it."""

import logging
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from gallery.models import NewsRendition
from news.models import NewsArticleGalleryItem
from tests.factories import NewsArticlePageFactory, NewsImageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(site_tree):
    """A published release with two photos; the second one's original is lost later."""
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит в Минск"))
    kept, lost = NewsImageFactory(title="Сохранённое"), NewsImageFactory(title="Потерянное")
    for n, image in enumerate((kept, lost)):
        NewsArticleGalleryItem.objects.create(
            page=page, image=image, alt_text=f"Фото {n}", sort_order=n
        )
    return page, kept, lost


def lose(field_file):
    field_file.storage.delete(field_file.name)


def api(client, page):
    return client.get(f"/api/v2/releases/{page.pk}/", HTTP_ACCEPT="application/json")


def test_photo_without_original_or_sizes_is_left_out_and_logged(client, release, caplog):
    page, kept, lost = release
    lose(lost.file)
    with caplog.at_level(logging.ERROR, logger="gallery.models"):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="gallery__open" href="/media/images/') == 1
    assert 'alt="Фото 0"' in html and 'alt="Фото 1"' not in html
    assert any(lost.file.name in record.getMessage() for record in caplog.records)
    assert api(client, page).status_code == 200


def test_photo_without_original_is_shown_at_the_sizes_made_before(client, release):
    page, kept, lost = release
    assert client.get(page.url).status_code == 200  # every gallery size made
    lose(lost.file)
    NewsRendition.cache_backend.clear()

    html = client.get(page.url).content.decode()
    assert html.count('class="gallery__open" href="/media/images/') == 2
    response = api(client, page)
    assert response.status_code == 200
    large = response.json()["gallery"][1]["renditions"]["large"]
    assert large["url"].startswith("http://testserver/media/images/") and large["width"] > 0
    assert client.get("/ru/feeds/rss/").status_code == 200


def test_check_media_lists_lost_files_and_fails(client, release):
    page, kept, lost = release
    client.get(page.url)
    lose(lost.file)
    rendition = NewsRendition.objects.filter(image=kept).first()
    lose(rendition.file)

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_media", stdout=out)
    report = out.getvalue()
    assert lost.file.name in report and rendition.file.name in report
    assert f"{lost.pk} " in report and f"{kept.pk} " in report


def test_check_media_passes_when_every_file_is_there(client, release):
    page, _kept, _lost = release
    client.get(page.url)
    out = StringIO()
    call_command("check_media", stdout=out)
    assert "images/" not in out.getvalue()


def test_feed_and_api_leave_out_a_lost_lead_photo(client, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Форум в Ереване"))
    lost = NewsImageFactory(title="Потерянное")
    NewsArticleGalleryItem.objects.create(page=page, image=lost, alt_text="Фото", sort_order=0)
    lose(lost.file)

    feed = client.get("/ru/feeds/rss/")
    assert feed.status_code == 200
    assert "Форум в Ереване" in feed.content.decode()
    assert "<enclosure" not in feed.content.decode()
    response = api(client, page)
    assert response.status_code == 200
    assert response.json()["gallery"] == []


def test_feed_lists_a_release_whose_photo_size_lost_its_file(client, release):
    page, kept, _lost = release
    assert client.get("/ru/feeds/rss/").status_code == 200  # the social size is made
    for rendition in NewsRendition.objects.filter(image=kept):
        lose(rendition.file)

    feed = client.get("/ru/feeds/rss/")
    assert feed.status_code == 200
    assert "Визит в Минск" in feed.content.decode()
