"""The demo's photos are different scenes that fit their release, each captioned and
described in both languages, and drawn the same way every time."""

import hashlib
from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageStat

from django.core.management import call_command
from django.test import override_settings

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_avif(settings):
    # AVIF encoding is slow; which pictures are drawn does not depend on it.
    settings.IMAGE_AVIF = False


def pixels(image):
    with image.open_file() as handle:
        return Image.open(handle).convert("L").resize((64, 48))


def difference(a, b):
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


@override_settings(DEBUG=True)
def test_each_release_shows_different_fitting_scenes_in_both_languages():
    call_command("load_demo")
    releases = NewsArticlePage.objects.filter(locale__language_code="ru", live=True)
    leads = {}
    for release in releases:
        items = list(release.gallery_items.select_related("image"))
        # The order is stored, so the lead photo is the same on every database.
        assert [item.sort_order for item in items] == list(range(len(items))), release.slug
        captions = [item.caption for item in items]
        assert len(set(captions)) == len(captions), release.slug
        assert all(item.alt_text and item.alt_text != item.caption for item in items)
        drawn = [pixels(item.image) for item in items]
        for n, first in enumerate(drawn):
            for second in drawn[n + 1 :]:
                # Visibly different pictures, not one picture with other colours.
                assert difference(first, second) > 12, release.slug
        leads[release.slug] = captions[0]
        english = release.get_translation_or_none(
            NewsArticlePage.objects.filter(locale__language_code="en").first().locale
        )
        if english is not None and english.live:
            assert [item.caption for item in english.gallery_items.all()] != captions
    # The lead photo fits the release: a signed roadmap shows a signing, a forum its hall.
    assert leads["minsk-roadmap-2024-2026"] == "Подписание документов"
    assert leads["belgrade-business-forum-2023"] == "Пленарное заседание форума"
    assert leads["tashkent-culture-days"] == "Праздник на центральной площади"
    assert leads["beijing-delegation-visit"] == "Рукопожатие глав делегаций"
    assert len(set(leads.values())) >= 5


def digests(slug):
    release = NewsArticlePage.objects.get(slug=slug, locale__language_code="ru")
    found = []
    for item in release.gallery_items.select_related("image"):
        with item.image.open_file() as handle:
            found.append(hashlib.sha256(handle.read()).hexdigest())
    return found


@override_settings(DEBUG=True)
def test_a_release_gets_the_same_photos_when_the_demo_is_loaded_again():
    call_command("load_demo")
    first = digests("belgrade-business-forum-2023")
    assert len(first) == 4
    for page in NewsArticlePage.objects.filter(slug="belgrade-business-forum-2023"):
        page.delete()
    call_command("load_demo")
    assert digests("belgrade-business-forum-2023") == first


@pytest.mark.parametrize("size", [(64, 48), (320, 180), (240, 320), (320, 213)])
def test_every_scene_draws_at_any_size(size):
    # The generated archive asks for small photos, where far-off figures are a pixel wide.
    from news.demo.images import ORDER, draw_scene

    for name in ORDER:
        for seed in range(25):
            Image.open(BytesIO(draw_scene(name, seed, *size))).verify()


@override_settings(DEBUG=True)
def test_crops_of_the_demo_photos_keep_the_heads():
    # A portrait photo cropped to a wide card from its centre loses the heads above it,
    # unless its focal point says where the people are.
    from wagtail.images.models import Filter
    from wagtail.images.rect import Rect

    from news.demo.images import demo_drawing

    call_command("load_demo")
    portraits = 0
    for release in NewsArticlePage.objects.filter(locale__language_code="ru"):
        for number, item in enumerate(release.gallery_items.select_related("image")):
            image = item.image
            drawing, _scene = demo_drawing(release.slug, number, image.width, image.height)
            portraits += image.height > image.width and bool(drawing.heads)
            for spec in ("fill-1200x630", "fill-480x270"):
                transform = Filter(spec).get_transform(image)
                width, height = transform.size
                for head in drawing.heads:
                    shown = Rect(*head).transform(transform)
                    assert shown.top >= -1, (image.file.name, spec)
                    assert shown.bottom <= height + 1, (image.file.name, spec)
                    assert shown.left >= -1, (image.file.name, spec)
                    assert shown.right <= width + 1, (image.file.name, spec)
    # The home page's lead story has one (yerevan-healthcare-cooperation).
    assert portraits >= 3
