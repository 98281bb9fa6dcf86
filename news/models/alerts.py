import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertSubscription(models.Model):
    """A reader's request for email alerts: all releases in a language, or those about one
    partner city or with one tag. No account: the token in each email confirms and cancels.
    Inactive until the reader follows the confirmation link (double opt-in)."""

    ALL = "all"
    CITY = "city"
    TAG = "tag"
    TOPICS = [(ALL, _("All releases")), (CITY, _("A partner city")), (TAG, _("A tag"))]

    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    topic = models.CharField(_("topic"), max_length=8, choices=TOPICS, default=ALL)
    # Slug of the city or tag; empty for all releases.
    value = models.CharField(_("city or tag"), max_length=100, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("email alert")
        verbose_name_plural = _("email alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "language", "topic", "value"], name="unique_alert_subscription"
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.language}, {self.topic} {self.value})".strip()


class ReleaseAlert(models.Model):
    """Marks a release (in one language) whose alert has gone out, so that re-publishing a
    corrected release does not email everyone again."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("sent release alert")
        verbose_name_plural = _("sent release alerts")

    def __str__(self):
        return f"{self.page_id}: {self.recipients}"
