"""Where the time of an uncached release page goes.

Renders the benchmark release (5 photos, 3 partner cities, 3 related releases) through the
test client with the whole-page cache off: first RENDERS plain renders for the median, then
the same number under cProfile, reported per render for the parts of the page. Parts
overlap (the database time is spent inside the template time, for instance).

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        python profile_article.py [ru|en] [renders]
"""

import cProfile
import json
import pstats
import statistics
import sys
import time

import django

django.setup()

from fixtures import bench_release  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# (label, file ending, function name): cumulative time of these entry points.
PARTS = [
    ("whole request", "django/test/client.py", "get"),
    ("page view (wagtail serve)", "wagtail/views.py", "serve"),
    ("routing to the page", "wagtail/models/pages.py", "route_for_request"),
    ("template rendering", "django/template/response.py", "rendered_content"),
    ("head metadata and JSON-LD", "news/templatetags/public_tags.py", "page_meta"),
    ("language switch", "news/templatetags/news_tags.py", "language_switch"),
    ("gallery renditions", "gallery/renditions.py", "gallery_photos"),
    ("rendition lookups", "wagtail/images/models.py", "get_renditions"),
    ("page URLs", "wagtail/models/pages.py", "get_url_parts"),
    ("body blocks", "wagtail/templatetags/wagtailcore_tags.py", "render"),
    ("database queries", "django/db/backends/utils.py", "_execute"),
    ("model instances from rows", "django/db/models/query.py", "__iter__"),
]


def profile(url, renders):
    with override_settings(PAGE_CACHE_ENABLED=False):
        client = Client()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        samples = []
        for _ in range(renders):
            start = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(renders):
            client.get(url)
        profiler.disable()
    stats = pstats.Stats(profiler).stats
    parts = {}
    for label, filename, function in PARTS:
        total = sum(
            entry[3]
            for (path, _line, name), entry in stats.items()
            if path.endswith(filename) and name == function
        )
        parts[label] = round(total * 1000 / renders, 2)
    return {
        "url": url,
        "queries": len(queries),
        "median_ms": round(statistics.median(samples), 2),
        "profiled_ms_per_render": parts,
    }


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else "ru"
    renders = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    ru_page, en_page = bench_release()
    page = ru_page if language == "ru" else en_page
    json.dump(profile(page.url, renders), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
