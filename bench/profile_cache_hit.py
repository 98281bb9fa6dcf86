"""What a page-cache hit costs beside the static file it is measured against.

Calls the WSGI application in this process, as a gunicorn worker does, without the HTTP
server around it (which costs both the same): the benchmark release from the page cache,
and a static file of the same size through whitenoise, alternately; then hits under
cProfile. Run it once as it is (each worker's memory) and once with REDIS_URL set (the
shared cache) to see what the round trip adds.

    cd bench && DJANGO_SETTINGS_MODULE=newsroom.settings.bench DATABASE_URL=... \\
        PYTHONPATH=..:../site [REDIS_URL=redis://127.0.0.1:6379/5] \\
        python profile_cache_hit.py [requests]
"""

import cProfile
import json
import sys
import time
from wsgiref.util import setup_testing_defaults

import django

django.setup()

from common import ROOT, summary  # noqa: E402
from fixtures import bench_release  # noqa: E402
from profiling import shares  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

STATIC_PATH = "/static/bench/article.html"
ENTRY_POINTS = [
    ("answering hits early", "news/caching/hits.py", "__call__"),
    ("the page cache middleware", "news/caching/middleware.py", "__call__"),
    ("reading the page cache", "news/caching/middleware.py", "_read"),
    ("shared cache round trips", "django_redis/client/default.py", "get_many"),
    ("unpickling the page", "~", "<built-in method _pickle.loads>"),
    ("sessions", "django/contrib/sessions/middleware.py", "process_request"),
    ("language from the address", "django/middleware/locale.py", "process_request"),
    ("security headers", "django/middleware/security.py", "process_response"),
    ("content security policy", "csp/middleware.py", "process_response"),
]


def _environ(path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8000", "wsgi.multiprocess": True}
    setup_testing_defaults(environ)
    return environ


def get(application, path):
    """The status, headers and body of one request, read to the end as a server would."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    response = application(_environ(path), start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    return answer["status"], answer["headers"], body


def _timed(application, path):
    start = time.perf_counter()
    get(application, path)
    return (time.perf_counter() - start) * 1000


def measure(requests):
    ru_page, _en_page = bench_release()
    path = ru_page.url
    # The static file is the release's own HTML; whitenoise indexes files at start-up.
    _status, _headers, body = get(WSGIHandler(), path)
    static = ROOT / "staticfiles" / "bench"
    static.mkdir(parents=True, exist_ok=True)
    (static / "article.html").write_bytes(body)
    application = WSGIHandler()
    for address in (path, STATIC_PATH):
        status, headers, _body = get(application, address)
        if not status.startswith("200"):
            raise RuntimeError(f"{address} answered {status}")
    status, headers, _body = get(application, path)
    if headers.get("X-Page-Cache") != "hit":
        raise RuntimeError(f"{path} is not served from the page cache")
    page_ms, static_ms = [], []
    for _ in range(requests):
        page_ms.append(_timed(application, path))
        static_ms.append(_timed(application, STATIC_PATH))
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests // 2):
        get(application, path)
    profiler.disable()
    # Hits take a fraction of a millisecond: to the microsecond.
    page, static_file = summary(page_ms, digits=3), summary(static_ms, digits=3)
    return {
        "cache": caches[settings.PAGE_CACHE_ALIAS].__class__.__name__,
        "page_bytes": len(body),
        "cached_release": page,
        "static_file": static_file,
        "static_to_page_ratio": round(static_file["median_ms"] / page["median_ms"], 3),
        "profile_of_hits": shares(profiler, ENTRY_POINTS),
    }


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    json.dump(measure(requests), sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
