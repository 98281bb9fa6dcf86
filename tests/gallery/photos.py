"""Photo files made on the fly for the gallery tests, good and bad."""

import struct
import zlib
from io import BytesIO

from PIL import ExifTags, Image, features

from django.core.files.uploadedfile import SimpleUploadedFile

AVIF = features.check("avif")

GPS = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 0.0)}


def encode(image, fmt, **options):
    out = BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def two_colour_photo(width=300, height=200):
    """Left half red, right half blue: shows which way a photo was turned."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    return image


def jpeg(width=300, height=200, **options):
    return encode(two_colour_photo(width, height), "JPEG", quality=90, **options)


def camera_jpeg():
    """A phone photo: turned by EXIF, with GPS position, camera serial and a comment."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # display turned 90° clockwise
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.BodySerialNumber] = "SN-0042"
    exif[ExifTags.IFD.GPSInfo] = GPS
    return jpeg(300, 200, exif=exif, comment=b"Home of the photographer")


def png(width=120, height=80):
    return encode(two_colour_photo(width, height), "PNG")


def webp(width=120, height=80):
    return encode(two_colour_photo(width, height), "WEBP")


def avif(width=120, height=80):
    return encode(two_colour_photo(width, height), "AVIF")


def gif():
    return encode(two_colour_photo(60, 40), "GIF")


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)


def png_bomb(width=30_000, height=30_000):
    """A PNG whose header claims a huge canvas; the file itself is a few hundred bytes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
