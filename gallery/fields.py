from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images.fields import WagtailImageField

from .validation import FIELD_MESSAGES, UNREADABLE, check_photo, web_mode_bytes


class NewsImageField(WagtailImageField):
    """Wagtail's image upload field, checking the file fully before Wagtail looks at it.

    Wagtail measures a JPEG by decoding it, so its own pixel limit comes too late for a
    decompression bomb, and a truncated JPEG makes it fail with a server error. Our
    checks read the header first and decode once, within the limits. A photo whose pixels
    no output format can hold as they are (16-bit, CMYK...) is stored converted.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages.update(FIELD_MESSAGES)

    def check_image_pixel_size(self, f):
        # check_photo counted the pixels from the header already; Wagtail's own check asks
        # Willow for the size, which decodes the whole photo (twice) to learn it.
        pass

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        self.check_image_file_size(upload)
        decoded = check_photo(upload, self.max_image_pixels)
        converted = web_mode_bytes(decoded)
        if converted is not None:
            upload = SimpleUploadedFile(upload.name, converted, upload.content_type)
        try:
            return super().to_python(upload)
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ValidationError(UNREADABLE, code="photo_unreadable") from exc
        finally:
            upload.seek(0)
