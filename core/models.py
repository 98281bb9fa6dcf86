from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

# How long the settings are kept in the cache (Redis in production, shared by every
# process): saving them forgets the kept copy at once; this only bounds a lost deletion.
CACHE_SECONDS = 300


# Site settings are one row per Site, not translatable objects: the words readers see are
# kept once per language instead, and the page's language picks them.
@register_setting(icon="site")
class PressOffice(BaseSiteSetting):
    """Who publishes the site: the emblem and name in every page's header, and the press
    contacts that releases and the home page give to journalists."""

    emblem = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "At least 96 pixels high, on a white or transparent background. Without one, "
            "the site's own emblem is shown."
        ),
    )
    department_name_ru = models.CharField(
        _("department name (Russian)"),
        max_length=150,
        default="Департамент международных связей",
    )
    department_name_en = models.CharField(
        _("department name (English)"),
        max_length=150,
        default="International Relations Department",
    )
    contact_name_ru = models.CharField(
        _("press contact (Russian)"),
        max_length=150,
        blank=True,
        default="Пресс-служба департамента",
    )
    contact_name_en = models.CharField(
        _("press contact (English)"),
        max_length=150,
        blank=True,
        default="Press office of the department",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, default="+7 000 000-00-00")
    email = models.EmailField(_("email"), blank=True, default="press@example.org")
    address_ru = models.CharField(
        _("address (Russian)"), max_length=250, blank=True, default="ул. Примерная, д. 1"
    )
    address_en = models.CharField(
        _("address (English)"), max_length=250, blank=True, default="1 Primernaya Street"
    )

    select_related = ["emblem"]

    panels = [
        FieldPanel("emblem"),
        MultiFieldPanel(
            [FieldPanel("department_name_ru"), FieldPanel("department_name_en")],
            heading=_("Department"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name_ru"),
                FieldPanel("contact_name_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address_ru"),
                FieldPanel("address_en"),
            ],
            heading=_("Press contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("press office")
        verbose_name_plural = _("press office")

    @classmethod
    def cached(cls, site):
        """The settings of `site`, read from the database once per CACHE_SECONDS at most:
        every public page shows them. Saving them forgets the kept copy."""
        key = cls._cache_key(site.pk)
        office = cache.get(key)
        if office is None:
            # Read without creating: Wagtail's for_site() would save a row on first view,
            # and that save empties every cached page of the site.
            office = cls.objects.select_related(*cls.select_related).filter(
                site=site
            ).first() or cls(site=site)
            cache.set(key, office, CACHE_SECONDS)
        return office

    @staticmethod
    def _cache_key(site_id):
        return f"newsroom:press-office:{site_id}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self._cache_key(self.site_id))

    def delete(self, *args, **kwargs):
        cache.delete(self._cache_key(self.site_id))
        return super().delete(*args, **kwargs)

    def _in_language(self, name):
        # The reader's language, else Russian, the language every release is written in.
        language = (get_language() or "ru").split("-")[0]
        return getattr(self, f"{name}_{language}", "") or getattr(self, f"{name}_ru")

    @property
    def department_name(self):
        return self._in_language("department_name")

    @property
    def contact_name(self):
        return self._in_language("contact_name")

    @property
    def address(self):
        return self._in_language("address")

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def has_contacts(self):
        return any((self.contact_name, self.phone, self.email, self.address))

    @property
    def phone_link(self):
        """The phone number as a tel: address (digits and a leading +)."""
        digits = "".join(c for c in self.phone if c.isdigit())
        return f"tel:+{digits}" if self.phone.strip().startswith("+") else f"tel:{digits}"


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ReviewedRecord(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A record whose changes go through the editors' approval like a release: the row
    holds the approved text, drafts live in revisions, and readers only ever see rows that
    are live."""

    objects = LiveQuerySet.as_manager()

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True


class ApprovedRecord(ReviewedRecord, TranslatableMixin):
    """A translated record that many pages show (a partner city, a tag, a photo credit):
    one change reaches every page that names it."""

    class Meta(TranslatableMixin.Meta):
        abstract = True
