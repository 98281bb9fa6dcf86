"""Checks on an uploaded photo that go beyond Wagtail's own (extension, size, pixel count).

Wagtail reads only the header of an upload, so a truncated or corrupt file would pass and
fail later, on a reader's page view. Here the whole file is decoded once, after Wagtail
has checked the pixel count, so a decompression bomb is refused before it is decoded.
"""

import re
import warnings
from io import BytesIO

import filetype
from PIL import Image, ImageCms, UnidentifiedImageError

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
HTML_PAGE = _(
    "This file is a web page (HTML), not an image, although its name ends in "
    ".%(extension)s. Choose the photo itself and upload it."
)

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


# Tags that only a web page starts with; an SVG drawing may contain <script> too.
HTML_TAG = re.compile(rb"<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
SVG_TAG = re.compile(rb"<svg\b", re.IGNORECASE)


def _detected_format(upload):
    """A lower-case format name for a file Pillow cannot open (svg, html, heic...), or None.

    Willow takes any file with a line starting with "<" for SVG; a web page is told apart
    here, so the editor is told what the file really is.
    """
    upload.seek(0)
    try:
        head = upload.read(8192)
    finally:
        upload.seek(0)
    # filetype reads binary signatures only (HEIC, TIFF, PDF...); text is looked at below.
    guessed = filetype.guess_extension(head)
    if guessed:
        return {"jpg": "jpeg", "apng": "png"}.get(guessed, guessed)
    if HTML_TAG.search(head):
        return "html"
    if SVG_TAG.search(head):
        return "svg"
    return None


def check_photo(upload, max_pixels):
    """Return `upload` decoded, or raise ValidationError unless it is a complete photo.

    Only the header is read until the pixel count is known to be within `max_pixels`;
    then the whole file is decoded once, so a cut or corrupt file is caught here. The
    decoded image is returned so that nothing has to decode it again.
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
            decoded = Image.open(upload)
            decoded.load()
            return decoded
    except ValidationError:
        raise
    except UnidentifiedImageError as exc:
        detected = _detected_format(upload)
        if detected == "html":
            raise ValidationError(
                HTML_PAGE, code="photo_html", params={"extension": extension}
            ) from exc
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


# Modes that JPEG, WebP and AVIF all write as they are. Anything else (16-bit grey, CMYK,
# palettes, grey with alpha...) is converted once at upload, not on every rendition.
WEB_MODES = {"L", "RGB", "RGBA"}
# What each accepted format is saved with when a photo has to be re-encoded.
SAVE_OPTIONS = {"JPEG": {"quality": 95}, "WEBP": {"lossless": True}, "AVIF": {"quality": 90}}


def _high_bit_depth_to_grey(image):
    # Pillow's own conversion to L clips every value above 255 to white; scale instead.
    if image.mode == "F":
        low, high = image.getextrema()
        scale = 255.0 if high <= 1.0 else (255.0 / 65535 if high > 255 else 1.0)
        return image.point(lambda v: v * scale).convert("L")
    wide = image.convert("I")
    _low, high = wide.getextrema()
    return wide.point(lambda v: v * (1 / 256)).convert("L") if high > 255 else wide.convert("L")


def web_mode(image):
    """`image` in L, RGB or RGBA, keeping what it shows (alpha, tones, colours)."""
    mode = image.mode
    if mode in WEB_MODES:
        return image
    if mode.startswith("I") or mode == "F":
        return _high_bit_depth_to_grey(image)
    icc_profile = image.info.get("icc_profile")
    if mode == "CMYK" and icc_profile:
        # The photo's own profile says what its inks look like; a naive conversion does not.
        try:
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(BytesIO(icc_profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError):
            pass
    if image.has_transparency_data:
        return image.convert("RGBA")
    return image.convert("L" if mode in ("1", "LA") else "RGB")


def web_mode_bytes(image):
    """The file re-encoded as a still photo in a web mode, or None if `image` already is one.

    An animated PNG is kept as its first frame, which is all a rendition shows; Wagtail
    cannot read APNG files at all.
    """
    converted = web_mode(image)
    if converted is image and not getattr(image, "is_animated", False):
        return None
    options = dict(SAVE_OPTIONS.get(image.format, {}))
    if "exif" in image.info:
        options["exif"] = image.info["exif"]  # keeps the orientation
    if image.info.get("icc_profile") and image.mode != "CMYK" and converted.mode != "L":
        options["icc_profile"] = image.info["icc_profile"]
    out = BytesIO()
    converted.save(out, image.format, **options)
    return out.getvalue()
