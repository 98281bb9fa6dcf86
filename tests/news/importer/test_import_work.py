"""What an archive import costs: the work per record does not grow with the archive, indexes
are updated in bulk, and a second run of the same export writes nothing."""

import json
import tracemalloc
from collections import Counter
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Revision
from wagtail.search.backends import get_search_backend

from news.importer.run import Importer
from news.models import AlertSubscription, ImportedRecord, NewsArticlePage
from news.text import analysis
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures
from tests.news.search.storage import physical_order

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """Exports of 3 and 6 generated pairs alike in content, and one to warm up with.

    The 6-pair export is the 3-pair one twice under other ids, so the two differ only in
    size: same partner cities, tags and body shapes.
    """
    root = tmp_path_factory.mktemp("archives")
    call_command(
        "make_archive",
        "--releases",
        "3",
        "--out",
        str(root / "three"),
        "--images",
        "0",
        "--seed",
        "7",
        stdout=StringIO(),
    )
    records = [
        json.loads(line) for line in (root / "three" / "releases.jsonl").read_text().splitlines()
    ]

    def relabelled(prefix):
        copies = []
        for record in records:
            record = dict(record, id=prefix + record["id"])
            if record.get("translation_of"):
                record["translation_of"] = prefix + record["translation_of"]
            copies.append(record)
        return copies

    exports = {"three": root / "three"}
    for name, copies in (("warm", relabelled("w")), ("six", relabelled("a") + relabelled("b"))):
        (root / name).mkdir()
        (root / name / "releases.jsonl").write_text(
            "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in copies)
        )
        exports[name] = root / name
    return exports


def run(path):
    out = StringIO()
    call_command("import_news", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def imported(path):
    with CaptureQueriesContext(connection) as queries:
        out = run(path)
    return out, [query["sql"] for query in queries.captured_queries]


def writes(statements):
    return [sql for sql in statements if sql.lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize(
    ("bulk", "budget"),
    # A pair (release and translation) stays within its budget. Record by record, the
    # translation source is written in bulk and a new page is published in one save
    # (about 130 queries a pair; through wagtail-localize's extraction and Wagtail's
    # publish it was about 400). New releases written in bulk (news.importer.bulk) take
    # about 14 a pair (43 when the indexes, the validation and the old addresses cost
    # queries per page), most of them now per batch.
    [(False, 140), (True, 16)],
    ids=["one by one", "in bulk"],
)
def test_queries_per_release_do_not_grow_with_the_archive(parts, monkeypatch, bulk, budget):
    if not bulk:
        monkeypatch.setattr(Importer, "bulk_eligible", lambda *args: False)
    # The first export creates the site's tree and the partner cities the others reuse.
    run(parts["warm"])

    out, three = imported(parts["three"])
    assert "created: 6 (en 3, ru 3)" in out
    out, six = imported(parts["six"])
    assert "created: 12 (en 6, ru 6)" in out

    # Twice the releases cost at most twice the queries: nothing is looked up per release
    # that grows with what is already imported.
    assert len(six) <= 2 * len(three)
    assert len(six) <= 6 * budget, len(six)
    # Each batch updates the search index in one statement per kind of object, not one or
    # more per page as saving and publishing each page would.
    index_writes = [sql for sql in writes(six) if "indexentry" in sql.lower()]
    assert 1 <= len(index_writes) <= 2


def reads(statements, table):
    return [
        sql for sql in statements if sql.lstrip().upper().startswith("SELECT") and table in sql
    ]


@pytest.mark.parametrize("bulk", [False, True], ids=["one by one", "in bulk"])
def test_a_run_looks_each_tag_up_by_name_once(parts, monkeypatch, bulk):
    if not bulk:
        monkeypatch.setattr(Importer, "bulk_eligible", lambda *args: False)
    run(parts["warm"])
    _out, three = imported(parts["three"])
    _out, six = imported(parts["six"])

    def by_name(statements):
        conditions = [
            sql.partition(" WHERE ")[2].partition(" ORDER BY ")[0]
            for sql in reads(statements, '"news_topic"')
        ]
        return [where for where in conditions if '"news_topic"."name"' in where]

    # The six-pair export names the same tags as the three-pair one: the tags found or
    # made are kept for the run instead of being looked up again for every release.
    assert by_name(three)
    assert len(by_name(six)) == len(by_name(three))


def test_new_releases_written_in_bulk_are_indexed_without_reading_them_back(parts):
    run(parts["warm"])
    out, six = imported(parts["six"])
    assert "created: 12 (en 6, ru 6)" in out
    # They are held as written, relations included: reading the pages back for the
    # search and reference indexes read every relation again, down to their (empty)
    # comments and related releases.
    assert reads(six, '"wagtailcore_comment"') == []
    assert reads(six, '"news_relatedarticle"') == []


@pytest.mark.parametrize("bulk", [False, True], ids=["one by one", "in bulk"])
def test_a_release_s_texts_are_analysed_once_for_both_search_indexes(parts, monkeypatch, bulk):
    if not bulk:
        monkeypatch.setattr(Importer, "bulk_eligible", lambda *args: False)
    run(parts["warm"])
    analysed = Counter()
    terms = analysis.terms

    def counted(text):
        analysed[text] += 1
        return terms(text)

    monkeypatch.setattr(analysis, "terms", counted)
    out = run(parts["three"])
    assert "created: 6 (en 3, ru 3)" in out
    monkeypatch.undo()
    lines = (parts["three"] / "releases.jsonl").read_text().splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    pages = NewsArticlePage.objects.filter(
        pk__in=ImportedRecord.objects.filter(old_id__in=ids).values("page_id")
    )
    assert len(pages) == 6
    # The admin's search backend and the site's own index take the same terms of a
    # title and a body: worked out once, not once for each.
    for page in pages:
        assert analysed[page.title] == 1, page.title
        assert analysed[page.plain_body] == 1, page.title


def test_second_run_of_an_unchanged_export_writes_nothing(parts):
    run(parts["warm"])
    run(parts["three"])
    run(parts["six"])
    revisions = Revision.objects.count()
    hashes = sorted(ImportedRecord.objects.values_list("old_id", "content_hash", "imported_at"))

    out, again_three = imported(parts["three"])
    assert "unchanged: 6 (en 3, ru 3)" in out
    out, again_six = imported(parts["six"])
    assert "unchanged: 12 (en 6, ru 6)" in out
    assert "created: 0" in out and "updated: 0" in out

    assert writes(again_six) == []
    assert Revision.objects.count() == revisions
    assert (
        sorted(ImportedRecord.objects.values_list("old_id", "content_hash", "imported_at"))
        == hashes
    )
    # What the earlier runs imported is read in a few queries for the whole export.
    assert len(again_six) == len(again_three)


def test_an_imported_archive_sends_no_alerts(
    parts, mailoutbox, django_capture_on_commit_callbacks
):
    AlertSubscription.objects.create(
        email="reader@example.org", language="ru", confirmed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(parts["three"])
    # Releases from an old site's archive are not news to the subscribers.
    assert mailoutbox == []
    assert NewsArticlePage.objects.filter(live=True).count() == 6

    # Publishing a release afterwards alerts them as usual, and indexes it.
    page = NewsArticlePage.objects.filter(locale__language_code="ru").first()
    page.title = "Новая редакция релиза"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [message.to for message in mailoutbox] == [["reader@example.org"]]
    results = get_search_backend().search("редакция", NewsArticlePage.objects.live())
    assert page.pk in [result.pk for result in results]


def test_records_waiting_for_their_turn_are_kept_compressed(tmp_path):
    # 120 releases of about 40 KB each: the export is read whole before anything is
    # written (to pair originals with translations), so this is what the importer holds.
    words = [
        "визит",
        "делегации",
        "соглашение",
        "дорожная",
        "карта",
        "форум",
        "сотрудничество",
        "культура",
    ]
    lines = []
    for number in range(120):
        paragraphs = [
            "<p>" + " ".join(words[(number + n * 7 + k) % len(words)] for k in range(60)) + "</p>"
            for n in range(80)
        ]
        lines.append(
            json.dumps(
                {
                    "id": str(number),
                    "language": "ru",
                    "title": f"Релиз {number}",
                    "published": "2015-03-01T10:00:00+03:00",
                    "body": "".join(paragraphs),
                },
                ensure_ascii=False,
            )
        )
    export = tmp_path / "releases.jsonl"
    export.write_text("\n".join(lines) + "\n")
    size = export.stat().st_size

    tracemalloc.start()
    try:
        out = StringIO()
        call_command("import_news", str(tmp_path), "--dry-run", stdout=out, stderr=StringIO())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "120" in out.getvalue()
    # Parsed and kept whole, the records took one and a half times the export's size
    # (14 MB for this one of 9.9 MB); compressed, under half of it (3.8 MB).
    assert peak < size / 2, (peak, size)


def test_a_large_import_leaves_the_planner_statistics_up_to_date(parts):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's planner does without statistics")
    # Kept as a storage check: the statistics are what the import leaves behind, and a
    # plan built on missing ones differs only on a large archive, not in any result.

    def estimated_rows(table):
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]

    run(parts["six"])
    # Without it PostgreSQL would plan for tables it has never counted (-1) until
    # autovacuum gets round to them.
    assert estimated_rows("news_newsarticlepage") == NewsArticlePage.objects.count() == 12
    assert estimated_rows("wagtailcore_page") >= 12


def test_a_large_import_leaves_the_search_index_in_date_order(parts):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's full-text index keeps its rows in date order itself")
    # Kept as a storage check, like the rebuild's in tests/news/search/test_index_scale.py.
    run(parts["six"])
    on_disk, by_recency = physical_order()
    # The export's order mixes years and languages; searches read rows newest first.
    assert on_disk == by_recency and len(on_disk) == 12


@pytest.fixture(scope="module")
def hundred_pairs(tmp_path_factory):
    path = tmp_path_factory.mktemp("hundred") / "export"
    call_command("make_archive", releases=100, images=0, seed=5, out=str(path), stdout=StringIO())
    return path


def test_two_hundred_new_records_are_written_as_one_batch(parts, hundred_pairs):
    run(parts["warm"])
    out, statements = imported(hundred_pairs)
    assert "created: 200 (en 100, ru 100)" in out
    # One batch: the releases' history goes in with one statement for all 200 (a batch of
    # 100 records wrote it twice). Elsewhere than PostgreSQL it is an executemany, logged
    # as "N times: INSERT ...".
    history = [sql for sql in statements if 'INSERT INTO "wagtailcore_pagelogentry"' in sql]
    assert len(history) == 1, history


def test_tables_analysed_while_nearly_empty_are_analysed_again_as_the_import_fills_them(
    parts, hundred_pairs, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's planner does without statistics")
    # As autovacuum leaves a new site: its tables counted while they held nothing. Each
    # commit then checks the batch's references by reading the tables whole.
    run(parts["warm"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailcore_revision")
        cursor.execute("ANALYZE wagtail_localize_translationcontext")
    monkeypatch.setattr("news.importer.run.BATCH_SIZE", 50)
    out, statements = imported(hundred_pairs)
    assert "created: 200 (en 100, ru 100)" in out

    def positions(prefix):
        return [n for n, sql in enumerate(statements) if sql.startswith(prefix)]

    for table in ("wagtailcore_revision", "wagtail_localize_translationcontext"):
        inserts = positions(f'INSERT INTO "{table}"')
        analysed = positions(f"ANALYZE {table}")
        # Four batches: the statistics were taken again before the last one was written.
        assert len(inserts) >= 4 and analysed, (table, len(inserts), analysed)
        assert analysed[0] < inserts[-1], table
