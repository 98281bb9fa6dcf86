import logging
import os

from PIL import Image as PillowImage

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Filter,
    Image,
    SourceImageIOError,
    WagtailImageFieldFile,
)
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index

from core.models import ApprovedRecord

from .renditions import PublicFilter


class PhotoCredit(index.Indexed, ApprovedRecord):
    """Who a photo is credited to ("Press office", a photographer, an agency): chosen on
    the photo, translated once and shown in the reader's language under every photo."""

    name = models.CharField(_("photo credit"), max_length=255)

    panels = [FieldPanel("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("photo credit")
        verbose_name_plural = _("photo credits")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="unique_credit_per_locale")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def named(cls, name, locale=None):
        """The credit called `name` in `locale` (the default language), made if new."""
        name = name.strip()[:255]
        if not name:
            return None
        locale = locale or Locale.get_default()
        credit, _created = cls.objects.get_or_create(name=name, locale=locale)
        return credit

    @classmethod
    def name_in(cls, locale_id, credit="image__credit"):
        """The name of the credit at `credit` (a path from the outer row) in the language
        `locale_id`, or None: for an annotation, so a gallery costs no extra query."""
        versions = cls.objects.live().filter(
            translation_key=OuterRef(f"{credit}__translation_key"), locale_id=locale_id
        )
        return Subquery(versions.values("name")[:1])

    @classmethod
    def shown(cls, credit, translated_name, locale_id):
        """What a page in `locale_id` shows for `credit`, given its `name_in` annotation:
        the translation, else the record itself with `lang` naming its language; nothing
        for a credit an editor has not approved yet."""
        if credit is None or not credit.live:
            return None
        if translated_name is not None:
            shown = cls(name=translated_name, locale_id=locale_id)
            shown.lang = ""
            return shown
        credit.lang = credit.locale.language_code
        return credit

    @classmethod
    def localize(cls, credits, locale_id):
        """`credits` in the language `locale_id`, each the record itself when untranslated,
        with `lang` set to the language code of a credit left in another language."""
        credits = [credit for credit in credits if credit is not None and credit.live]
        keys = {c.translation_key for c in credits if c.locale_id != locale_id}
        versions = {}
        if keys:
            versions = {
                c.translation_key: c
                for c in cls.objects.live().filter(translation_key__in=keys, locale_id=locale_id)
            }
        shown = {}
        for credit in credits:
            version = versions.get(credit.translation_key, credit)
            # Untranslated credits come with their locale (see with_gallery_renditions).
            version.lang = "" if version.locale_id == locale_id else version.locale.language_code
            shown[credit.pk] = version
        return shown


class NewsImage(AbstractImage):
    """A photo from a visit or signing, with the photographer credited."""

    credit = models.ForeignKey(
        PhotoCredit,
        verbose_name=_("photo credit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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

    # A lost original (a restore that missed files, a bucket emptied by hand) must not take
    # down every page showing the photo: sizes made before are used instead, and when there
    # are none Wagtail's own placeholder (no file, 0×0) is returned, as its image tag does.
    # `manage.py check_media` lists such photos.

    def get_rendition(self, filter):
        try:
            return super().get_rendition(filter)
        except SourceImageIOError as exc:
            return self._without_original([filter], exc)[_spec(filter)]

    def get_renditions(self, *filters):
        try:
            return super().get_renditions(*filters)
        except SourceImageIOError as exc:
            return self._without_original(filters, exc)

    def _without_original(self, filters, exc):
        logger.error(
            "Photo %s (%s): the original file cannot be read (%s); "
            "sizes made before are shown instead.",
            self.pk,
            self.file.name,
            exc,
        )
        filters = [Filter(spec=f) if isinstance(f, str) else f for f in filters]
        found = {f.spec: r for f, r in self.find_existing_renditions(*filters).items()}
        made = sorted(self.renditions.all(), key=lambda r: r.width, reverse=True)
        result = {}
        for filter in filters:
            rendition = found.get(filter.spec) or _same_format(made, filter.spec)
            if rendition is None:
                rendition = self.get_rendition_model()(
                    image=self, filter_spec=filter.spec, width=0, height=0
                )
                rendition.file.name = "not-found"
            result[filter.spec] = rendition
        return result


logger = logging.getLogger(__name__)

OUTPUT_EXTENSIONS = {"jpeg": (".jpg", ".jpeg"), "webp": (".webp",), "avif": (".avif",)}


def _spec(filter):
    return filter if isinstance(filter, str) else filter.spec


def _same_format(renditions, spec):
    """The largest of `renditions` in the format `spec` asks for, or the largest at all."""
    wanted = next((part[7:] for part in spec.split("|") if part.startswith("format-")), None)
    extensions = OUTPUT_EXTENSIONS.get(wanted, ())
    for rendition in renditions:
        if os.path.splitext(rendition.file.name)[1].lower() in extensions:
            return rendition
    return renditions[0] if renditions and not extensions else None


class HeaderSizedFile(WagtailImageFieldFile):
    """Reads a photo's width and height from its header.

    Wagtail asks Willow, which decodes the whole photo for it, and Django asks again each
    time the file is assigned or saved: for a large PNG that is seconds and gigabytes.
    """

    def get_image_dimensions(self):
        close = self.closed
        try:
            self.open()
            self.seek(0)
            with PillowImage.open(self) as image:
                return image.size
        except (OSError, SyntaxError, ValueError):
            return super().get_image_dimensions()
        finally:
            if close:
                self.close()
            else:
                self.seek(0)


# Only the file's Python wrapper changes: the column and the migrations stay the same.
NewsImage._meta.get_field("file").attr_class = HeaderSizedFile


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
