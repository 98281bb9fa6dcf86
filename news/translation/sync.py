"""Bringing translations up to date with a changed source, without losing any work.

wagtail-localize keys a translation on the exact source text, so when a sentence changes
its translation no longer applies and the translator faces an empty box. Here the
previous translation is put back as a draft marked "previous translation", to be checked
against the new source, and each change is recorded for the translator's side-by-side view.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from news.models import SegmentChange
from news.translation.sources import update_source

PREVIOUS_TRANSLATION_TOOL = "previous translation"


def _segments_by_context(source):
    grouped = defaultdict(list)
    for segment in source.stringsegment_set.select_related("string", "context").order_by("order"):
        grouped[segment.context_id].append(segment)
    return grouped


def _translated_texts(source, locale_ids):
    """{(string id, context id, locale id): text} for every segment of `source`, in one query.

    Asked segment by segment, a release of 50 paragraphs cost a hundred queries per sync.
    """
    pairs = list(source.stringsegment_set.values_list("string_id", "context_id"))
    rows = StringTranslation.objects.filter(
        translation_of_id__in={string for string, _ in pairs},
        context_id__in={context for _, context in pairs},
        locale_id__in=locale_ids,
    ).values_list("translation_of_id", "context_id", "locale_id", "data")
    return {(string, context, locale): data for string, context, locale, data in rows}


def _snapshot(source, translations):
    texts = _translated_texts(source, [t.target_locale_id for t in translations])
    before = {}
    for context_id, segments in _segments_by_context(source).items():
        before[context_id] = [
            (
                segment.string.data,
                {
                    t.target_locale_id: texts.get(
                        (segment.string_id, segment.context_id, t.target_locale_id)
                    )
                    for t in translations
                },
            )
            for segment in segments
        ]
    return before


@transaction.atomic
def sync_source(source, user=None):
    """Update `source` from its page and carry translations over; return the changes."""
    translations = list(source.translations.filter(enabled=True))
    before = _snapshot(source, translations)
    update_source(source)
    translated = _translated_texts(source, [t.target_locale_id for t in translations])
    changes = []
    for context_id, segments in _segments_by_context(source).items():
        old = before.get(context_id, [])
        for position, segment in enumerate(segments):
            previous = old[position] if position < len(old) else None
            for translation in translations:
                locale_id = translation.target_locale_id
                if (segment.string_id, segment.context_id, locale_id) in translated:
                    continue  # Unchanged text keeps its translation.
                if previous is not None and previous[0] != segment.string.data:
                    old_text, old_translations = previous
                    previous_translation = old_translations.get(locale_id) or ""
                    if previous_translation:
                        StringTranslation.objects.create(
                            translation_of=segment.string,
                            locale_id=locale_id,
                            context=segment.context,
                            data=previous_translation,
                            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                            tool_name=PREVIOUS_TRANSLATION_TOOL,
                            last_translated_by=None,
                        )
                    kind, old_source = SegmentChange.CHANGED, old_text
                else:
                    kind, old_source, previous_translation = SegmentChange.NEW, "", ""
                changes.append(
                    SegmentChange.objects.create(
                        translation=translation,
                        field=segment.context.path,
                        kind=kind,
                        old_source=old_source,
                        new_source=segment.string.data,
                        previous_translation=previous_translation,
                        synced_by=user,
                    )
                )
    return changes


def find_source(page):
    """The translation source of `page`, if it has one (a page no one translates has none)."""
    return TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()


def needs_review(translation):
    """Segments of `translation` whose text is a previous translation not yet checked."""
    return _current(translation).filter(tool_name=PREVIOUS_TRANSLATION_TOOL)


def _current(translation):
    pairs = translation.source.stringsegment_set.values_list("string_id", "context_id")
    match = Q(pk__in=[])
    for string_id, context_id in pairs:
        match |= Q(translation_of_id=string_id, context_id=context_id)
    return StringTranslation.objects.filter(match, locale_id=translation.target_locale_id)


def machine_segments(translation):
    """How many segments of `translation` a machine wrote and nobody has edited since."""
    return (
        _current(translation)
        .filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
        .exclude(tool_name=PREVIOUS_TRANSLATION_TOOL)
        .count()
    )


def pending_changes(translation):
    return SegmentChange.objects.filter(translation=translation)


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
