"""Relevance and latency of search over a whole generated archive (bench/search_archive.py).

Run on a database of its own (DATABASE_URL), after `migrate` and `setup_site`:

    cd bench && python search_relevance.py PAIRS [--repeats 3]

Fills the search index with the archive's rows (bulk INSERTs, as bench/search_scale.py
does, no pages behind them), unless it already holds that archive, then looks every
planted release up, without a year filter, by its exact title, by two to four of its words
including a common one, and by other forms of its words (the old releases planted for their
title words: by two to four of those, which a third of the bodies hold together), through
news.search.engine.search with the site's settings. Prints JSON: recall at 1 and 3 and MRR
per kind of query and language, the p95 latency of those searches, the planted releases'
spread over the archive, and the ones not found in the first three. Then times the pages
past the ranked matches of searches made only of common words (the older releases holding
every word, newest first), against their first page.
"""

import argparse
import json
import statistics
import time
from collections import defaultdict

import django

django.setup()

from common import summary  # noqa: E402
from search_archive import KINDS, index_rows, queries, records  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from news.models import SearchEntry, SearchFacet  # noqa: E402
from news.search.engine import Filters, search  # noqa: E402
from news.search.index import reorder  # noqa: E402

# Far above the ids of any page, in case a page is added to this database.
FIRST_ID = 10_000_000
BATCH = 2_000
# MRR counts a release found within this many results.
DEPTH = 20


def fill(rows, locales):
    """Write the archive's index rows unless the database holds them already."""
    if SearchEntry.objects.filter(page_id__gte=FIRST_ID).count() == len(rows):
        return None
    start = time.perf_counter()
    SearchEntry.objects.filter(page_id__gte=FIRST_ID).delete()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign key triggers off for this session only (no pages stand behind the rows).
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
    for first in range(0, len(rows), BATCH):
        entries, facets = [], []
        for number, record in enumerate(rows[first : first + BATCH], start=first):
            locale = locales[record["language"]]
            entry, entry_facets = index_rows(record, FIRST_ID + number, locale)
            entries.append(entry)
            facets += entry_facets
        with transaction.atomic():
            SearchEntry.objects.bulk_create(entries)
            SearchFacet.objects.bulk_create(facets)
    reorder()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return round(time.perf_counter() - start, 1)


def measure(rows, planted, locales, repeats):
    ids = {(r["key"], r["language"]): FIRST_ID + n for n, r in enumerate(rows)}
    ranks, samples, misses = defaultdict(list), defaultdict(list), []
    for language, kind, query, key in queries(planted):
        wanted = ids[(key, language)]
        outcome = search(query, [locales[language]], Filters())  # warms the caches
        found = list(outcome.ids[0:DEPTH])
        rank = found.index(wanted) + 1 if wanted in found else None
        ranks[(kind, language)].append(rank)
        if not rank or rank > 3:
            misses.append({"language": language, "kind": kind, "query": query, "rank": rank})
        for _ in range(repeats):
            start = time.perf_counter()
            outcome = search(query, [locales[language]], Filters())
            list(outcome.ids[0:10])
            samples[kind].append((time.perf_counter() - start) * 1000)
    figures = {}
    for kind in KINDS:
        for language in ("ru", "en", "both"):
            found = (
                ranks[(kind, "ru")] + ranks[(kind, "en")]
                if language == "both"
                else ranks[(kind, language)]
            )
            figures.setdefault(kind, {})[language] = {
                "queries": len(found),
                "recall_at_1": round(sum(1 for r in found if r == 1) / len(found), 3),
                "recall_at_3": round(sum(1 for r in found if r and r <= 3) / len(found), 3),
                "mrr": round(statistics.mean(1 / r if r else 0 for r in found), 3),
            }
        figures[kind]["latency"] = summary(samples[kind])
    figures["all"] = {"latency": summary([s for kind in KINDS for s in samples[kind]])}
    return figures, misses


# Words most releases hold: far more releases hold all of them than are ranked.
COMMON_QUERIES = {
    "ru": ("Москва сотрудничество", "Минск сотрудничество"),
    "en": ("Moscow cooperation", "Minsk cooperation"),
}


def past_the_bound(locales, repeats):
    """Latency of the results pages past the ranked matches (the older full matches, newest
    first), against the first page of the same searches, by relevance and by date."""
    size = settings.SEARCH_PAGE_SIZE
    # Well past the largest set that can be ranked (the bound, a fifth of it of title
    # holders and an exact title), and nine pages further.
    past = settings.SEARCH_RANKED_MATCHES * 2 // size + 2
    pages = {"first": 1, "first_past": past, "tenth_past": past + 9}
    samples = defaultdict(list)
    for language, queries_ in COMMON_QUERIES.items():
        for query in queries_:
            for sort in ("relevance", "date"):
                for name, number in pages.items():
                    for repeat in range(repeats + 1):
                        start = time.perf_counter()
                        outcome = search(query, [locales[language]], Filters(), sort, number)
                        ids = list(outcome.ids[(number - 1) * size : number * size])
                        took = (time.perf_counter() - start) * 1000
                        if repeat:  # the first one warms the caches
                            samples[name].append(took)
                    if not ids:
                        raise SystemExit(f"page {number} of {query!r} is empty")
    return {name: summary(values) for name, values in samples.items()} | {
        "pages": pages,
        "queries": sum(len(q) for q in COMMON_QUERIES.values()) * 2,
    }


def spread(rows, planted):
    """How many planted releases are older than the newest fifth of the archive."""
    dates = sorted(record["date"] for record in rows)
    newest_fifth = dates[int(len(dates) * 0.8)]
    return {
        "planted_pairs": len(planted),
        "planted_releases": 2 * len(planted),
        "years": sorted({date.year for _k, _s, date, _ru, _en in planted}),
        "older_than_newest_fifth": sum(1 for p in planted if p[2] < newest_fifth),
        "newest_fifth_from": newest_fifth.isoformat(),
    }


def common_words(locales):
    """Share of each language's releases holding the archive's common words."""
    shares = {}
    for language, words in (
        ("ru", ["москв", "минск", "сотрудничеств"]),
        ("en", ["moscow", "minsk", "cooper"]),
    ):
        entries = SearchEntry.objects.filter(locale_id=locales[language], page_id__gte=FIRST_ID)
        total = entries.count()
        for word in words:
            holding = 0
            for terms in entries.values_list(
                "title_terms", "lead_terms", "keywords_terms", "body_terms"
            ).iterator():
                holding += f" {word} " in f" {' '.join(terms)} "
            shares[f"{language}:{word}"] = round(holding / total, 2)
    return shares


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", type=int)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    started = time.perf_counter()
    rows, planted = records(args.pairs, args.seed)
    generated = round(time.perf_counter() - started, 1)
    fill_seconds = fill(rows, locales)
    figures, misses = measure(rows, planted, locales, args.repeats)
    report = {
        "vendor": connection.vendor,
        "pairs": args.pairs,
        "generate_seconds": generated,
        "fill_seconds": fill_seconds,
        "archive": spread(rows, planted),
        "common_words": common_words(locales),
        "figures": figures,
        "past_the_bound": past_the_bound(locales, args.repeats),
        "not_in_top_3": misses,
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
