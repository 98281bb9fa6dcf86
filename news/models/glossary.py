from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ReviewedRecord


class GlossaryTerm(ReviewedRecord):
    """An official name or term and the one English rendering the press office uses.

    Translations are checked against it, so a change is approved by an editor first.
    """

    PERSON = "person"
    TITLE = "title"
    CITY = "city"
    ORGANISATION = "organisation"
    AGREEMENT = "agreement"
    OTHER = "other"
    CATEGORY_CHOICES = [
        (PERSON, _("person")),
        (TITLE, _("title or position")),
        (CITY, _("city or place")),
        (ORGANISATION, _("organisation")),
        (AGREEMENT, _("agreement")),
        (OTHER, _("other")),
    ]

    term = models.CharField(
        _("Russian term"),
        max_length=255,
        unique=True,
        help_text=_("As it is written in Russian releases, e.g. Сергей Черёмин"),
    )
    translation = models.CharField(
        _("English rendering"),
        max_length=255,
        help_text=_("The only accepted English form, e.g. Sergei Cheremin"),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=CATEGORY_CHOICES, default=OTHER
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.translation}"
