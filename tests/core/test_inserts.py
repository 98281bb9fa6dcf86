"""core.inserts writes the rows bulk_create would, on SQLite and on PostgreSQL."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_localize.models import String, StringTranslation

from core.inserts import insert_rows

pytestmark = pytest.mark.django_db

TEXTS = [
    'say "hello"',
    "back\\slash, {braces}, commas",
    "NULL",
    "",
    "кириллица «в кавычках» и 'апострофы'",
]

COMPARED = [
    "translation_of_id",
    "locale_id",
    "context_id",
    "data",
    "translation_type",
    "tool_name",
    "last_translated_by_id",
    "has_error",
    "field_error",
]


@pytest.fixture
def strings(ru):
    return String.objects.bulk_create(
        [String(locale=ru, data=text, data_hash=String._get_data_hash(text)) for text in TEXTS]
    )


def _stored(locale):
    return sorted(
        StringTranslation.objects.filter(locale=locale).values_list(*COMPARED),
        key=lambda row: row[0],
    )


def test_rows_are_the_ones_bulk_create_writes(strings, en, ru):
    user = get_user_model().objects.create_user("translator")
    StringTranslation.objects.bulk_create(
        StringTranslation(
            translation_of=string,
            locale=ru,
            data=string.data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            last_translated_by=user,
        )
        for string in strings
    )
    before = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        insert_rows(
            StringTranslation,
            ["translation_of", "context", "locale", "data"],
            [(string.pk, None, en.pk, string.data) for string in strings],
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            tool_name="",
            last_translated_by=user.pk,
            created_at=before,
            updated_at=before,
            has_error=False,
            field_error="",
        )
    # One statement on PostgreSQL; one executemany on SQLite.
    assert len(queries) == 1
    ours = _stored(en)
    theirs = _stored(ru)
    assert [row[:1] + row[2:] for row in ours] == [row[:1] + row[2:] for row in theirs]
    assert {row[1] for row in ours} == {en.pk}
    stamps = StringTranslation.objects.filter(locale=en).values_list("created_at", "updated_at")
    assert all(before <= created <= timezone.now() for created, _updated in stamps)


def test_nothing_to_insert_sends_nothing(en):
    with CaptureQueriesContext(connection) as queries:
        insert_rows(StringTranslation, ["translation_of", "locale", "data"], [])
    assert not queries
