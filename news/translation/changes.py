"""How a change to the source reads to a translator: where it is and which words changed."""

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from wagtail.fields import StreamField

WORD = re.compile(r"\S+")


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


def word_diff(old, new):
    """(old, new) as HTML with only the words that differ marked <del> and <ins>.

    Segments of rich text keep their inline tags; the comparison reads the words only.
    """
    old_words = WORD.findall(strip_tags(old))
    new_words = WORD.findall(strip_tags(new))
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before = escape(" ".join(old_words[i1:i2]))
        after = escape(" ".join(new_words[j1:j2]))
        if op == "equal":
            old_out.append(before)
            new_out.append(after)
            continue
        if before:
            old_out.append(f"<del>{before}</del>")
        if after:
            new_out.append(f"<ins>{after}</ins>")
    return mark_safe(" ".join(old_out)), mark_safe(" ".join(new_out))  # noqa: S308 - escaped above


def describe_changes(translation, changes):
    source = translation.source.as_instance()
    described = []
    for change in changes:
        old_html, new_html = word_diff(change.old_source, change.new_source)
        described.append(ChangeView(change, field_label(source, change.field), old_html, new_html))
    return described
