"""Email alerts: confirmation messages and one message per subscriber for each new release.

Messages are sent by background tasks (django-tasks, run by the Procfile's worker), never
inside the editor's publish request.
"""

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.public_urls import public_url
from news.models import AlertSubscription, NewsArticlePage, PartnerCity, ReleaseAlert


def absolute(path):
    return public_url(path)


def _unsubscribe_url(subscription):
    with translation.override(subscription.language):
        return absolute(reverse("alerts_unsubscribe", args=[subscription.token]))


def _message(subscription, subject, template, context):
    unsubscribe = _unsubscribe_url(subscription)
    context = {**context, "subscription": subscription, "unsubscribe_url": unsubscribe}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(template, context),
        to=[subscription.email],
        headers={
            # One click in the mail client (RFC 8058) cancels the alert.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


@task(backend=settings.WORKER_TASK_BACKEND)
def send_confirmation(subscription_id):
    subscription = AlertSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.confirmed_at:
        return
    with translation.override(subscription.language):
        confirm = absolute(reverse("alerts_confirm", args=[subscription.token]))
        message = _message(
            subscription,
            translation.gettext("Confirm your subscription to press releases"),
            "news/alerts/email_confirm.txt",
            {"confirm_url": confirm, "topic": topic_label(subscription)},
        )
    message.send()


@task(backend=settings.WORKER_TASK_BACKEND)
def send_release_alerts(page_id):
    """Email the subscribers of the release's language, city and tags, once per release."""
    page = NewsArticlePage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return 0
    with transaction.atomic():
        alert, created = ReleaseAlert.objects.get_or_create(page_id=page.pk)
        if not created:
            return 0
        subscriptions = subscribers_of(page)
        language = page.locale.language_code
        with translation.override(language):
            url = absolute(page.get_url())
            messages = [
                _message(
                    subscription,
                    page.title,
                    "news/alerts/email_release.txt",
                    {"page": page, "url": url, "topic": topic_label(subscription)},
                )
                for subscription in subscriptions
            ]
        with get_connection() as connection:
            connection.send_messages(messages)
        alert.recipients = len(messages)
        alert.save(update_fields=["recipients"])
    return len(messages)


def subscribers_of(page):
    """Confirmed subscriptions that match the release, at most one per email address."""
    matches = Q(topic=AlertSubscription.ALL)
    cities = [city.slug for city in page.partner_cities.all()]
    tags = list(page.tags.values_list("slug", flat=True))
    if cities:
        matches |= Q(topic=AlertSubscription.CITY, value__in=cities)
    if tags:
        matches |= Q(topic=AlertSubscription.TAG, value__in=tags)
    chosen = {}
    for subscription in AlertSubscription.objects.filter(
        matches, language=page.locale.language_code, confirmed_at__isnull=False
    ).order_by("topic", "pk"):
        chosen.setdefault(subscription.email.lower(), subscription)
    return list(chosen.values())


def topic_label(subscription):
    if subscription.topic == AlertSubscription.CITY:
        city = (
            PartnerCity.objects.live()
            .filter(slug=subscription.value, locale__language_code=subscription.language)
            .first()
            or PartnerCity.objects.live().filter(slug=subscription.value).first()
        )
        name = city.name if city else subscription.value
        return translation.gettext("releases about %(city)s") % {"city": name}
    if subscription.topic == AlertSubscription.TAG:
        # A tag's name only once a public release carries it: never a draft's.
        tags = NewsArticlePage.objects.public_tags(subscription.language)
        tag = tags.filter(slug=subscription.value).first()
        name = tag.name if tag else subscription.value
        return translation.gettext("releases tagged “%(tag)s”") % {"tag": name}
    return translation.gettext("all releases")
