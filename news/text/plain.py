"""Plain text of a release for indexing, snippets and highlighting."""

import re

from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

from news.text.analysis import clean, term, words

SNIPPET_WORDS = 30
# Where rich text starts a new line for the reader: stripped of its tags, the words on
# either side would otherwise run together ("Минска.Также").
BLOCK_BOUNDARY_RE = re.compile(
    r"(<(?:/?(?:p|div|h[1-6]|li|ul|ol|blockquote|figure|figcaption|tr|td|th)|br|hr)\b[^>]*>)",
    re.IGNORECASE,
)


def rich_text_plain(html):
    """The words of a rich text, with a space wherever a paragraph, line or item ends."""
    return strip_tags(BLOCK_BOUNDARY_RE.sub(r" \1", html))


def body_text(page):
    """The readable text of a release body: paragraphs, headings, quotes and captions.

    Read from the body's stored form: going through its blocks would fetch every photo and
    document the body shows, one query per release of a results page, for text that is
    all in the stored form already.
    """
    parts = []
    for block in page.body.raw_data if page.body else []:
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "paragraph":
            parts.append(rich_text_plain(value) if isinstance(value, str) else "")
        elif kind == "heading":
            parts.append(value.get("text") or "")
        elif kind == "quote":
            parts.extend(value.get(key) or "" for key in ("text", "speaker", "role"))
        elif kind == "image":
            parts.append(value.get("caption") or "")
        elif kind == "document":
            parts.append(value.get("title") or "")
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def highlight(text, query_terms):
    """`text` escaped, with every word whose term is in `query_terms` inside <mark>."""
    text = clean(text)
    wanted = set(query_terms)
    out, last = [], 0
    for start, end, word in words(text):
        if term(word) in wanted:
            out.append(conditional_escape(text[last:start]))
            out.append(mark_safe(f"<mark>{conditional_escape(word)}</mark>"))  # noqa: S308
            last = end
    out.append(conditional_escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308


def snippet(texts, query_terms, size=SNIPPET_WORDS):
    """The stretch of `texts` (lead first) with the most matched words, highlighted."""
    wanted = set(query_terms)
    best, best_hits = None, -1
    for text in texts:
        text = clean(text)
        found = list(words(text))
        if not found:
            continue
        hits = [i for i, (_s, _e, w) in enumerate(found) if term(w) in wanted]
        if not hits:
            if best is None:
                best, best_hits = (text, found, 0), 0
            continue
        # The window starting a few words before the densest run of matches.
        start_index = max(
            range(len(hits)),
            key=lambda i: sum(1 for h in hits[i:] if h < hits[i] + size),
        )
        first = max(hits[start_index] - 5, 0)
        count = sum(1 for h in hits if first <= h < first + size)
        if count > best_hits:
            best, best_hits = (text, found, first), count
    if best is None:
        return ""
    text, found, first = best
    last = min(first + size, len(found)) - 1
    piece = text[found[first][0] : found[last][1]]
    prefix = "… " if first > 0 else ""
    suffix = " …" if last < len(found) - 1 else ""
    return mark_safe(  # noqa: S308
        conditional_escape(prefix) + highlight(piece, wanted) + conditional_escape(suffix)
    )
