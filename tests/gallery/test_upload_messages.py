"""Upload refusals name the real reason; a valid animated PNG is accepted as a PNG."""

from io import BytesIO

import pytest
from PIL import Image

from gallery.models import NewsImage

from . import photos

pytestmark = pytest.mark.django_db


def apng():
    colours = ((200, 0, 0, 255), (0, 0, 200, 255))
    frames = [Image.new("RGBA", (40, 30), colour) for colour in colours]
    out = BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def test_animated_png_is_accepted_as_its_first_frame(english_editor_client, client, site_tree):
    response = english_editor_client.post(
        "/admin/images/multiple/add/", {"files[]": photos.upload("banner.png", apng())}
    )
    assert response.json()["success"] is True, response.json()
    image = NewsImage.objects.get()
    with image.open_file() as stored, Image.open(stored) as still:
        assert still.format == "PNG"
        assert not getattr(still, "is_animated", False)
        assert still.convert("RGB").getpixel((5, 5)) == (200, 0, 0)
    assert (image.width, image.height) == (40, 30)


def test_single_upload_of_animated_png(english_editor_client, stored):
    response = english_editor_client.post(
        "/admin/images/add/", {"title": "Баннер", "file": photos.upload("banner.png", apng())}
    )
    assert response.status_code == 302
    assert NewsImage.objects.get().file.name in stored()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        # Still the right reasons for files that are what they seem.
        ("drawing.png", photos.SVG, "the file is a svg image"),
        ("truncated.jpg", photos.jpeg(600, 400)[:2000], "damaged or incomplete"),
        ("photo.jpg", photos.png(), "the file is a png image"),
    ],
)
def test_other_refusals_keep_their_reason(english_editor_client, name, content, words):
    data = english_editor_client.post(
        "/admin/images/multiple/add/", {"files[]": photos.upload(name, content)}
    ).json()
    assert data["success"] is False
    assert words in data["error_message"]
