"""Subscribing to and leaving email alerts: no account, double opt-in, one-click leave."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.validators import slug_unicode_re
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from news.alerts.tasks import send_confirmation
from news.alerts.throttle import limit_mail
from news.models import AlertSubscription, NewsArticlePage, PartnerCity


def confirmation_window():
    # While an address has an unconfirmed request this recent, no further confirmation is
    # sent to it: the form cannot be used to flood someone's mailbox.
    return timedelta(hours=settings.ALERT_CONFIRMATION_WINDOW_HOURS)


class TopicField(forms.ChoiceField):
    """The offered topics, or any well-formed tag.

    A tag may be chosen before its first public release (say, from an old link). Refusing
    the tags that are not offered would tell a tag only a draft carries from one nobody
    uses; accepting every well-formed tag alike tells nothing.
    """

    def valid_value(self, value):
        topic, _sep, slug = str(value).partition(":")
        if topic == AlertSubscription.TAG and slug_unicode_re.fullmatch(slug):
            return len(slug) <= AlertSubscription._meta.get_field("value").max_length
        return super().valid_value(value)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, e.g. name@example.org."),
        },
    )
    choice = TopicField(label=_("What would you like to receive?"))

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        cities = PartnerCity.objects.live().filter(locale__language_code=language).order_by("name")
        # Tags come from live, public releases: a draft's new tag must not show here.
        tags = NewsArticlePage.objects.public_tags(language).order_by("name")
        self.fields["choice"].choices = [
            ("all:", _("All releases")),
            (_("About a partner city"), [(f"city:{c.slug}", c.name) for c in cities]),
            (_("With a tag"), [(f"tag:{t.slug}", t.name) for t in tags]),
        ]
        self.fields["choice"].error_messages["invalid_choice"] = _(
            "Please choose what you would like to receive."
        )


@require_http_methods(["GET", "POST"])
@limit_mail("alerts-subscribe")
def subscribe(request):
    language = get_language()
    form = SubscribeForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        topic, _sep, value = form.cleaned_data["choice"].partition(":")
        email = form.cleaned_data["email"].strip().lower()
        # The same answer whether or not the address was known or a message was sent:
        # nothing leaks.
        answer = render(request, "news/alerts/check_email.html", {"email": email})
        now = timezone.now()
        since = now - confirmation_window()
        pending = AlertSubscription.objects.filter(
            email=email, confirmed_at__isnull=True, created_at__gte=since
        )
        if pending.exists():
            return answer
        try:
            subscription, created = AlertSubscription.objects.get_or_create(
                email=email, language=language, topic=topic, value=value
            )
        except IntegrityError:  # the same request twice at once
            subscription = AlertSubscription.objects.get(
                email=email, language=language, topic=topic, value=value
            )
            created = False
        # An older unconfirmed request asked again moves its created_at to now, so the
        # window starts over; only the request that moves it sends, even when several
        # arrive at once. A confirmed subscription is not asked again.
        renewed = AlertSubscription.objects.filter(
            pk=subscription.pk, confirmed_at__isnull=True, created_at__lt=since
        ).update(created_at=now)
        if created or renewed:
            send_confirmation.enqueue(subscription.pk)
        return answer
    return render(request, "news/alerts/subscribe.html", {"form": form})


@never_cache
@require_http_methods(["GET"])
def confirm(request, token):
    subscription = get_object_or_404(AlertSubscription, token=token)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return render(request, "news/alerts/confirmed.html", {"subscription": subscription})


# The token in the address is the credential; mail clients post here without a form
# (RFC 8058 one-click unsubscribe), so there is no CSRF token to check.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = AlertSubscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return render(request, "news/alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "news/alerts/unsubscribed.html")
    return render(request, "news/alerts/unsubscribe.html", {"subscription": subscription})
