"""Photos in every pixel mode Pillow opens: uploaded once, then shown everywhere.

A 16-bit PNG used to pass the upload and break every page that showed it (a JPEG cannot
hold 16-bit pixels). Each mode is uploaded through the admin, put in a published
release's gallery, and the release page, the feed and the API must all answer.
"""

import json
from io import BytesIO, StringIO

import pytest
from PIL import Image

from django.core.management import call_command

from gallery.models import NewsImage, NewsRendition
from news.models import ImportedRecord, NewsArticleGalleryItem, NewsArticlePage
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures
from tests.factories import NewsArticlePageFactory, publish

from . import photos

pytestmark = pytest.mark.django_db

MODES = ["1", "L", "LA", "P", "PA", "I", "I;16", "F", "RGB", "RGBA", "CMYK"]
MODES += ["YCbCr", "LAB", "HSV"]


def picture(mode):
    """A 64×48 picture in `mode`: a dark left half and a lighter right half."""
    if mode in ("I", "I;16"):
        # 16-bit values: half of full scale must come out mid-grey, not clipped white.
        dark, light = 8192, 32768
    elif mode == "F":
        dark, light = 0.1, 0.5
    else:
        bands = len(Image.new(mode, (1, 1)).getbands())
        dark, light = ((40,) * bands, (200,) * bands) if bands > 1 else (40, 200)
    image = Image.new(mode, (64, 48), dark)
    image.paste(Image.new(mode, (32, 48), light), (32, 0))
    return image


def encoded(mode):
    """(file name, bytes): the mode kept as it is by the first accepted format that can."""
    image = picture(mode)
    for fmt, extension in (("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")):
        out = BytesIO()
        try:
            image.save(out, fmt)
        except (OSError, ValueError, KeyError):
            continue
        return f"photo.{extension}", out.getvalue()
    raise AssertionError(mode)


def sixteen_bit_grey_png():
    name, content = encoded("I;16")
    assert Image.open(BytesIO(content)).mode.startswith("I;16")
    return content


def upload(client, name, content):
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": photos.upload(name, content)}
    )
    assert response.json()["success"] is True, response.json()
    return NewsImage.objects.get()


def release_with(image, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит делегации"))
    NewsArticleGalleryItem.objects.create(page=page, image=image, alt_text="Делегация")
    return page


@pytest.mark.parametrize("mode", MODES)
def test_every_mode_is_uploaded_and_shown(editor_client, client, site_tree, mode):
    name, content = encoded(mode)
    image = upload(editor_client, name, content)
    page = release_with(image, site_tree)

    response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count('class="gallery__open" href="/media/images/') == 1
    assert client.get("/ru/feeds/rss/").status_code == 200
    api = client.get(f"/api/v2/releases/{page.pk}/", HTTP_ACCEPT="application/json")
    assert api.status_code == 200, api.content
    assert api.json()["gallery"][0]["renditions"]["social"]["url"]


@pytest.mark.parametrize("mode", MODES)
def test_stored_original_is_in_a_mode_every_size_can_be_made_from(editor_client, mode):
    name, content = encoded(mode)
    image = upload(editor_client, name, content)
    with image.open_file() as stored, Image.open(stored) as original:
        assert original.mode in ("L", "RGB", "RGBA")
        assert (image.width, image.height) == original.size == (64, 48)


def test_sixteen_bit_grey_keeps_its_tones(editor_client, client, site_tree):
    image = upload(editor_client, "scan.png", sixteen_bit_grey_png())
    page = release_with(image, site_tree)
    assert client.get(page.url).status_code == 200
    rendition = NewsRendition.objects.filter(
        image=image, filter_spec__startswith="width-480|format-jpeg"
    ).get()
    with rendition.file.open("rb") as f, Image.open(f) as made:
        grey = made.convert("L")
        # 8192 and 32768 of 65535: an eighth and a half of full brightness.
        assert 20 < grey.getpixel((5, 24)) < 45
        assert 115 < grey.getpixel((made.width - 5, 24)) < 140


@pytest.mark.parametrize("mode", MODES)
def test_imported_photos_are_stored_in_a_web_mode(tmp_path, client, mode):
    name, content = encoded(mode)
    export = tmp_path / "export"
    (export / "images").mkdir(parents=True)
    (export / "images" / name).write_bytes(content)
    record = {
        "id": "7",
        "language": "ru",
        "published": "2024-05-28",
        "title": "Бизнес-миссия в Ташкент",
        "lead": "Подписаны контракты.",
        "body": "<p>Текст.</p>",
        "images": [{"path": f"images/{name}", "caption": "Переговоры", "credit": "Фото"}],
    }
    (export / "releases.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
    call_command("import_news", str(export), stdout=StringIO(), stderr=StringIO())

    image = NewsImage.objects.get()
    with image.open_file() as stored, Image.open(stored) as original:
        assert original.mode in ("L", "RGB", "RGBA")
    page = NewsArticlePage.objects.get(pk=ImportedRecord.objects.get(old_id="7").page_id)
    assert client.get(page.url).status_code == 200
