"""The one rule for a page's or record's address: Latin letters, digits and hyphens.

A Russian title is transliterated by anyascii (already installed with Wagtail), so "Москва
и Минск: 2024–2026" becomes "moskva-i-minsk-2024-2026". The importer and any code that
makes an address call `slug_for`; the admin's slug fields (`SlugInput`) apply the same
table in the browser, before Wagtail's own clean-up, so what a press officer sees while
typing a title is what an import of that title would give.
"""

import json
import re

from anyascii import anyascii

from django.utils.text import slugify

from wagtail.admin.widgets import SlugInput as WagtailSlugInput

# Long enough for a title's main words, short enough to read and share.
SLUG_LENGTH = 80

# Characters the browser is taught to write as anyascii does: Latin with accents,
# Greek, Cyrillic, and the punctuation, currency and letter-like signs titles carry.
TRANSLITERATED = [
    (0x00A0, 0x024F),
    (0x0370, 0x03FF),
    (0x0400, 0x052F),
    (0x2000, 0x206F),
    (0x20A0, 0x20C0),
    (0x2100, 0x214F),
    (0x2212, 0x2212),
]


def slug_for(text, limit=SLUG_LENGTH):
    """The address for `text`: transliterated, lower case, hyphenated, at most `limit` long."""
    return slugify(anyascii(text or "")).strip("-_")[:limit].strip("-")


def _ascii_part(character):
    return re.sub(r"[^\w\s-]", "", anyascii(character), flags=re.ASCII).lower()


def _formatters(limit):
    """Regular expressions and replacements for Wagtail's slug field, in order.

    Wagtail's field then lower-cases the result and drops what is not a letter, digit,
    hyphen or underscore; with these steps first it gives what `slug_for` gives.
    """
    groups = {}
    for first, last in TRANSLITERATED:
        for code in range(first, last + 1):
            groups.setdefault(_ascii_part(chr(code)), []).append(code)
    steps = [
        ("[" + "".join(f"\\u{code:04x}" for code in codes) + "]", replacement)
        for replacement, codes in sorted(groups.items())
    ]
    return [
        *steps,
        (r"[^\w\s-]", ""),
        (r"[-\s]+", "-"),
        (r"^[-_]+|[-_]+$", ""),
        (f"^([\\s\\S]{{0,{limit}}})[\\s\\S]*$", "$1"),
        (r"-+$", ""),
    ]


class SlugInput(WagtailSlugInput):
    """Wagtail's slug field, writing Russian titles in Latin letters by `slug_for`'s rule."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)
        if formatters is None:
            self.attrs["data-w-slug-formatters-value"] = FORMATTERS_JSON


FORMATTERS_JSON = json.dumps(
    [[[pattern, "gu"], replacement] for pattern, replacement in _formatters(SLUG_LENGTH)],
    separators=(",", ":"),
)
