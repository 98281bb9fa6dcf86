from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """A release brought in from the old site's archive, remembered by its old id.

    Lets an import be run again safely: unchanged records are skipped, changed ones
    update their page, and an interrupted import resumes where it stopped.
    """

    old_id = models.CharField(_("id on the old site"), max_length=100, unique=True)
    language = models.CharField(_("language"), max_length=10)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_hash = models.CharField(_("content fingerprint"), max_length=64)
    source = models.CharField(_("export file and line"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")

    def __str__(self):
        return f"{self.old_id} ({self.language})"
