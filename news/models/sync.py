from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SegmentChange(models.Model):
    """A piece of a release's source text that changed after it had been translated.

    Shown to the translator side by side (old source, new source, previous translation)
    until the translation is approved again.
    """

    CHANGED = "changed"
    NEW = "new"
    KIND_CHOICES = [(CHANGED, _("changed")), (NEW, _("new"))]

    translation = models.ForeignKey(
        "wagtail_localize.Translation",
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    field = models.TextField(_("field"))
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    old_source = models.TextField(_("previous source text"), blank=True)
    new_source = models.TextField(_("new source text"))
    previous_translation = models.TextField(_("previous translation"), blank=True)
    synced_at = models.DateTimeField(_("synced at"), auto_now_add=True)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("synced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("source change")
        verbose_name_plural = _("source changes")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.field}: {self.new_source[:50]}"
