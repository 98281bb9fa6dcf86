"""Where the time of an uncached release page goes.

Renders the benchmark release (5 photos, 3 partner cities, 3 related releases) through the
test client with the whole-page cache off: first plain renders for the median, then half as
many under cProfile. Reported as shares of the profiled time: the main steps of the page
(they overlap: the metadata is built inside the template) and the own time of the code by
where it lives (these add up to the whole).

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        python profile_article.py [ru|en] [renders] [cold]
"""

import cProfile
import json
import statistics
import sys
import time

import django

django.setup()

from fixtures import bench_release  # noqa: E402
from profiling import shares  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Entry points whose cumulative time is reported: (label, file ending, function name).
ENTRY_POINTS = [
    ("routing to the page", "wagtail/models/pages.py", "route_for_request"),
    ("template rendering", "django/template/response.py", "rendered_content"),
    ("kept route to the release", "news/distribution/routes.py", "_route_from_kept"),
    ("head metadata and JSON-LD", "news/distribution/templatetags/metadata_tags.py", "page_meta"),
    ("language switch", "news/distribution/templatetags/navigation_tags.py", "language_switch"),
    ("gallery and its renditions", "gallery/renditions.py", "gallery_photos"),
    ("body blocks", "wagtail/templatetags/wagtailcore_tags.py", "render"),
    ("page URLs", "wagtail/models/pages.py", "get_url"),
]


def profile(url, renders, cold=False):
    """`cold`: the cache is emptied before each render, as for the first reader after a
    publication or a crawler; otherwise what is kept per publication is read."""

    def get():
        if cold:
            cache.clear()
        client.get(url)

    with override_settings(PAGE_CACHE_ENABLED=False):
        client = Client()
        get()
        with CaptureQueriesContext(connection) as queries:
            get()
        # Counted now: the next request clears the connection's query log.
        query_count = len(queries)
        samples, cpu = [], []
        for _ in range(renders):
            start, start_cpu = time.perf_counter(), time.process_time()
            get()
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(renders // 2):
            get()
        profiler.disable()
    return {
        "url": url,
        "cold": cold,
        "queries": query_count,
        "median_ms": round(statistics.median(samples), 2),
        # Processor time of this process only: less disturbed by others sharing the machine.
        "median_cpu_ms": round(statistics.median(cpu), 2),
        **shares(profiler, ENTRY_POINTS),
    }


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else "ru"
    renders = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    cold = len(sys.argv) > 3 and sys.argv[3] == "cold"
    ru_page, en_page = bench_release()
    page = ru_page if language == "ru" else en_page
    json.dump(profile(page.url, renders, cold), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
