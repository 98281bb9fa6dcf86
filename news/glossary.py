"""Checking a translation against the glossary of official names and terms."""

from wagtail_localize.models import StringTranslation

from .models import GlossaryTerm


def glossary_issues(translation):
    """Source segments with a glossary term whose translation lacks the official rendering.

    A plain case-insensitive match: Russian endings vary, so the glossary should hold the
    form releases use (usually the nominative); a miss is shown, never blocked.
    """
    terms = list(GlossaryTerm.objects.all())
    if not terms:
        return []
    issues = []
    segments = translation.source.stringsegment_set.select_related("string", "context").order_by(
        "order"
    )
    for segment in segments:
        source_text = segment.string.data.casefold()
        found = [term for term in terms if term.term.casefold() in source_text]
        if not found:
            continue
        translated = (
            StringTranslation.objects.filter(
                translation_of_id=segment.string_id,
                locale_id=translation.target_locale_id,
                context_id=segment.context_id,
            )
            .values_list("data", flat=True)
            .first()
        )
        for term in found:
            if translated is None or term.translation.casefold() not in translated.casefold():
                issues.append(
                    {
                        "term": term.term,
                        "translation": term.translation,
                        "source": segment.string.data,
                        "translated": translated or "",
                    }
                )
    return issues
