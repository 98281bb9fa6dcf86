"""Grow an imported archive to a larger number of release pairs by copying its releases.

Importing pages goes at a few pairs a second here, so an archive of 100,000 pairs would take
hours per database to import. What the larger sizes are for is how rendering, listings,
feeds and search grow with the archive, so `make bench` imports up to BENCH_IMPORT_UP_TO
pairs (default 10,000) and reaches the larger sizes with this script: every imported
release pair is copied, in both languages, as a live page with its own address, its
translation key, its partner cities, tags, gallery and related releases, and its search
index rows, until the archive holds the number of pairs asked for. A copy keeps its
original's date and text, so the mix of years, cities and words stays the imported one.

Rows are written with plain INSERTs (Wagtail's page save runs at the import's pace). Not
copied: revisions, translation sources, the admin's search index and the reference index,
which no public page reads.

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        python grow.py PAIRS

Prints the number of pairs it wrote.
"""

import sys
import uuid

import django

django.setup()

from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from wagtail.models import Page  # noqa: E402

from news.models import (  # noqa: E402
    NewsArticleGalleryItem,
    NewsArticlePage,
    RelatedArticle,
    SearchEntry,
    SearchFacet,
)
from news.search.index import recency, reorder  # noqa: E402

# Treebeard's materialised path: four base-36 characters per level (Wagtail's Page).
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4
BATCH = 2000


def _step(number):
    text = ""
    for _ in range(STEP):
        number, digit = divmod(number, len(ALPHABET))
        text = ALPHABET[digit] + text
    return text


def _columns(model):
    return [field.column for field in model._meta.local_concrete_fields]


def _rows(model, **filters):
    """Rows as the database holds them (raw values go back in unchanged)."""
    columns = _columns(model)
    quote = connection.ops.quote_name
    ((column, ids),) = filters.items()
    sql = (
        f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)}"  # noqa: S608
        f" WHERE {quote(column)} IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids))
        return columns, [dict(zip(columns, values, strict=True)) for values in cursor]


def _new_key(model, value, keys):
    """A new translation key for a copy, the same for both languages of one pair."""
    if value not in keys:
        field = model._meta.get_field("translation_key")
        keys[value] = field.get_db_prep_value(uuid.uuid4(), connection)
    return keys[value]


def _insert(model, columns, rows):
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - model metadata
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            cursor.executemany(sql, [[row[c] for c in columns] for row in batch])


class Ids:
    """New primary keys, after the largest in use."""

    def __init__(self, model):
        largest = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.next = (largest or 0) + 1

    def __call__(self):
        self.next += 1
        return self.next - 1


def grow(target):
    # The benchmark's own releases stay single: dated today, their copies would push them
    # off the archive's first page, where publishing to visible looks for them.
    own = NewsArticlePage.objects.filter(slug__startswith="bench-").values("translation_key")
    releases = NewsArticlePage.objects.exclude(translation_key__in=own)
    release_ids = list(releases.values_list("pk", flat=True))
    pairs = len(set(releases.values_list("translation_key", flat=True)))
    if pairs == 0 or pairs >= target:
        return 0
    page_columns, pages = _rows(Page, id=release_ids)
    article_columns, articles = _rows(NewsArticlePage, page_ptr_id=release_ids)
    articles = {row["page_ptr_id"]: row for row in articles}
    through = NewsArticlePage.partner_cities.through
    # Rows that belong to a release, by the column naming it.
    related_tables = [
        (model, key, *_rows(model, **{key: release_ids}))
        for model, key in (
            (through, "newsarticlepage_id"),
            (NewsArticlePage.tags.through, "newsarticlepage_id"),
            (RelatedArticle, "page_id"),
            (NewsArticleGalleryItem, "page_id"),
            (SearchFacet, "entry_id"),
        )
    ]
    entry_columns, entries = _rows(SearchEntry, page_id=release_ids)
    entries = {row["page_id"]: row for row in entries}

    parents = {page["path"][:-STEP] for page in pages}
    parent_rows = {p.path: p for p in Page.objects.filter(path__in=parents)}
    last_child = {}
    for path in parents:
        child = (
            Page.objects.filter(path__startswith=path, depth=parent_rows[path].depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        last_child[path] = int(child[-STEP:], len(ALPHABET))
    added_children = dict.fromkeys(parents, 0)
    page_ids = Ids(Page)
    row_ids = {model: Ids(model) for model, *_rest in related_tables}

    copies, written = 0, 0
    while pairs * (copies + 1) < target:
        copies += 1
        wanted = min(pairs, target - pairs * copies)
        keys = {}  # original translation key -> its copy's, shared by both languages
        item_keys = {}  # the same for gallery items
        new_pages, new_articles, new_entries = [], [], []
        new_related = {model: [] for model, *_rest in related_tables}
        new_id = {}
        for page in pages:
            key = page["translation_key"]
            if key not in keys:
                if len(keys) == wanted:
                    continue
                _new_key(Page, key, keys)
            parent = page["path"][:-STEP]
            last_child[parent] += 1
            added_children[parent] += 1
            pk = page_ids()
            # Unique under the parent whichever page (an earlier copy too) is copied.
            slug = f"{page['slug']}-{pk}"
            new_id[page["id"]] = pk
            new_pages.append(
                {
                    **page,
                    "id": pk,
                    "path": parent + _step(last_child[parent]),
                    "slug": slug,
                    "url_path": f"{parent_rows[parent].url_path}{slug}/",
                    "translation_key": keys[key],
                    "live_revision_id": None,
                    "latest_revision_id": None,
                    "locked_by_id": None,
                }
            )
            new_articles.append({**articles[page["id"]], "page_ptr_id": pk})
            if page["id"] in entries:
                entry = entries[page["id"]]
                new_entries.append({**entry, "page_id": pk, "recency": recency(entry["date"], pk)})
        for model, key_column, _, rows in related_tables:
            for row in rows:
                if row[key_column] not in new_id:
                    continue
                copy = {**row, "id": row_ids[model](), key_column: new_id[row[key_column]]}
                if "translation_key" in copy:
                    copy["translation_key"] = _new_key(model, row["translation_key"], item_keys)
                new_related[model].append(copy)
        with transaction.atomic():
            _insert(Page, page_columns, new_pages)
            _insert(NewsArticlePage, article_columns, new_articles)
            _insert(SearchEntry, entry_columns, new_entries)
            for model, _, columns, _ in related_tables:
                _insert(model, columns, new_related[model])
        written += len(keys)

    with transaction.atomic():
        for path, added in added_children.items():
            parent = parent_rows[path]
            Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + added)
        models = [Page, *row_ids]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    if connection.vendor == "postgresql":
        # As the importer leaves a large import: the search index in date order.
        reorder()
        # What autovacuum (off on the benchmark server) would have done by then: planner
        # statistics, and the visibility map that lets index-only scans skip the rows.
        # (VACUUM cannot run inside a transaction, as under the test suite.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return written


if __name__ == "__main__":
    print(grow(int(sys.argv[1])))
