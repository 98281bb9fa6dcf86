"""Search engine latency on index rows of a generated export, up to 100,000 pairs.

Run by bench/run.py on a database of its own (DATABASE_URL), after `migrate` and
`setup_site`; prints JSON.

Importing 100,000 pairs as pages takes hours per database on a small machine, yet what a
search reads is the search index (news.SearchEntry and news.SearchFacet). This stage
writes those rows straight from make_archive's records, analysed by the same function as
news.search.index, and times news.search.engine.search for the bench's query set: the
database's matching, ranking and counting, without the results page around it (which costs
the same whatever the archive's size, and which bench/inprocess.py times on real pages).
No pages stand behind these rows, so the foreign keys to them are not enforced here.
"""

import json
import statistics
import sys
import time

import django

django.setup()

from common import summary  # noqa: E402
from inprocess import SEARCH_QUERIES, search_sets  # noqa: E402

from django.db import connection, transaction  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from news.models import SearchEntry, SearchFacet  # noqa: E402
from news.search.engine import search  # noqa: E402
from news.search.index import entry_rows, reorder  # noqa: E402

BATCH = 2_000
REPEATS = 5
# Far above the ids of any page, in case a page is added to this database.
FIRST_ID = 10_000_000


def read_export(path):
    with open(path, encoding="utf-8") as export:
        return [json.loads(line) for line in export]


def entries(records, locales, first_id):
    """SearchEntry and SearchFacet rows for the records, by news.search.index.entry_rows."""
    names = {}
    for record in records:
        for city in record.get("cities", []):
            names.setdefault(city["slug"], set()).update([city["name"], city["country"]])
    for number, record in enumerate(records):
        yield entry_rows(
            page_id=first_id + number,
            locale_id=locales[record["language"]],
            language=record["language"],
            date=record["published"][:10],
            title=record["title"],
            lead=record.get("lead", ""),
            body=" ".join(strip_tags(record.get("body", "").replace("><", "> <")).split()),
            cities=[
                (city["slug"], city["name"], sorted(names[city["slug"]]))
                for city in record.get("cities", [])
            ],
            tags=[(slugify(tag, allow_unicode=True), tag) for tag in record.get("tags", [])],
        )


def fill(records, first_id):
    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign key triggers off for this session only (the bench runs as superuser).
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
    batch, facets = [], []
    for entry, entry_facets in entries(records, locales, first_id):
        batch.append(entry)
        facets += entry_facets
        if len(batch) >= BATCH:
            write(batch, facets)
            batch, facets = [], []
    write(batch, facets)
    # As the importer leaves a large import (news.search.index.reorder).
    reorder()
    with connection.cursor() as cursor:
        # As autovacuum would on PostgreSQL (off on the benchmark server), see bench/grow.py.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def write(batch, facets):
    with transaction.atomic():
        SearchEntry.objects.bulk_create(batch)
        SearchFacet.objects.bulk_create(facets)


def latency():
    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    results = {}
    for label, params, filters in search_sets():
        samples, matches, past_bound = [], [], 0
        for language, query in SEARCH_QUERIES:
            outcome = search(query, [locales[language]], filters)  # warms the caches
            matches.append(outcome.ids.count())
            past_bound += outcome.more
            for _ in range(REPEATS):
                start = time.perf_counter()
                outcome = search(query, [locales[language]], filters)
                list(outcome.ids[0:10])
                samples.append((time.perf_counter() - start) * 1000)
        results[label] = {
            **summary(samples),
            "filter": params,
            "matches_min": min(matches),
            "matches_max": max(matches),
            "matches_median": statistics.median(matches),
            "past_bound": past_bound,
            "queries": len(SEARCH_QUERIES),
        }
    return results


def index_bytes():
    """The search tables with their indexes (FTS5 tables included on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('news_searchentry')"
                " + pg_total_relation_size('news_searchfacet')"
            )
            return int(cursor.fetchone()[0])
        # Nothing else of size is in this database: the whole file is the index.
        cursor.execute(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        )
        return int(cursor.fetchone()[0])


def main():
    export, pairs = sys.argv[1], [int(n) for n in sys.argv[2].split(",")]
    records = read_export(export)
    by_pair, order = {}, []
    for record in records:
        key = record.get("translation_of") or record["id"]
        if key not in by_pair:
            order.append(key)
        by_pair.setdefault(key, []).append(record)
    steps, done, next_id = [], 0, FIRST_ID
    for size in sorted(pairs):
        start = time.perf_counter()
        batch = [record for key in order[done:size] for record in by_pair[key]]
        fill(batch, next_id)
        done, next_id = size, next_id + len(batch)
        steps.append(
            {
                "size": size,
                "fill_seconds": round(time.perf_counter() - start, 1),
                "index_bytes": index_bytes(),
                "search": latency(),
            }
        )
    json.dump({"vendor": connection.vendor, "steps": steps}, sys.stdout)


if __name__ == "__main__":
    main()
