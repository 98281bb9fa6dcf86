"""Hostile uploads through the admin: other formats dressed up as photos, cut files,
impossible dimensions, and random bytes. Each one is refused with a form error and leaves
nothing behind; none of them ends in a server error."""

import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from PIL import Image

from django.contrib.auth import get_user_model
from django.test import override_settings

from gallery.models import NewsImage, NewsRendition

from . import photos
from .test_uploads import add_multiple, add_single

pytestmark = pytest.mark.django_db

FORMAT = "формат"
DAMAGED = "повреждён"
PIXELS = "пикселей"


def mismatch(real):
    return f"расширение .jpg, но по содержимому это изображение {real}"


def psd(width=40, height=30):
    """A flat three-channel Photoshop file (Pillow reads PSD but cannot write it)."""
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, height, width, 8, 3)
    sections = struct.pack(">III", 0, 0, 0)  # colour mode data, resources, layers
    pixels = struct.pack(">H", 0) + bytes(3 * width * height)  # raw, not compressed
    return header + sections + pixels


def png_with_size(width, height):
    """A PNG whose header states any size, with one row of real data."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_with_size(width, height):
    """A real JPEG whose frame header is rewritten to claim another size."""
    data = bytearray(photos.jpeg(16, 16))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def webp_with_size(width, height):
    """A lossless WebP whose header claims another size (14 bits per side at most)."""
    data = bytearray(photos.encode(photos.two_colour_photo(16, 16), "WEBP", lossless=True))
    offset = data.index(b"VP8L") + 9  # after the chunk size and the 0x2f signature
    (bits,) = struct.unpack_from("<I", data, offset)
    bits = (bits & 0xF000_0000) | (width - 1) | ((height - 1) << 14)
    struct.pack_into("<I", data, offset, bits)
    return bytes(data)


# (file name, content, words of the Russian error)
HOSTILE = [
    ("layers.jpg", psd(), mismatch("psd")),
    ("scan.jpg", photos.encode(photos.two_colour_photo(40, 30), "TIFF"), mismatch("tiff")),
    ("favicon.jpg", photos.encode(photos.two_colour_photo(32, 32), "ICO"), mismatch("ico")),
    ("paint.jpg", photos.encode(photos.two_colour_photo(40, 30), "BMP"), mismatch("bmp")),
    ("animation.jpg", photos.gif(), mismatch("gif")),
    ("layers.psd", psd(), FORMAT),
    ("scan.tiff", photos.encode(photos.two_colour_photo(40, 30), "TIFF"), FORMAT),
    ("favicon.ico", photos.encode(photos.two_colour_photo(32, 32), "ICO"), FORMAT),
    ("paint.bmp", photos.encode(photos.two_colour_photo(40, 30), "BMP"), FORMAT),
    ("cut.png", photos.png(300, 200)[:300], DAMAGED),
    ("cut-early.png", photos.png(300, 200)[:40], DAMAGED),
    ("cut.webp", photos.webp(300, 200)[:200], DAMAGED),
    ("cut-header.jpg", photos.jpeg(300, 200)[:150], DAMAGED),
    ("no-end.jpg", photos.jpeg(300, 200)[:-2] + b"\x00\x00", DAMAGED),
    ("zero-width.png", png_with_size(0, 100), DAMAGED),
    ("zero-height.png", png_with_size(100, 0), DAMAGED),
    ("zero-width.jpg", jpeg_with_size(0, 100), DAMAGED),
    ("zero-both.jpg", jpeg_with_size(0, 0), DAMAGED),
    ("tall.png", png_with_size(1, 2**31 - 1), PIXELS),
    ("huge.png", png_with_size(2**31 - 1, 2**31 - 1), PIXELS),
    ("huge.jpg", jpeg_with_size(65_535, 65_535), PIXELS),
    ("wide.jpg", jpeg_with_size(65_535, 2_000), PIXELS),
    ("huge.webp", webp_with_size(16_384, 16_384), PIXELS),
]


def stored_files(root):
    return [path for path in Path(root).rglob("*") if path.is_file()]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_single_upload_is_refused(editor_client, media_root, name, content, message):
    response = add_single(editor_client, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert message in response.content.decode()
    assert not NewsImage.objects.exists()
    assert not NewsRendition.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_multiple_upload_is_refused(editor_client, media_root, name, content, message):
    response = add_multiple(editor_client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert not NewsImage.objects.exists()
    assert not NewsRendition.objects.exists()
    assert stored_files(media_root) == []


def test_the_hostile_files_are_what_they_claim():
    # Guards the fixtures: each disguised file really is the format it is refused as.
    for name, content, message in HOSTILE:
        if message and message.startswith("расширение"):
            with Image.open(photos.upload(name, content)) as image:
                assert image.format.lower() == message.rsplit(" ", 1)[-1], name


VALID_JPEG = photos.jpeg(64, 48)
VALID_PNG = photos.png(64, 48)
MAGIC = [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP"]


def mutations():
    """Valid photos cut short, with bytes overwritten or inserted, and plain noise."""
    source = st.sampled_from([("photo.jpg", VALID_JPEG), ("photo.png", VALID_PNG)])

    @st.composite
    def mutated(draw):
        name, data = draw(source)
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            position = draw(st.integers(0, len(data) - 1))
            action = draw(st.sampled_from(["flip", "insert", "cut"]))
            if action == "flip":
                data[position] = draw(st.integers(0, 255))
            elif action == "insert":
                data[position:position] = draw(st.binary(min_size=1, max_size=32))
            else:
                del data[position:]
                if not data:
                    break
        return name, bytes(data)

    noise = st.tuples(
        st.sampled_from(["photo.jpg", "photo.png", "photo.webp", "photo.avif"]),
        st.binary(max_size=2048),
    )
    headers = st.tuples(
        st.sampled_from(["photo.jpg", "photo.png", "photo.webp"]),
        st.sampled_from(
            [b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP"]
        ).flatmap(lambda magic: st.binary(max_size=512).map(lambda rest: magic + rest)),
    )
    return st.one_of(mutated(), noise, headers)


# A class: Hypothesis's Django TestCase rolls the database back after every example.
class RandomUploadTests(HypothesisTestCase):
    """Whatever the bytes, the multiple uploader answers with success or a clear refusal,
    and a refusal leaves no row and no file."""

    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")

    def setUp(self):
        self.media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.media, ignore_errors=True)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutations())
    @example(("photo.jpg", b""))
    @example(("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
    @example(("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    def test_random_bytes_never_fail_the_upload(self, upload):
        name, content = upload
        assume(content != VALID_JPEG and content != VALID_PNG)
        # Hypothesis starts each example with a fresh client.
        self.client.force_login(self.user)
        with override_settings(MEDIA_ROOT=self.media):
            response = self.client.post(
                "/admin/images/multiple/add/", {"files[]": photos.upload(name, content)}
            )
            self.assertEqual(response.status_code, 200)
            data = response.json()
            if data["success"]:
                # Decoded in full: a photo readers can be shown, whatever it looks like.
                image = NewsImage.objects.get()
                with image.open_file() as stored, Image.open(stored) as decoded:
                    decoded.load()
                image.file.delete(save=False)
                image.delete()
            else:
                self.assertTrue(data["error_message"].strip())
                self.assertFalse(NewsImage.objects.exists())
                self.assertEqual(stored_files(self.media), [])
        self.assertFalse(NewsRendition.objects.exists())
