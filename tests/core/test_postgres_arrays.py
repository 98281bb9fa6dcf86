"""Lists sent to PostgreSQL (bulk inserts send each column as one) arrive exactly as
they were, with the escaping core.postgres does by hand."""

import pytest

from django.db import connection
from django.utils import timezone

from wagtail.models import PageLogEntry
from wagtail_localize.models import String

from core.postgres import ArrayDumper

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

AWKWARD = [
    'say "hello"',
    'back\\slash and \\"both"',
    "{braces}, commas, and spaces ",
    "NULL",
    "",
    "ends with a backslash \\",
    '{"json": ["inside", "a", "string"], "n": 1}',
    "кириллица «в кавычках»",
]


def test_lists_are_sent_with_the_site_s_dumper():
    connection.ensure_connection()
    dumper = connection.connection.adapters.get_dumper(list, "s")
    assert dumper is ArrayDumper


def test_texts_full_of_quotes_and_backslashes_survive_a_bulk_insert(ru):
    strings = String.objects.bulk_create(
        [String(locale=ru, data=text, data_hash=String._get_data_hash(text)) for text in AWKWARD]
    )
    stored = dict(String.objects.filter(pk__in=[s.pk for s in strings]).values_list("pk", "data"))
    assert [stored[s.pk] for s in strings] == AWKWARD


def test_json_full_of_quotes_survives_a_bulk_insert(site_tree):
    data = [{"text": text, "nested": {"quote": '"', "slash": "\\"}} for text in AWKWARD]
    entries = PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page=site_tree,
                label=f"entry {n}",
                action="wagtail.edit",
                data=each,
                timestamp=timezone.now(),
            )
            for n, each in enumerate(data)
        ]
    )
    stored = dict(
        PageLogEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list("pk", "data")
    )
    assert [stored[e.pk] for e in entries] == data
