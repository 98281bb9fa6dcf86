"""Photos brought in by an archive import pass the same checks as uploads."""

import json
from io import BytesIO, StringIO

import pytest
from PIL import Image

from django.core.management import call_command

from gallery.models import NewsImage
from news.models import ImportedRecord, NewsArticlePage
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures

pytestmark = pytest.mark.django_db


def picture(fmt="JPEG", size=(80, 60)):
    out = BytesIO()
    Image.new("RGB", size, (120, 150, 210)).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def import_photo(tmp_path):
    """Import one release with one photo; return (page, warnings printed)."""

    def _import(name, data):
        export = tmp_path / "export"
        (export / "images").mkdir(parents=True, exist_ok=True)
        (export / "images" / name).write_bytes(data)
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
        err = StringIO()
        call_command("import_news", str(export), stdout=StringIO(), stderr=err)
        page = NewsArticlePage.objects.get(pk=ImportedRecord.objects.get(old_id="7").page_id)
        return page, err.getvalue()

    return _import


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP")]
)
def test_accepted_formats_are_stored_with_credit(import_photo, name, fmt):
    page, err = import_photo(name, picture(fmt))
    assert "image skipped" not in err
    [item] = page.gallery_items.all()
    assert item.image.credit.name == "Фото"
    assert item.caption == "Переговоры"
    assert (item.image.width, item.image.height) == (80, 60)
    assert item.image.file_hash


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("fake.jpg", b"<?php echo 'not a photo'; ?>", "not a readable image"),
        ("empty.jpg", b"", "is empty"),
        ("cut.jpg", picture()[:300], "not a readable image"),
        ("anim.gif", picture("GIF"), "only JPEG, PNG and WebP"),
        ("old.bmp", picture("BMP"), "only JPEG, PNG and WebP"),
    ],
)
def test_bad_files_skip_the_photo_not_the_release(import_photo, name, data, reason):
    page, err = import_photo(name, data)
    assert "image skipped" in err and reason in err and name in err
    assert page.live
    assert not page.gallery_items.exists()
    assert not NewsImage.objects.exists()


def test_pixel_limit(import_photo, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    page, err = import_photo("big.png", picture("PNG", (50, 50)))
    assert "2500 pixels; the limit is 1000" in err
    assert not page.gallery_items.exists()


def test_size_limit(import_photo, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    page, err = import_photo("heavy.png", picture("PNG"))
    assert "too large" in err
    assert not page.gallery_items.exists()


def test_same_file_is_stored_once(import_photo):
    data = picture()
    import_photo("one.jpg", data)
    import_photo("two.jpg", data)
    assert NewsImage.objects.count() == 1


def test_photo_sizes_are_left_to_the_worker(import_photo, queued, client):
    """The import queues every size of its photos; the worker makes them, not the import."""
    from gallery.models import NewsRendition
    from gallery.renditions import specs_for_publication

    page, _err = import_photo("a.jpg", picture(size=(1600, 1000)))
    assert not NewsRendition.objects.exists()

    call_command("db_worker", "--backend", "worker", "--batch", verbosity=0)
    image = page.gallery_items.get().image
    made = set(NewsRendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(specs_for_publication())

    assert client.get(page.url).status_code == 200
    assert NewsRendition.objects.count() == len(made)
