from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


class LiveQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class PartnerCity(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A city the department works with; translated once and reused by every release.

    Its name shows on every release that names it, so a change goes through the editors'
    approval like a release: the row holds the approved text, drafts live in revisions.
    """

    name = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Latin letters for the city's address, e.g. minsk"),
    )

    objects = LiveQuerySet.as_manager()

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="partner_city",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="partner_city",
        for_concrete_model=False,
    )

    panels = [FieldPanel("name"), FieldPanel("country"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug names the city in both languages' addresses.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_city_slug_per_locale")
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"
