"""The database search backend (news.search.database): on PostgreSQL it writes the index
rows without building a Django expression per text, and they are the very rows
modelsearch's own backend writes; elsewhere it is modelsearch's backend."""

import datetime
import types
from collections import Counter

import pytest
from psycopg import pq

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

import modelsearch.backends.database as modelsearch_database
from modelsearch.backends.database import SearchBackend as stock_search_backend
from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresSearchBackend
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from gallery.models import NewsImage, PhotoCredit
from news.models import NewsArticlePage, PartnerCity, Topic
from news.search import database
from news.search.index import is_database_backend
from tests.factories import (
    NewsArticlePageFactory,
    NewsImageFactory,
    PartnerCityFactory,
    publish,
    topics,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

PARAMS = {"SEARCH_CONFIG": "simple"}
AWKWARD = "Кавычки \"двойные\" и 'одинарные', обратная косая \\ и \\\\ две, 50% и %s, {скобки}"
MODELS = [NewsArticlePage, NewsImage, PhotoCredit, PartnerCity, Topic]


def body(*paragraphs):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


@pytest.fixture
def indexed(site_tree, ru, en):
    """Releases in both languages with awkward text, an empty one, a photo and a credit
    with no text at all: {name: object}."""
    minsk = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    russian = NewsArticlePageFactory(
        parent=site_tree,
        title=f"Соглашение о «дорожной карте»: {AWKWARD}",
        lead="  Стороны подписали соглашение.  \n",
        body=body("Электросамокаты появятся в Минске.", AWKWARD, "   "),
        date=datetime.date(2024, 3, 5),
        cities=[minsk],
    )
    russian.tags.add(*topics("визит", "транспорт"))
    publish(russian)
    english = NewsArticlePageFactory(
        parent=site_tree.get_translation(en),
        locale=en,
        title='Roadmap "signed" with Minsk \\ O\'Brien',
        lead="The sides agreed; 100% sure.",
        body=body("Scooters arrive in Minsk.", "Back\\slash and 'quotes'"),
        date=datetime.date(2024, 3, 6),
    )
    english.tags.add(*topics("visit", code="en"))
    publish(english)
    empty = NewsArticlePageFactory(parent=site_tree, title="Пусто", lead=" ", body=[])
    # A lead may not be left blank in the admin; older rows may still have none.
    NewsArticlePage.objects.filter(pk=empty.pk).update(lead="")
    photo = NewsImageFactory(title="Фото «Минск»", description='Описание с "кавычками" \\')
    photo.tags.add("минск", "o'brien")
    credit = PhotoCredit.objects.create(name="   ", locale=ru)
    return {
        "russian": russian,
        "english": english,
        "empty": empty,
        "photo": photo,
        "credit": credit,
    }


def index_with(backend):
    """The index emptied and filled again by `backend`, one bulk call per model."""
    IndexEntry.objects.all().delete()
    for model in MODELS:
        objects = list(model.objects.all())
        assert objects, model
        backend.add_bulk(model, objects)
    return index_rows()


def index_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content_type_id, object_id, title::text, autocomplete::text, body::text,"
            " title_norm, title_text, body_text FROM wagtailsearch_indexentry"
            " ORDER BY content_type_id, object_id"
        )
        return cursor.fetchall()


def row_of(rows, obj):
    content_type = ContentType.objects.get_for_model(obj).pk
    (row,) = [row for row in rows if row[:2] == (content_type, str(obj.pk))]
    return row


@postgres_only
@pytest.mark.parametrize("config", ["simple", "russian", None])
def test_the_rows_are_those_modelsearch_writes(indexed, config):
    params = {"SEARCH_CONFIG": config}
    stock = index_with(PostgresSearchBackend(params))
    ours = index_with(database.SearchBackend(params))
    assert ours == stock
    # Every model and every kind of text made it in.
    assert len(ours) >= len(MODELS) + 3
    russian = row_of(ours, indexed["russian"])
    assert "электросамокат" in russian[4] and "\\" in russian[7]
    photo = row_of(ours, indexed["photo"])
    assert "'brien'" in photo[4] and "o'brien" in photo[7]


@postgres_only
def test_an_object_without_text_gets_the_same_row(indexed):
    credit = indexed["credit"]
    stock = row_of(index_with(PostgresSearchBackend(PARAMS)), credit)
    ours = row_of(index_with(database.SearchBackend(PARAMS)), credit)
    assert ours == stock
    assert ours[2:] == ("", "", "", 1.0, "", "")


# Longer than the old title, so that its title_norm has to be worked out again.
NEW_TITLE = "Новый \\ 'заголовок' из пяти слов"


def upserted(backend, release):
    """The rows after indexing, changing a release behind the index's back, indexing again."""
    NewsArticlePage.objects.filter(pk=release.pk).update(title="Старый заголовок", lead="Старый")
    index_with(backend)
    NewsArticlePage.objects.filter(pk=release.pk).update(title=NEW_TITLE, lead="")
    backend.add_bulk(NewsArticlePage, list(NewsArticlePage.objects.all()))
    return index_rows()


@postgres_only
def test_indexing_again_updates_the_rows_as_modelsearch_does(indexed):
    release = indexed["russian"]
    stock = upserted(PostgresSearchBackend(PARAMS), release)
    ours = upserted(database.SearchBackend(PARAMS), release)
    assert ours == stock
    row = row_of(ours, release)
    assert "новый" in row[2] and "старый" not in row[2] + row[4]
    assert row[6] == NEW_TITLE


@postgres_only
def test_rows_sent_in_several_statements_are_those_modelsearch_writes(indexed, monkeypatch):
    monkeypatch.setattr(database, "PIPELINED_CHUNK", 2)
    stock = upserted(PostgresSearchBackend(PARAMS), indexed["russian"])
    ours = upserted(database.SearchBackend(PARAMS), indexed["russian"])
    assert ours == stock


@postgres_only
def test_the_index_rows_are_sent_without_waiting_for_each_statement(indexed, monkeypatch):
    monkeypatch.setattr(database, "PIPELINED_CHUNK", 2)
    sent = []

    def note(execute, sql, params, many, context):
        if "wagtailsearch_indexentry" in sql:
            sent.append((sql.split()[0], connection.connection.pgconn.pipeline_status))
        return execute(sql, params, many, context)

    releases = list(NewsArticlePage.objects.all())
    assert len(releases) == 3
    with connection.execute_wrapper(note):
        database.SearchBackend(PARAMS).add_bulk(NewsArticlePage, releases)
    # Two chunks of rows, then their weights, all in psycopg's pipeline.
    assert [verb for verb, _status in sent] == ["INSERT", "INSERT", "UPDATE"]
    assert {status for _verb, status in sent} == {pq.PipelineStatus.ON}
    assert connection.connection.pgconn.pipeline_status == pq.PipelineStatus.OFF


@postgres_only
def test_without_a_pipeline_the_same_rows_are_written_statement_by_statement(indexed, monkeypatch):
    monkeypatch.setattr(database.Pipeline, "is_supported", classmethod(lambda cls: False))
    monkeypatch.setattr(database, "PIPELINED_CHUNK", 2)
    statuses = []

    def note(execute, sql, params, many, context):
        statuses.append(connection.connection.pgconn.pipeline_status)
        return execute(sql, params, many, context)

    stock = upserted(PostgresSearchBackend(PARAMS), indexed["russian"])
    with connection.execute_wrapper(note):
        ours = upserted(database.SearchBackend(PARAMS), indexed["russian"])
    assert ours == stock
    assert statuses and set(statuses) == {pq.PipelineStatus.OFF}


@postgres_only
def test_a_failure_in_the_pipelined_writes_is_reported_as_django_s_and_writes_nothing(indexed):
    IndexEntry.objects.all().delete()
    # A text search configuration the database does not have fails on the server, after
    # the statement has been sent.
    backend = database.SearchBackend({"SEARCH_CONFIG": "no_such_configuration"})
    with pytest.raises(DatabaseError, match="no_such_configuration"), transaction.atomic():
        backend.add_bulk(NewsArticlePage, list(NewsArticlePage.objects.all()))
    assert not IndexEntry.objects.exists()
    # The connection goes on working.
    database.SearchBackend(PARAMS).add_bulk(NewsArticlePage, list(NewsArticlePage.objects.all()))
    assert IndexEntry.objects.count() == 3


@postgres_only
def test_each_search_field_of_a_release_is_read_once(indexed, monkeypatch):
    release = indexed["russian"]
    reads = Counter()
    for field in release.get_search_fields():
        read = field.get_value

        def counting(obj, field=field, read=read):
            if obj.pk == release.pk:
                reads[id(field)] += 1
            return read(obj)

        monkeypatch.setattr(field, "get_value", counting)
    # modelsearch reads each one for each of the texts it writes ...
    PostgresSearchBackend(PARAMS).add(release)
    assert set(reads.values()) == {5}
    read_by_modelsearch = set(reads)
    # ... the site's backend the same ones once.
    reads.clear()
    database.SearchBackend(PARAMS).add(release)
    assert set(reads) == read_by_modelsearch
    assert set(reads.values()) == {1}


@postgres_only
def test_no_django_search_vector_is_built_or_compiled(indexed, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a SearchVector was used")

    monkeypatch.setattr(SearchVector, "__init__", refuse)
    monkeypatch.setattr(SearchVector, "as_sql", refuse)
    # The stock backend builds them (the patch bites) ...
    with pytest.raises(AssertionError, match="SearchVector"):
        index_with(PostgresSearchBackend(PARAMS))
    # ... ours writes every row without.
    rows = index_with(database.SearchBackend(PARAMS))
    row_of(rows, indexed["credit"])
    assert "электросамокат" in row_of(rows, indexed["russian"])[4]


@postgres_only
def test_the_site_s_backend_finds_a_release_by_a_word_of_its_body(indexed):
    backend = get_search_backend()
    assert isinstance(backend.get_index_for_model(NewsArticlePage), database.SQLPostgresIndex)
    assert is_database_backend(backend)
    found = list(backend.search("электросамокаты", NewsArticlePage.objects.all()))
    assert found == [indexed["russian"]]


def test_other_databases_get_modelsearch_s_own_backend(db):
    backend = database.SearchBackend(PARAMS)
    assert is_database_backend(backend)
    if connection.vendor == "postgresql":
        assert type(backend) is database.SQLPostgresSearchBackend
    else:
        assert type(backend) is type(stock_search_backend(PARAMS))


def test_a_database_other_than_postgresql_is_left_to_modelsearch(db, monkeypatch):
    # A vendor neither knows: both fall back to modelsearch's generic database backend.
    other = types.SimpleNamespace(vendor="oracle")
    monkeypatch.setattr(database, "connection", other)
    monkeypatch.setattr(modelsearch_database, "connection", other)
    assert type(database.SearchBackend(PARAMS)) is type(stock_search_backend(PARAMS))
    assert not isinstance(database.SearchBackend(PARAMS), PostgresSearchBackend)


def plans_of(statements):
    """EXPLAIN of each statement that reads or writes the admin index, with sequential
    scans priced out: a plan that still holds one has no other way to run."""
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in statements:
            if "wagtailsearch_indexentry" in sql:
                cursor.execute(f"EXPLAIN {sql}")
                plans.append("\n".join(line for (line,) in cursor.fetchall()))
    return plans


@postgres_only
def test_indexing_a_release_reads_no_more_of_the_index_than_its_own_row(indexed):
    backend = get_search_backend()
    index_with(backend)
    release = indexed["russian"]
    with CaptureQueriesContext(connection) as captured:
        backend.add(release)
    plans = plans_of(query["sql"] for query in captured.captured_queries)
    # The row is written, then weighed.
    assert len(plans) == 2, plans
    assert not [plan for plan in plans if "Seq Scan on wagtailsearch_indexentry" in plan]
    assert "wagtailsearch_indexentry_pkey" in plans[1]


@postgres_only
def test_a_title_is_weighed_against_the_newest_entries(indexed, monkeypatch):
    monkeypatch.setattr(database, "TITLE_SAMPLE", 3)
    backend = get_search_backend()
    index_with(backend)
    before = {row[:2]: row[5] for row in index_rows()}
    key = (ContentType.objects.get_for_model(indexed["russian"]).pk, str(indexed["russian"].pk))
    IndexEntry.objects.filter(content_type_id=key[0], object_id=key[1]).delete()
    backend.add(indexed["russian"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, length(title), title_norm FROM wagtailsearch_indexentry"
            " ORDER BY id DESC"
        )
        newest = cursor.fetchall()
    lengths = [length for _id, length, _norm in newest[:3] if length]
    object_id, length, norm = newest[0]
    assert object_id == str(indexed["russian"].pk)
    assert norm == pytest.approx(sum(lengths) / len(lengths) / length)
    # Across the whole index the average would differ, and no other row was weighed again.
    everything = [length for _id, length, _norm in newest if length]
    assert sum(everything) / len(everything) / length != pytest.approx(norm)
    others = {row[:2]: row[5] for row in index_rows() if row[:2] != key}
    assert len(others) == len(before) - 1
    assert others == {key: before[key] for key in others}
