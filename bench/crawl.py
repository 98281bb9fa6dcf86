"""A crawler reading the archive: distinct release addresses in random order, each once.

Both languages of a release are addresses of their own. Eight clients share one shuffled
list through gunicorn started as the Procfile starts it, with the page cache on as in
production (Redis when it answers), so every request is a page cache miss. The static file
of the same size is read by wrk just before and just after the crawl, on the same server.

The clients are Python threads with keep-alive connections: wrk cannot stop when a list of
addresses runs out. Their ceiling is measured on the static file in the same run, and their
CPU time is recorded, to show whether the clients or the server set the pace.

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        python crawl.py PAGES SECONDS ARTICLE_PATH

Prints the figures as JSON.
"""

import cProfile
import http.client
import itertools
import json
import os
import pstats
import random
import statistics
import sys
import threading
import time

from common import ROOT
from load import Server, shared_cache, wrk

CLIENTS = 8


def crawl_paths(count, seed=0):
    """Up to `count` distinct addresses of live releases, both languages, in random order."""
    from wagtail.models import Page

    from news.models import NewsArticlePage

    ids = list(NewsArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(count, len(ids)))
    urls = {}
    for start in range(0, len(chosen), 500):
        for page in Page.objects.filter(pk__in=chosen[start : start + 500]):
            urls[page.pk] = page.get_url()
    return [urls[pk] for pk in chosen]


def renditions():
    """Image renditions stored: a crawl reading photos no one has viewed makes them."""
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.count()


def prepare_photos(batch=200):
    """Every photo's published sizes, made before the crawl as the worker makes them after
    an import (gallery.tasks): a crawl of an imported archive then measures pages, not
    photo encoding. Copies of releases share their originals' photos."""
    from gallery.models import NewsImage
    from gallery.tasks import prepare_renditions

    ids = list(NewsImage.objects.order_by("pk").values_list("pk", flat=True))
    made, start = renditions(), time.perf_counter()
    for first in range(0, len(ids), batch):
        prepare_renditions(ids[first : first + batch])
    return {
        "photos": len(ids),
        "renditions_made": renditions() - made,
        "seconds": round(time.perf_counter() - start, 1),
    }


def _percentile(ordered, fraction):
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def read_all(port, paths, clients=CLIENTS):
    """Every path once, spread over `clients` keep-alive connections; req/s, p50/p99, errors."""
    taken = itertools.count()  # next() on a count is atomic under the GIL
    latencies, kinds = [], {}
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, failed = [], {}
        while (n := next(taken)) < len(paths):
            start = time.perf_counter()
            try:
                connection.request("GET", paths[n])
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed[f"status {response.status}"] = (
                        failed.get(f"status {response.status}", 0) + 1
                    )
            except (OSError, http.client.HTTPException) as error:
                failed[type(error).__name__] = failed.get(type(error).__name__, 0) + 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            for kind, number in failed.items():
                kinds[kind] = kinds.get(kind, 0) + number

    threads = [threading.Thread(target=client) for _ in range(clients)]
    cpu, wall = time.process_time(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": round(wall, 1),
        "rps": round(len(ordered) / wall, 2),
        "p50_ms": round(_percentile(ordered, 0.5), 2),
        "p99_ms": round(_percentile(ordered, 0.99), 2),
        "errors": sum(kinds.values()),
        "error_kinds": kinds,
        # Of one core: the clients' own share of the machine while they ran.
        "client_cpu_share": round(cpu / wall, 3),
    }


# Where a render's own time goes, by the file a function is in (the first match wins).
PARTS = [
    ("database driver and ORM", ("django/db/", "sqlite3", "psycopg")),
    ("templates", ("django/template/", "jinja2")),
    ("images and renditions", ("wagtail/images/", "PIL/", "willow/")),
    ("Wagtail (other)", ("wagtail/",)),
    ("the project", (f"{ROOT.name}/news/", f"{ROOT.name}/core/", f"{ROOT.name}/gallery/")),
    ("Django (other)", ("django/",)),
]


def profile_renders(paths, profiled):
    """Cold renders in this process: time and the database's share of it over `paths`, then
    own time by part under cProfile over `profiled` (the profiler slows Python, not SQL)."""
    from django.db import connection
    from django.test import Client

    database = {"seconds": 0.0, "queries": 0}

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            database["seconds"] += time.perf_counter() - start
            database["queries"] += 1

    client = Client()
    client.get("/ru/")  # the first request's imports and connections are not a render's
    renders = []
    with connection.execute_wrapper(timed):
        for path in paths:
            start = time.perf_counter()
            client.get(path)
            renders.append((time.perf_counter() - start) * 1000)
    profiler = cProfile.Profile()
    for path in profiled:
        profiler.runcall(client.get, path)
    parts = dict.fromkeys([name for name, _ in PARTS] + ["Python and other libraries"], 0.0)
    own = 0.0
    for (filename, _, function), (_, _, own_time, _, _) in pstats.Stats(profiler).stats.items():
        own += own_time
        # Built-ins have no file: "<method 'execute' of 'sqlite3.Cursor' objects>".
        where = f"{filename}:{function}"
        name = next(
            (name for name, marks in PARTS if any(mark in where for mark in marks)),
            "Python and other libraries",
        )
        parts[name] += own_time
    return {
        "renders": len(paths),
        "median_ms": round(statistics.median(renders), 1),
        "queries_per_render": round(database["queries"] / len(paths), 1),
        "database_share": round(database["seconds"] / (sum(renders) / 1000), 3),
        "profiled_renders": len(profiled),
        "own_time_shares": {name: round(seconds / own, 3) for name, seconds in parts.items()},
    }


def main():
    import django

    django.setup()
    from django.db import connections

    pages, seconds, article_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    paths = crawl_paths(pages)
    photos = prepare_photos()
    made_before = renditions()
    connections.close_all()
    database_url = os.environ["DATABASE_URL"]
    with Server(database_url) as server:
        status, body = server.get(article_path)
        assert status == 200, article_path
    # Whitenoise lists the static files when the server starts: the copy is written first.
    (ROOT / "staticfiles" / "bench").mkdir(parents=True, exist_ok=True)
    (ROOT / "staticfiles" / "bench" / "crawl.html").write_bytes(body)
    redis = shared_cache()
    extra = {"REDIS_URL": redis} if redis else {}
    with Server(database_url, **extra) as server:
        static = f"http://127.0.0.1:{server.port}/static/bench/crawl.html"
        before = wrk(static, seconds, connections=CLIENTS)
        crawl = read_all(server.port, paths)
        # The same clients on the static file: how fast they can go at all.
        ceiling = read_all(server.port, ["/static/bench/crawl.html"] * min(len(paths), 5000))
        after = wrk(static, seconds, connections=CLIENTS)
    if redis:
        shared_cache()  # empties it: the crawl's pages would sit there until they expire
    static_rps = (before["rps"] + after["rps"]) / 2
    crawl["renditions_made"] = renditions() - made_before
    return {
        "pages": len(paths),
        "clients": CLIENTS,
        "photos_prepared": photos,
        "cache": "redis" if redis else "memory",
        "page_bytes": len(body),
        "crawl": {**crawl, "ratio_to_static": round(crawl["rps"] / static_rps, 4)},
        "static_before": before,
        "static_after": after,
        "client_ceiling_on_static": ceiling,
        "profile": profile_renders(paths[:30], paths[30:60]),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
