"""Throughput and memory of gunicorn, started as the Procfile starts it, driven by wrk."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from common import ROOT, bench_env, free_port

GUNICORN = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "gunicorn")
# Every request a new address: `bench` is read by no page, so each one is a cache miss;
# `fbclid` is what a link shared on a social network gets, one value per click.
UNIQUE_PATHS = """
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", wrk.path .. "?%s=" .. counter)
end
"""
# The archive's pages in turn, as a crawler walking it reads them: each a page-cache miss,
# while the counts beside the listing stay kept until the listings change. Each of wrk's
# threads starts a thousand pages from the other.
ARCHIVE_PAGES = """
local started = 0
setup = function(thread)
    started = started + 1
    thread:set("counter", started * 1000)
end
request = function()
    counter = counter %% %d + 1
    return wrk.format("GET", wrk.path .. "?page=" .. counter)
end
"""


class Server:
    """gunicorn with the Procfile's arguments, bound to a free port on 127.0.0.1."""

    def __init__(self, database_url, workers=2, **env):
        self.port = free_port()
        self.env = bench_env(database_url, **env)
        self.workers = workers

    def __enter__(self):
        command = [
            GUNICORN,
            "--pythonpath",
            "site,.",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "newsroom.wsgi",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/ru/")
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def wrk(url, seconds=10, connections=16, unique=None, pages=None):
    """Requests per second, p50/p99 latency and errors for one URL (`unique`: a parameter
    given a new value in every request; `pages`: the archive's first that many pages in
    turn)."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if unique or pages:
        script = ROOT / "bench" / "out" / f"unique-{unique or pages}.lua"
        script.write_text(UNIQUE_PATHS % unique if unique else ARCHIVE_PAGES % pages)
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return round(value * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    return {"rps": rps, "p50_ms": latency(50), "p99_ms": latency(99), **errors(output)}


def errors(output):
    """wrk's failed requests, in all and by kind (only the kinds that happened)."""
    kinds = {}
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        counts = map(int, sockets.groups())
        kinds.update(zip(("connect", "read", "write", "timeout"), counts, strict=True))
    status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if status:
        kinds["status"] = int(status.group(1))
    kinds = {kind: count for kind, count in kinds.items() if count}
    return {"errors": sum(kinds.values()), "error_kinds": kinds}


# Rounds of the static file and the pages through Redis, in turn (see `interleaved`).
SHARED_ROUNDS = int(os.environ.get("BENCH_SHARED_ROUNDS", "3"))

# The Procfile's gunicorn workers when WEB_CONCURRENCY is not set.
PROCFILE_WORKERS = 3

# Archive pages walked by `archive_uncached`; the largest archive has some 5,000 a language.
ARCHIVE_WALK = 2000


def throughput(database_url, article_path, seconds=10):
    """Each page beside a static file of the same size served by the same server."""
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed"}
    static_root = ROOT / "staticfiles"
    with Server(database_url) as server:
        status, body = server.get(article_path)
        assert status == 200, article_path
    (static_root / "bench").mkdir(parents=True, exist_ok=True)
    (static_root / "bench" / "article.html").write_bytes(body)
    search_path = "/ru/search/?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA"
    with Server(database_url) as server:
        base = f"http://127.0.0.1:{server.port}"
        for path in (article_path, "/ru/news/"):
            server.get(path)  # warm the cache and the renditions
        # Every worker's cache too: a cold search at 100,000 pairs takes about a second, and
        # the connections queued behind the first renders would dominate the cached search
        # page's p99, or time out.
        wrk(f"{base}{search_path}", 3)
        # The requests wrk left queued when it stopped are still answered, one cold search
        # after another; a request sent now waits behind them, so nothing measured below
        # starts while they hold the workers (a PostgreSQL run at 100,000 pairs once
        # measured the static file at 0 requests a second).
        for _worker in range(server.workers):
            server.get(search_path)
        results = {
            "static_same_size": wrk(f"{base}/static/bench/article.html", seconds),
            "article_cached": wrk(f"{base}{article_path}", seconds),
            "article_shared_link": wrk(f"{base}{article_path}", seconds, unique="fbclid"),
            "archive": wrk(f"{base}/ru/news/", seconds),
            # Pages the cache does not hold yet: a few hundred requests at most in a run.
            "archive_uncached": wrk(f"{base}/ru/news/", seconds, pages=ARCHIVE_WALK),
            "search": wrk(f"{base}{search_path}", seconds),
        }
    # Made on every request: the whole-page cache is off (a parameter no page reads would
    # not do, it is dropped before the cache key). What is kept per publication stays.
    with Server(database_url, PAGE_CACHE_ENABLED="false") as server:
        base = f"http://127.0.0.1:{server.port}"
        for path in (article_path, "/ru/news/"):
            server.get(path)
        results["article_uncached"] = wrk(f"{base}{article_path}", seconds)
    shared = shared_cache()
    if shared is not None:
        # With more than one worker the cache must be shared (README): the same pages with
        # Redis, one round trip away, instead of each worker's memory.
        with Server(database_url, REDIS_URL=shared) as server:
            results.update(interleaved(server, article_path, seconds))
        # Again as the Procfile starts it: there a worker waiting for Redis leaves the core
        # to another, which two workers on two cores cannot.
        with Server(database_url, workers=PROCFILE_WORKERS, REDIS_URL=shared) as server:
            more = interleaved(server, article_path, seconds)
        results.update({f"{name}_{PROCFILE_WORKERS}_workers": f for name, f in more.items()})
    static = results["static_same_size"]["rps"]
    for figures in results.values():
        if "ratio_to_static" not in figures:
            figures["ratio_to_static"] = round(figures["rps"] / static, 3) if static else None
    results["page_bytes"] = len(body)
    return results


def interleaved(server, article_path, seconds, rounds=SHARED_ROUNDS):
    """Hits through Redis against the static file read on the same server in each round.

    A ratio to a static file read minutes before, on another server, moved by a third
    between runs on a shared machine; rounds of static file, release and archive in turn
    keep each ratio to what the machine gave in the same minute. The median round is kept.
    """
    base = f"http://127.0.0.1:{server.port}"
    for path in (article_path, "/ru/news/"):
        server.get(path)
    targets = {
        "article_cached_redis": f"{base}{article_path}",
        "archive_redis": f"{base}/ru/news/",
    }
    taken = []
    for _round in range(rounds):
        static = wrk(f"{base}/static/bench/article.html", seconds)
        taken.append((static, {name: wrk(url, seconds) for name, url in targets.items()}))
    results = {}
    for name in targets:
        ratios = [pages[name]["rps"] / static["rps"] for static, pages in taken]
        median = sorted(range(rounds), key=ratios.__getitem__)[rounds // 2]
        results[name] = {
            **taken[median][1][name],
            "ratio_to_static": round(ratios[median], 3),
            "ratios_by_round": [round(ratio, 3) for ratio in ratios],
            "static_rps_by_round": [static["rps"] for static, _pages in taken],
        }
    return results


def shared_cache():
    """BENCH_REDIS_URL (default database 5 of the local Redis), emptied, or None without Redis."""
    import redis

    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError:
        return None
    return url


def memory(database_url, article_path, total=10_000):
    """Resident memory of one worker after `total` requests, and its growth over the last half."""
    paths = [article_path, "/ru/news/", "/en/news/", "/ru/"]
    readings = {}
    with Server(database_url, workers=1) as server:
        (worker,) = server.worker_pids()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for n in range(1, total + 1):
            connection.request("GET", f"{paths[n % len(paths)]}?m={n % 500}")
            connection.getresponse().read()
            if n in (total // 2, total):
                readings[n] = rss_mib(worker)
        connection.close()
    first, last = readings[total // 2], readings[total]
    return {
        "requests": total,
        "rss_mib_at_half": first,
        "rss_mib_at_end": last,
        "growth_mib_last_half": round(last - first, 1),
    }
