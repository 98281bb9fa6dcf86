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

        from django.db.models.signals import post_save

        from .models import NewsImage
        from .tasks import prepare_uploaded_photo

        post_save.connect(prepare_uploaded_photo, sender=NewsImage, dispatch_uid="gallery_upload")
