"""Uploads through the admin: good photos are stored, bad files are refused cleanly."""

import pytest
from PIL import Image

from django.test import override_settings

from gallery.models import NewsImage, PhotoCredit

from . import photos

pytestmark = pytest.mark.django_db

SINGLE = "/admin/images/add/"
MULTIPLE = "/admin/images/multiple/add/"


def add_single(client, name, content, title="Визит делегации"):
    return client.post(SINGLE, {"title": title, "file": photos.upload(name, content)})


def add_multiple(client, name, content):
    return client.post(MULTIPLE, {"files[]": photos.upload(name, content)})


ACCEPTED = [
    ("visit.jpg", photos.jpeg),
    ("visit.jpeg", photos.jpeg),
    ("signing.png", photos.png),
    ("forum.webp", photos.webp),
]
if photos.AVIF:
    ACCEPTED.append(("forum.avif", photos.avif))


@pytest.mark.parametrize(("name", "make"), ACCEPTED)
def test_accepted_formats_are_stored(editor_client, stored, name, make):
    response = add_multiple(editor_client, name, make())
    assert response.json()["success"] is True
    image = NewsImage.objects.get()
    assert image.file.name in stored()
    assert (image.width, image.height) == Image.open(image.file).size


# (file name, content, words of the Russian error the editor must see)
REFUSED = [
    ("empty.jpg", b"", "пуст"),
    ("drawing.svg", photos.SVG, "формат"),
    ("drawing.png", photos.SVG, "расширение .png, но по содержимому это изображение svg"),
    ("animation.gif", photos.gif(), "формат"),
    ("truncated.jpg", photos.jpeg(600, 400)[:2000], "повреждён"),
    ("corrupt.jpg", b"\xff\xd8\xff\xe0" + b"\x13\x37" * 500, "повреждён"),
    ("text.jpg", b"Protocol of the meeting\n" * 40, "повреждён"),
    ("photo.jpg", photos.png(), "расширение .jpg, но по содержимому это изображение png"),
    ("photo.png", photos.jpeg(), "расширение .png, но по содержимому это изображение jpeg"),
    ("bomb.png", photos.png_bomb(), "пикселей"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_bad_single_upload_is_refused_leaving_nothing(
    editor_client, stored, name, content, message
):
    response = add_single(editor_client, name, content)
    assert response.status_code == 200  # the form again, not a redirect and not a 500
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()
    assert not NewsImage.objects.exists()
    assert stored() == []


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_bad_multiple_upload_is_refused_leaving_nothing(
    editor_client, stored, name, content, message
):
    response = add_multiple(editor_client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert not NewsImage.objects.exists()
    assert stored() == []


def test_too_large_file_is_refused(editor_client, stored):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=10_000):
        data = add_multiple(editor_client, "big.jpg", photos.jpeg(1200, 900)).json()
    assert data["success"] is False
    assert "Файл слишком большой" in data["error_message"]
    assert stored() == []


def test_pixel_limit_comes_from_settings(editor_client, stored):
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=300 * 200 - 1):
        data = add_multiple(editor_client, "visit.jpg", photos.jpeg(300, 200)).json()
    assert data["success"] is False
    assert "пикселей" in data["error_message"]
    assert not NewsImage.objects.exists()
    assert stored() == []


def test_errors_follow_the_editors_language(english_editor_client, stored):
    data = add_multiple(english_editor_client, "truncated.jpg", photos.jpeg(600, 400)[:2000])
    assert "damaged or incomplete" in data.json()["error_message"]
    response = add_single(english_editor_client, "photo.jpg", photos.png())
    assert "The file name ends in .jpg but the file is a png image" in response.content.decode()
    assert stored() == []


def test_editing_title_keeps_the_stored_photo(editor_client, stored):
    assert add_multiple(editor_client, "visit.jpg", photos.jpeg()).json()["success"]
    image = NewsImage.objects.get()
    credit = PhotoCredit.named("Иван Петров")
    response = editor_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Новое название", "credit": credit.pk, "collection": image.collection_id},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.credit) == ("Новое название", credit)
    assert stored() == [image.file.name]
