from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmbargoHold(models.Model):
    """An editor's decision that a scheduled Russian release waits for its translation.

    While it holds, the release's scheduled publication is suspended; approving the English
    translation schedules both for the embargo time, or publishes both if it has passed.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("approved version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    go_live_at = models.DateTimeField(_("embargo until"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_at = models.DateTimeField(_("held at"), auto_now_add=True)

    class Meta:
        verbose_name = _("embargo hold")
        verbose_name_plural = _("embargo holds")

    def __str__(self):
        return f"{self.page_id} → {self.go_live_at:%Y-%m-%d %H:%M}"
