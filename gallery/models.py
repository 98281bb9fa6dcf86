from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, TranslatableMixin

from .renditions import PublicFilter


class NewsImage(AbstractImage):
    """A photo from a visit or signing, with the photographer credited."""

    credit = models.CharField(_("photo credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    # Set by the admin's upload forms: the gallery sizes are prepared once the upload is
    # saved (gallery.tasks.prepare_uploaded_photo).
    prepare_renditions = False

    def generate_rendition_file(self, filter, *, source=None):
        # Every size readers get is stripped of camera metadata (see gallery.renditions).
        return super().generate_rendition_file(PublicFilter(spec=filter.spec), source=source)


class NewsRendition(AbstractRendition):
    """One size and format of a photo, made once and reused on every page view."""

    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class GalleryItem(TranslatableMixin, Orderable):
    """One photo of a release's gallery; caption and alt text are translated per language.

    Concrete galleries add the ParentalKey to the page that owns them.
    """

    image = models.ForeignKey(
        NewsImage, verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the photo shows, for readers who cannot see it"),
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
