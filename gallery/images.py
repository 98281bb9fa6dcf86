"""Turning an image file from outside the admin (an archive import) into a NewsImage.

The same limits as uploads apply: a whitelist of formats, a size limit and a pixel limit,
and a full decode so that truncated or disguised files are refused before they are stored.
Kept behind one function so that the upload form and the importer can share the rules.
"""

import hashlib
import os
from io import BytesIO

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import NewsImage, PhotoCredit
from .validation import web_mode_bytes

# Pillow format names; AVIF is accepted by the admin but not by imports from old sites.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def check_image_bytes(data, name=""):
    """Validate image bytes; return (Pillow format, width, height, decoded image).

    Raises ValidationError for a file an upload would refuse.
    """
    max_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if max_size is not None and len(data) > max_size:
        raise ValidationError(
            _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(len(data)), "limit": filesizeformat(max_size)}
        )
    if not data:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("%(name)s is a %(format)s file; only JPEG, PNG and WebP are accepted.")
                    % {"name": name, "format": image_format or "?"}
                )
            max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
            if max_pixels and width * height > max_pixels:
                raise ValidationError(
                    _("%(name)s has %(pixels)s pixels; the limit is %(limit)s.")
                    % {"name": name, "pixels": width * height, "limit": max_pixels}
                )
            image.verify()
        # verify() does not decode the pixels: a truncated file only fails on load().
        decoded = Image.open(BytesIO(data))
        decoded.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        raise ValidationError(_("%(name)s is not a readable image.") % {"name": name}) from None
    return image_format, width, height, decoded


def load_image_file(source, *, name=None, title="", credit="", description="", user=None):
    """Validate and store an image; return the NewsImage, reusing an identical one.

    `source` is a path or the file's bytes. Raises ValidationError for a file that an
    upload would refuse. Identical files (same SHA-1, as Wagtail records it) are stored once,
    so importing an archive again or a photo shared by both languages adds nothing.
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = name or "image"
    else:
        name = name or os.path.basename(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read()
        except OSError:
            raise ValidationError(_("%(name)s cannot be read.") % {"name": name}) from None
    image_format, _width, _height, decoded = check_image_bytes(data, name)
    # Stored as an upload would be: in a mode every rendition can be made from.
    data = web_mode_bytes(decoded) or data

    # Wagtail's own file hash is SHA-1 of the content; it is a lookup key, not a signature.
    file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = NewsImage.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return existing

    stem = os.path.splitext(os.path.basename(name))[0] or "image"
    image = NewsImage(
        title=(title or stem)[:255],
        # A typed credit names a record in the default language, translated once for all.
        credit=PhotoCredit.named(credit) if isinstance(credit, str) else credit,
        description=description[:255],
        uploaded_by_user=user,
        file=ImageFile(BytesIO(data), name=f"{stem}.{ALLOWED_FORMATS[image_format]}"),
    )
    image.file_size = len(data)
    image.file_hash = file_hash
    image.save()
    return image
