from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Photos and galleries")

    def ready(self):
        from PIL import Image

        from django.conf import settings

        # Pillow refuses to decode beyond twice this anywhere, not only in upload forms.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
