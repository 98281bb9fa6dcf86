"""The public gallery of a release: counter, no-JS fallback, responsive renditions."""

import re
from io import BytesIO

import pytest
from PIL import ExifTags, Image

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gallery.models import NewsImage, NewsRendition
from gallery.renditions import avif_enabled, specs_for_gallery
from news.models import NewsArticleGalleryItem
from tests.factories import NewsArticlePageFactory, NewsImageFactory, publish

from . import photos

pytestmark = pytest.mark.django_db

CAPTIONS = {f"Подпись {n}": f"Caption {n}" for n in range(1, 11)} | {
    f"Описание фото {n}": f"Description of photo {n}" for n in range(1, 11)
}


def image_from(content, name="photo.jpg", **fields):
    return NewsImageFactory(file=ImageFile(BytesIO(content), name=name), **fields)


@pytest.fixture
def release(site_tree, translate):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит в Минск", photos=5))
    english = translate(page, {"Визит в Минск": "Visit to Minsk", **CAPTIONS})
    return page, english


def test_five_photo_gallery_in_both_languages(client, release):
    ru_page, en_page = release
    ru = client.get(ru_page.url).content.decode()
    en = client.get(en_page.url).content.decode()

    for n in range(1, 6):
        assert f"Изображение {n} из 5" in ru
        assert f"Image {n} of 5" in en
        # Caption and alt text come from the translation, not the Russian source.
        assert f"Подпись {n}" in ru and f'alt="Описание фото {n}"' in ru
        assert f"Caption {n}" in en and f'alt="Description of photo {n}"' in en
        assert f"Подпись {n}" not in en
    # The script gets the counter's wording from the page, in the page's language.
    assert 'data-counter="Изображение {n} из {m}"' in ru
    assert 'data-counter="Image {n} of {m}"' in en
    assert 'aria-live="polite"' in en
    # The credit has no English name yet: it is marked as Russian on the English page.
    assert 'Photo: <span lang="ru">Пресс-служба</span>' in en
    assert "Фото: <span>Пресс-служба</span>" in ru


def test_gallery_works_without_javascript(client, release):
    ru_page, _ = release
    html = client.get(ru_page.url).content.decode()
    # Every photo is in the page, each thumbnail leads to its photo, each photo to its
    # full-size version; the slider's buttons stay hidden until the script shows them.
    for n in range(1, 6):
        assert f'id="photo-{n}"' in html
        assert f'href="#photo-{n}"' in html
    assert html.count('class="gallery__open" href="/media/images/') == 5
    assert re.search(r"<div class=\"gallery__controls\" data-gallery-controls hidden>", html)
    assert '<script type="module" src="/static/gallery/gallery.js">' in html
    assert "/static/gallery/vendor/photoswipe/photoswipe.css" in html
    # Local files only: nothing in the page loads from another host (the share links are
    # plain links to the networks, followed only by a reader's click).
    main = html.split("<main")[1]
    assert "//cdn" not in html
    assert not re.search(r'(src|srcset|data-pswp-src)="(https?:)?//', main)


def test_responsive_sources_with_dimensions(client, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree))
    image = image_from(photos.jpeg(1500, 1000))
    NewsArticleGalleryItem.objects.create(page=page, image=image, alt_text="Подписание")
    html = client.get(page.url).content.decode()

    assert '<source type="image/webp" srcset="' in html
    assert ('<source type="image/avif" srcset="' in html) == avif_enabled()
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    assert [part.rsplit(" ", 1)[1] for part in webp.split(", ")] == ["480w", "800w", "1200w"]
    # The JPEG fallback carries its own size, so the page does not jump while loading.
    img = re.search(r'<img src="([^"]+\.jpg)" srcset="[^"]+ 1200w"[^>]*>', html).group(0)
    assert 'width="800" height="533"' in img
    assert 'alt="Подписание"' in img


def test_avif_can_be_switched_off(client, site_tree, settings):
    settings.IMAGE_AVIF = False
    page = publish(NewsArticlePageFactory(parent=site_tree, photos=1))
    html = client.get(page.url).content.decode()
    assert "image/avif" not in html
    assert not NewsRendition.objects.filter(filter_spec__endswith="avif").exists()
    assert '<source type="image/webp"' in html


def test_renditions_are_oriented_and_carry_no_personal_metadata(client, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree))
    image = image_from(photos.camera_jpeg())
    NewsArticleGalleryItem.objects.create(page=page, image=image, alt_text="Флаг")
    assert client.get(page.url).status_code == 200

    renditions = list(NewsRendition.objects.filter(image=image))
    assert len(renditions) >= 8
    for rendition in renditions:
        with rendition.file.open("rb") as f, Image.open(f) as made:
            made.load()
            exif = made.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo), rendition.filter_spec
            assert ExifTags.Base.BodySerialNumber not in exif
            assert ExifTags.Base.Make not in exif
            assert "comment" not in made.info
            assert exif.get(ExifTags.Base.Orientation, 1) == 1
            if not rendition.filter_spec.startswith("fill"):
                # 300×200 turned by EXIF: the reader sees it upright, taller than wide,
                # with the left (red) half of the sensor on top.
                assert made.height > made.width, rendition.filter_spec
                red, _green, blue = made.convert("RGB").getpixel((made.width // 2, 5))
                assert red > 150 and blue < 100, rendition.filter_spec


def test_thumbnails_are_cropped_around_the_focal_point(client, site_tree):
    page = publish(NewsArticlePageFactory(parent=site_tree))
    # A wide photo, red on the left and blue on the right; the subject is on the right.
    centred = image_from(photos.jpeg(900, 200), name="centred.jpg")
    focused = image_from(
        photos.jpeg(900, 200),
        name="focused.jpg",
        focal_point_x=820,
        focal_point_y=100,
        focal_point_width=60,
        focal_point_height=60,
    )
    for n, image in enumerate((centred, focused)):
        NewsArticleGalleryItem.objects.create(
            page=page, image=image, alt_text="Фото", sort_order=n
        )
    client.get(page.url)

    def thumbnail_left_edge(image):
        rendition = NewsRendition.objects.get(
            image=image, filter_spec__startswith="fill-", filter_spec__endswith="jpeg"
        )
        with rendition.file.open("rb") as f, Image.open(f) as made:
            return made.convert("RGB").getpixel((2, made.height // 2))

    assert thumbnail_left_edge(centred)[0] > 150  # centre crop starts in the red half
    assert thumbnail_left_edge(focused)[2] > 150  # focal crop lies in the blue half


def gallery_release(site_tree, count):
    page = publish(NewsArticlePageFactory(parent=site_tree, photos=count))
    return page


def test_renditions_are_made_once(client, site_tree, stored):
    page = gallery_release(site_tree, 3)
    client.get(page.url)
    made = NewsRendition.objects.count()
    files = stored()
    assert made > 0

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert NewsRendition.objects.count() == made
    assert stored() == files
    assert not [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]


def test_query_count_does_not_grow_with_the_gallery(client, site_tree, django_assert_num_queries):
    small = gallery_release(site_tree, 1)
    large = gallery_release(site_tree, 10)
    for page in (small, large):
        client.get(page.url)  # first view makes the renditions
    # As in a fresh process: renditions come from the database, not a warm cache.
    cache.clear()
    client.get("/ru/")  # site and locale lookups, cached after the first request

    with CaptureQueriesContext(connection) as small_queries:
        client.get(small.url)
    with django_assert_num_queries(len(small_queries.captured_queries)):
        html = client.get(large.url).content.decode()
    assert "Изображение 10 из 10" in html


def test_uploaded_photos_are_prepared_before_the_first_reader(
    editor_client, client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/images/multiple/add/",
            {"files[]": photos.upload("visit.jpg", photos.jpeg(900, 600))},
        )
    assert response.json()["success"] is True
    image = NewsImage.objects.get()
    assert NewsRendition.objects.filter(image=image).count() == len(specs_for_gallery())

    page = publish(NewsArticlePageFactory(parent=site_tree))
    NewsArticleGalleryItem.objects.create(page=page, image=image, alt_text="Визит")
    with CaptureQueriesContext(connection) as queries:
        assert "Изображение 1 из 1" in client.get(page.url).content.decode()
    made = [
        q for q in queries.captured_queries if 'INSERT INTO "gallery_newsrendition"' in q["sql"]
    ]
    assert made == []
