"""Where the time of the search page goes: the search itself against the page around it.

For the benchmark's query set, alone and with the busiest partner city and year (the
report's two sets), on the archive DATABASE_URL points at: each address is timed through
the test client with the whole-page cache off, and news.search.engine.search is timed on
its own for the same query, filters and locale, alternately, so that both see the same
machine. Then one pass over every address runs under cProfile. SQL time is the wall time
of the page's statements, as the view waits for them.

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        PYTHONPATH=..:../site python profile_search.py [repeats]
"""

import cProfile
import json
import statistics
import sys
import time

import django

django.setup()

from common import summary  # noqa: E402
from inprocess import SEARCH_QUERIES, search_sets  # noqa: E402
from profiling import shares  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from news.search.engine import search  # noqa: E402

ENTRY_POINTS = [
    ("the search (engine.search)", "news/search/engine.py", "search"),
    ("the results' releases and cities", "news/search/views.py", "_result_pages"),
    ("snippets", "news/search/text.py", "snippet"),
    ("highlighted titles", "news/search/text.py", "highlight"),
    ("release bodies as text", "news/search/text.py", "body_text"),
    ("city names of the facets", "news/search/views.py", "_city_names"),
    ("template rendering", "django/template/loader.py", "render_to_string"),
    ("release URLs", "wagtail/models/pages.py", "get_url"),
    ("middleware before the view", "wagtail/models/sites.py", "find_for_request"),
]


class SQLTimer:
    """Statements and their wall time (Django's debug cursor rounds to milliseconds)."""

    def __init__(self):
        self.count, self.ms = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.ms += _ms(start)


def _ms(start):
    return (time.perf_counter() - start) * 1000


def measure(repeats):
    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    client = Client()
    results, addresses = {}, []
    for label, params, filters in search_sets():
        engine_ms, page_ms, sql_ms, queries = [], [], [], set()
        for language, query in SEARCH_QUERIES:
            with translation.override(language):
                address = f"{reverse('search')}?q={query}" + (f"&{params}" if params else "")
            addresses.append(address)
            client.get(address)  # makes the result cards' photo sizes
            for _ in range(repeats):
                start = time.perf_counter()
                search(query, [locales[language]], filters)
                engine_ms.append(_ms(start))
                timer = SQLTimer()
                with connection.execute_wrapper(timer):
                    start = time.perf_counter()
                    response = client.get(address)
                    page_ms.append(_ms(start))
                if response.status_code != 200:
                    raise RuntimeError(f"{address} answered {response.status_code}")
                queries.add(timer.count)
                sql_ms.append(timer.ms)
        engine, page = summary(engine_ms), summary(page_ms)
        results[label] = {
            "filter": params,
            "engine": engine,
            "page": page,
            "page_minus_engine_median_ms": round(page["median_ms"] - engine["median_ms"], 2),
            "sql_per_page_median_ms": round(statistics.median(sql_ms), 2),
            "queries_per_page": sorted(queries),
        }
    profiler = cProfile.Profile()
    profiler.enable()
    for address in addresses:
        client.get(address)
    profiler.disable()
    results["profile"] = shares(profiler, ENTRY_POINTS)
    return results


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with override_settings(PAGE_CACHE_ENABLED=False, DEBUG=False):
        json.dump(measure(repeats), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
