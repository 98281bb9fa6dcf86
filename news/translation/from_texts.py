"""Creating translations through wagtail-localize from texts that already exist.

The demo loader and the archive importer both bring English texts that were written
outside the translation editor. Going through wagtail-localize's translation memory,
rather than copying pages by hand, keeps those pages real translations: the "Ru | En"
switch, out-of-date detection and sync work on them exactly as on editor-made ones.
"""

from django.db import transaction

from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringTranslation, Translation

from news.translation.sources import get_or_create_source, update_source


@transaction.atomic
def translate_instance(instance, locale, translate, user=None, publish=True):
    """Create or update the translation of `instance` into `locale`.

    `translate(source_text)` returns the translated text of one segment, or None to keep
    the source text (slugs, untranslated names).
    """
    source, created = get_or_create_source(instance)
    if not created:
        update_source(source)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = translate(segment.string.data)
        if text is None:
            text = segment.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
                "has_error": False,
            },
        )
    # wagtail-localize would publish when the outermost transaction commits, with a page
    # object that is stale by then; publishing here keeps the tree and the caller in step.
    drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=not drafts)
    target = translation.get_target_instance()
    if drafts and publish:
        target.get_latest_revision().publish(user=user, skip_permission_checks=True)
        target.refresh_from_db()
    return target
