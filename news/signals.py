"""Keeping translations in step with their Russian source, with nothing to click, and
published releases ready to be read."""

from django.db import transaction

from wagtail.signals import page_published, workflow_approved
from wagtail_localize.models import Translation

from .models import SegmentChange
from .sync import source_for, sync_source


def sync_translations_on_publish(sender, instance, revision=None, **kwargs):
    """A published source goes straight to its translators, as a sync would."""
    source = source_for(instance)
    if source is None or not source.translations.filter(enabled=True).exists():
        return
    # The signal comes after the page row holds the published content, which is what
    # the source is read from.
    sync_source(source, user=revision.user if revision is not None else None)


def prepare_renditions_on_publish(sender, instance, **kwargs):
    """Photo sizes of a published release are made now, so its first reader does not wait."""
    from gallery.tasks import prepare_release_renditions

    from .models import NewsArticlePage

    if not isinstance(instance, NewsArticlePage):
        return
    gallery = list(instance.gallery_items.values_list("image_id", flat=True))
    body = [
        block["value"]["image"]
        for block in instance.body.raw_data
        if block["type"] == "image" and block["value"].get("image")
    ]
    if gallery or body:
        transaction.on_commit(lambda: prepare_release_renditions.enqueue(gallery, body))


def clear_changes_on_approval(sender, instance, user=None, **kwargs):
    """An approved translation has dealt with every change recorded before it."""
    page = instance.content_object
    translation_key = getattr(page, "translation_key", None)
    if translation_key is None:
        return
    translations = Translation.objects.filter(
        source__object_id=translation_key, target_locale_id=page.locale_id
    )
    SegmentChange.objects.filter(translation__in=translations).delete()


def connect():
    page_published.connect(sync_translations_on_publish, dispatch_uid="news_sync_on_publish")
    page_published.connect(prepare_renditions_on_publish, dispatch_uid="news_renditions")
    workflow_approved.connect(clear_changes_on_approval, dispatch_uid="news_clear_changes")
