"""How a change to the source reads to a translator: where it is and which words changed."""

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from wagtail.fields import StreamField

TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass
class ChangeView:
    change: object
    label: str
    old_html: str
    new_html: str

    @property
    def kind(self):
        return self.change.kind


def _block_label(stream, block_id, rest):
    """'Paragraph 3' for the third paragraph of a body, with a sub-field's label if any."""
    seen = {}
    for child in stream:
        seen[child.block_type] = seen.get(child.block_type, 0) + 1
        if child.id != block_id:
            continue
        label = f"{capfirst(child.block.label)} {seen[child.block_type]}"
        sub_blocks = getattr(child.block, "child_blocks", None)
        if rest and sub_blocks and rest[0] in sub_blocks:
            label = f"{label} — {capfirst(sub_blocks[rest[0]].label).lower()}"
        return label
    return None


def field_label(instance, path):
    """The name a translator sees in the editor for a segment's content path."""
    name, *rest = path.split(".")
    try:
        field = type(instance)._meta.get_field(name)
    except FieldDoesNotExist:
        return path
    if isinstance(field, StreamField) and rest:
        label = _block_label(getattr(instance, name), rest[0], rest[1:])
        if label:
            return label
    verbose = getattr(field, "verbose_name", None)
    if verbose is None and field.related_model is not None:
        # An inline panel's rows (a reverse relation) are named by their model.
        verbose = field.related_model._meta.verbose_name
    return capfirst(verbose or name)


def _tokens(text):
    # Words, runs of punctuation and spaces apart, so "комиссии." and "комиссии и" share
    # the word; segments of rich text keep inline tags, which the comparison ignores.
    return TOKEN.findall(strip_tags(text))


def word_diff(old, new):
    """(old, new) as HTML with only the words that differ marked <del> and <ins>."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before = "".join(old_tokens[i1:i2])
        after = "".join(new_tokens[j1:j2])
        if op == "equal":
            old_out.append(escape(before))
            new_out.append(escape(after))
            continue
        old_out.append(_marked("del", before))
        new_out.append(_marked("ins", after))
    return mark_safe("".join(old_out)), mark_safe("".join(new_out))  # noqa: S308 - escaped


def _marked(tag, text):
    """`text` escaped and wrapped in `tag`, leaving the spaces around it unmarked."""
    if not text.strip():
        return escape(text)
    stripped = text.strip()
    start = text.index(stripped)
    lead, tail = text[:start], text[start + len(stripped) :]
    return f"{escape(lead)}<{tag}>{escape(stripped)}</{tag}>{escape(tail)}"


def _merged(changes):
    """One row per place: a segment changed twice since the last approval reads first to last."""
    by_field = {}
    for change in changes:
        first = by_field.get(change.field)
        if first is None:
            by_field[change.field] = (change, change)
        else:
            by_field[change.field] = (first[0], change)
    return list(by_field.values())


def describe_changes(translation, changes):
    source = translation.source.as_instance()
    described = []
    for first, last in _merged(changes):
        old_html, new_html = word_diff(first.old_source, last.new_source)
        described.append(ChangeView(first, field_label(source, first.field), old_html, new_html))
    return described
