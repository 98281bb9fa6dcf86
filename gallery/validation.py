"""Checks on an uploaded photo that go beyond Wagtail's own (extension, size, pixel count).

Wagtail reads only the header of an upload, so a truncated or corrupt file would pass and
fail later, on a reader's page view. Here the whole file is decoded once, after Wagtail
has checked the pixel count, so a decompression bomb is refused before it is decoded.
"""

import warnings

import willow
from PIL import Image, UnidentifiedImageError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Pillow's names for the formats a press photo may come in.
ACCEPTED_FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
if "AVIF" in Image.registered_extensions().values():
    ACCEPTED_FORMATS["AVIF"] = ("avif",)

UNREADABLE = _(
    "The file is damaged or incomplete and cannot be read as a photo. "
    "Export it again from the camera or editor and upload the new file."
)
WRONG_FORMAT = _(
    "Only JPEG, PNG, WebP and AVIF photos can be uploaded; SVG, GIF and other formats are "
    "refused. Save the photo as JPEG and upload it again."
)
EXTENSION_MISMATCH = _(
    "The file name ends in .%(extension)s but the file is a %(image_format)s image. "
    "Save the photo again in the right format and upload the new file."
)
TOO_LARGE = _("This file is too large (%(file_size)s). The limit is %(max_filesize)s.")
TOO_MANY_PIXELS = _(
    "This photo has too many pixels (%(num_pixels)s). The limit is %(max_pixels_count)s "
    "pixels: reduce the photo and upload it again."
)
EMPTY = _("The file is empty (0 bytes). Choose the photo again and upload it.")

# Our wording for the refusals that Wagtail's own image field makes first.
FIELD_MESSAGES = {
    "invalid_image": UNREADABLE,
    "invalid_image_extension": WRONG_FORMAT,
    "invalid_image_known_format": EXTENSION_MISMATCH,
    "file_too_large": TOO_LARGE,
    "file_too_many_pixels": TOO_MANY_PIXELS,
    "empty": EMPTY,
}


def accepted_extensions():
    return [ext for exts in ACCEPTED_FORMATS.values() for ext in exts]


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _detected_format(upload):
    """A lower-case format name for a file Pillow cannot open (SVG, HEIC...), or None."""
    try:
        return willow.Image.open(upload).format_name
    except Exception:  # noqa: BLE001 - any failure means "unknown"
        return None
    finally:
        upload.seek(0)


def check_photo(upload, max_pixels):
    """Raise ValidationError unless `upload` is a complete photo in an accepted format.

    Only the header is read until the pixel count is known to be within `max_pixels`;
    then the whole file is decoded once, so a cut or corrupt file is caught here.
    """
    extension = _extension(upload.name)
    if extension not in accepted_extensions():
        raise ValidationError(WRONG_FORMAT, code="photo_format")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format, image.size
                if image_format not in ACCEPTED_FORMATS or extension not in ACCEPTED_FORMATS.get(
                    image_format, ()
                ):
                    raise ValidationError(
                        EXTENSION_MISMATCH,
                        code="photo_extension",
                        params={"extension": extension, "image_format": image_format.lower()},
                    )
                if max_pixels and width * height > max_pixels:
                    raise ValidationError(
                        TOO_MANY_PIXELS,
                        code="photo_pixels",
                        params={"num_pixels": width * height, "max_pixels_count": max_pixels},
                    )
                image.verify()
            upload.seek(0)
            # verify() does not decode pixel data; load() does, and fails on a cut file.
            with Image.open(upload) as image:
                image.load()
    except ValidationError:
        raise
    except UnidentifiedImageError as exc:
        detected = _detected_format(upload)
        # A file cut inside its header still carries its format's signature: that is a
        # damaged photo of the right kind, not a format mismatch.
        if detected and extension not in ACCEPTED_FORMATS.get(detected.upper(), ()):
            raise ValidationError(
                EXTENSION_MISMATCH,
                code="photo_extension",
                params={"extension": extension, "image_format": detected},
            ) from exc
        raise ValidationError(UNREADABLE, code="photo_unreadable") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="photo_pixels",
            params={"num_pixels": _("unknown number"), "max_pixels_count": max_pixels},
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(UNREADABLE, code="photo_unreadable") from exc
    finally:
        upload.seek(0)
