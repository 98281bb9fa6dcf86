"""Checking a translation against the glossary of official names and terms."""

from django.utils.html import strip_tags

from wagtail_localize.models import StringTranslation

from news.models import GlossaryTerm
from news.text.analysis import terms as stems

# Snowball leaves some forms of one word with stems a letter or two apart ("горисполк",
# "горисполком"; "серг", "серге"), so stems that close count as the same word.
STEM_SLACK = 2


def _same_word(a, b):
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and len(long) - len(short) <= STEM_SLACK and long.startswith(short)


def _contains(text_stems, term_stems):
    """Whether the term's stems occur in the text, next to each other and in order."""
    size = len(term_stems)
    return any(
        all(map(_same_word, text_stems[start : start + size], term_stems))
        for start in range(len(text_stems) - size + 1)
    )


def _mentions(text, text_stems, phrase, phrase_stems):
    # Stems make "дорожную карту" match "дорожная карта" and "Минске" match "Минск"; a
    # phrase made only of stop words has no stems and is matched as written.
    if phrase_stems:
        return _contains(text_stems, phrase_stems)
    return phrase.casefold() in text.casefold()


def _plain(text):
    # Rich-text segments keep inline tags, which would split a term in two.
    return strip_tags(text)


def glossary_issues(translation):
    """Source segments with a glossary term whose translation lacks the official rendering.

    Both sides are compared by the search's Snowball stems, so any inflected form of a
    term counts; a miss is shown, never blocked.
    """
    glossary = [
        (term, stems(term.term), stems(term.translation)) for term in GlossaryTerm.objects.live()
    ]
    if not glossary:
        return []
    issues = []
    segments = translation.source.stringsegment_set.select_related("string", "context").order_by(
        "order"
    )
    for segment in segments:
        source_text = _plain(segment.string.data)
        source_stems = stems(source_text)
        found = [
            (term, rendering)
            for term, term_stems, rendering in glossary
            if _mentions(source_text, source_stems, term.term, term_stems)
        ]
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
        translated_text = _plain(translated or "")
        translated_stems = stems(translated_text)
        for term, rendering in found:
            if translated is None or not _mentions(
                translated_text, translated_stems, term.translation, rendering
            ):
                issues.append(
                    {
                        "term": term.term,
                        "translation": term.translation,
                        "source": segment.string.data,
                        "translated": translated or "",
                    }
                )
    return issues
