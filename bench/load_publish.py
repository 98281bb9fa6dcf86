"""Readers under load while an editor publishes: `make load-publish` (or `cd bench && python
load_publish.py`).

gunicorn, started as the Procfile starts it, on PostgreSQL (SQLite with LOAD_ENGINE=sqlite)
with Redis as the shared cache. wrk reads releases, archive pages and searches in both
languages for LOAD_SECONDS (default 300) while bench/editor.py publishes a change to one
of the releases every LOAD_INTERVAL seconds (default 3). Afterwards every publication is
checked: its revision is stored, the release's live revision is the last one published,
and its last mark shows on the release page, in the feed and in search.

Then the spike after a publication: the worker runs as the Procfile runs it (the page
cache's warm-up is its task), LOAD_SPIKE_READERS wrk connections read one release for 10 s
while nothing is published, then for the 10 s that start as the release is published
(wrk starts as the publication does); LOAD_SPIKE_ROUNDS times. "after_publication" holds
the slowest round's p99 and every round's errors.

Writes bench/load_publish-postgres.json (or -sqlite.json). Environment:
  LOAD_SECONDS, LOAD_INTERVAL, LOAD_CONNECTIONS (8), LOAD_WORKERS (3), LOAD_RELEASES (300)
  LOAD_SECONDS=0   only the spike after a publication (no mixed phase, no baseline)
  LOAD_BASELINE_SECONDS  readers alone first, for a same-run comparison (60; 0 skips)
  LOAD_SPIKE_READERS (64), LOAD_SPIKE_ROUNDS (3; 0 skips)
  LOAD_ENGINE      postgres (default) or sqlite
  LOAD_DATABASE    PostgreSQL database to create and drop (default newsroom_load)
  LOAD_REDIS_URL   shared cache (default redis://127.0.0.1:6379/3)
  BENCH_PORTS      e.g. 18400-18499: ports the servers may use
"""

import json
import os
import subprocess
import sys
import threading
import urllib.parse

from common import OUT, PYTHON, ROOT, bench_env, machine, manage
from load import Server

SECONDS = int(os.environ.get("LOAD_SECONDS", "300"))
INTERVAL = float(os.environ.get("LOAD_INTERVAL", "3"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "3"))
RELEASES = int(os.environ.get("LOAD_RELEASES", "300"))
BASELINE = int(os.environ.get("LOAD_BASELINE_SECONDS", "60"))
ENGINE = os.environ.get("LOAD_ENGINE", "postgres")
DATABASE = os.environ.get("LOAD_DATABASE", "newsroom_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/3")
SPIKE_READERS = int(os.environ.get("LOAD_SPIKE_READERS", "64"))
SPIKE_ROUNDS = int(os.environ.get("LOAD_SPIKE_ROUNDS", "3"))
SPIKE_SECONDS = 10
RESULT = ROOT / "bench" / f"load_publish-{ENGINE}.json"

# wrk rotates through the readers' paths and counts answers by status class itself: its
# own summary lumps 4xx and 5xx together.
READERS_LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
    table.insert(threads, thread)
end
function init(args)
    n = math.random(#paths)
    s2xx, s3xx, s4xx, s5xx = 0, 0, 0, 0
end
function request()
    n = n %% #paths + 1
    return wrk.format("GET", paths[n])
end
function response(status, headers, body)
    if status >= 500 then s5xx = s5xx + 1
    elseif status >= 400 then s4xx = s4xx + 1
    elseif status >= 300 then s3xx = s3xx + 1
    else s2xx = s2xx + 1 end
end
function done(summary, latency, requests)
    local c = {s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0}
    for _, thread in ipairs(threads) do
        for key, _ in pairs(c) do c[key] = c[key] + thread:get(key) end
    end
    io.write(string.format(
        'RESULT {"requests": %%d, "duration_us": %%d, "status_2xx": %%d, "status_3xx": %%d, ' ..
        '"status_4xx": %%d, "status_5xx": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, ' ..
        '"max_us": %%d, "connect_errors": %%d, "read_errors": %%d, "write_errors": %%d, ' ..
        '"timeouts": %%d}\\n',
        summary.requests, summary.duration, c.s2xx, c.s3xx, c.s4xx, c.s5xx,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.timeout))
end
"""

# Run inside the project (manage.py shell): the releases the readers and the editor use.
PICK_RELEASES = """
import json
from news.models import NewsArticlePage
live = NewsArticlePage.objects.live().order_by("-date", "-pk")
pages = [live.filter(locale__language_code=code)[:4] for code in ("ru", "en")]
print(json.dumps([{"id": p.pk, "url": p.url, "language": p.locale.language_code}
                  for group in pages for p in group]))
"""

# Run inside the project after the load: what the database holds for each publication.
CHECK_REVISIONS = """
import json, sys
from wagtail.models import PageLogEntry, Revision
from news.models import NewsArticlePage
records = json.loads(sys.stdin.read())
ids = [r["revision_id"] for r in records]
stored = {r.pk: r.content.get("lead", "") for r in Revision.objects.filter(pk__in=ids)}
last = {}
for record in records:
    last[record["page_id"]] = record
live = {p.pk: p.live_revision_id for p in NewsArticlePage.objects.filter(pk__in=last)}
print(json.dumps({
    "stored": sum(1 for r in records if r["mark"] in stored.get(r["revision_id"], "")),
    "live_is_last": sum(1 for pk, r in last.items() if live.get(pk) == r["revision_id"]),
    "pages": len(last),
    "publish_log_entries": PageLogEntry.objects.filter(
        action="wagtail.publish", revision_id__in=ids).count(),
}))
"""


# Run inside the project (manage.py shell): publishes a change to one release each time a
# line comes on stdin, as bench/editor.py does, and says when it is committed.
PUBLISH_ON_LINE = """
import json, sys, uuid
from django.contrib.auth import get_user_model
from news.models import NewsArticlePage
user, _ = get_user_model().objects.get_or_create(
    username="load-editor", defaults={"is_staff": True, "is_superuser": True})
print("ready", flush=True)
for line in sys.stdin:
    page = NewsArticlePage.objects.get(pk=int(line))
    mark = f"spike{uuid.uuid4().hex[:8]}"
    page.lead = f"{page.lead.split(' [')[0]} [{mark}]"
    errors = []
    # SQLite may refuse the write lock at once (the worker polls its queue in exclusive
    # transactions): tried again, and counted.
    while len(errors) < 3:
        try:
            page.save_revision(user=user, log_action=True).publish(user=user)
            break
        except Exception as exc:
            errors.append(repr(exc))
    print(json.dumps({"page_id": page.pk, "mark": mark, "errors": errors}), flush=True)
"""


def psql(command):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", command], check=True)


def prepare():
    """A fresh database with the demo content and an imported archive."""
    if ENGINE == "sqlite":
        path = OUT / "load.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    env = bench_env(url)
    OUT.mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    archive = OUT / f"archive-{RELEASES}-noimages"
    if not archive.exists():
        manage(
            "make_archive",
            "--releases",
            str(RELEASES),
            "--out",
            str(archive),
            "--images",
            "0",
            env=env,
        )
    manage("import_news", str(archive), env=env)
    manage("collectstatic", "--noinput", env=env)
    output = manage("shell", "--no-imports", "-c", PICK_RELEASES, env=env).stdout
    releases = json.loads(output.strip().splitlines()[-1])
    return url, env, releases


def reader_paths(releases):
    quoted = urllib.parse.quote
    paths = [release["url"] for release in releases]
    for language in ("ru", "en"):
        paths += [f"/{language}/news/", f"/{language}/news/?page=2", f"/{language}/news/?page=5"]
        paths.append(f"/{language}/feeds/rss/")
    for query in ("Минск", "визит", "соглашение", "forum", "Minsk", "agreement"):
        language = "en" if query.isascii() else "ru"
        paths.append(f"/{language}/search/?q={quoted(query)}")
    paths.append(f"/ru/search/?q={quoted('сотрудничество')}&sort=date")
    return paths


def run_readers(base, paths, seconds, connections=CONNECTIONS):
    script = OUT / "readers.lua"
    script.write_text(READERS_LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    seconds_run = figures["duration_us"] / 1e6
    return {
        "requests": figures["requests"],
        "rps": round(figures["requests"] / seconds_run, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p90_ms": round(figures["p90_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "max_ms": round(figures["max_us"] / 1000, 1),
        "status_2xx": figures["status_2xx"],
        "status_3xx": figures["status_3xx"],
        "status_4xx": figures["status_4xx"],
        "status_5xx": figures["status_5xx"],
        "socket_errors": sum(
            figures[key] for key in ("connect_errors", "read_errors", "write_errors")
        ),
        "timeouts": figures["timeouts"],
    }


def run_editor(env, port, releases, seconds, records):
    command = [
        PYTHON,
        str(ROOT / "bench" / "editor.py"),
        "--port",
        str(port),
        "--pages",
        ",".join(str(release["id"]) for release in releases),
        "--seconds",
        str(seconds),
        "--interval",
        str(INTERVAL),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        records.append(json.loads(line))
    process.wait()
    if process.returncode:
        raise RuntimeError(f"the editor stopped with status {process.returncode}")


class Worker:
    """The Procfile's worker: stalled tasks queued again, then the database queue worked."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        manage("requeue_stalled_tasks", "--backend", "worker", env=self.env)
        self.process = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "db_worker", "--backend", "worker"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def errors_of(figures):
    return (
        figures["status_4xx"]
        + figures["status_5xx"]
        + figures["socket_errors"]
        + figures["timeouts"]
    )


def publication_spike(server, env, release):
    """Readers of one release in the 10 s after its publication, and without one before."""
    base = f"http://127.0.0.1:{server.port}"
    publisher = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", PUBLISH_ON_LINE],
        cwd=ROOT,
        # On SQLite the editor may wait for the worker's write lock: readers are measured.
        env={"SQLITE_LOCK_TIMEOUT": "30", **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    rounds = []
    try:
        while publisher.stdout.readline().strip() != "ready":
            if publisher.poll() is not None:
                raise RuntimeError("the publisher stopped before publishing")
        with Worker(env):
            for _round in range(SPIKE_ROUNDS):
                server.get(release["url"])  # cached, as between publications
                quiet = run_readers(base, [release["url"]], SPIKE_SECONDS, SPIKE_READERS)
                # wrk starts as the publication does: its 10 s are those after it.
                publisher.stdin.write(f"{release['id']}\n")
                publisher.stdin.flush()
                after = run_readers(base, [release["url"]], SPIKE_SECONDS, SPIKE_READERS)
                published = json.loads(publisher.stdout.readline())
                status, body = server.get(release["url"])
                rounds.append(
                    {
                        "without_publication": quiet,
                        "after_publication": after,
                        "publish_errors": published["errors"],
                        "published": len(published["errors"]) < 3,
                        "mark_shown": status == 200 and published["mark"].encode() in body,
                    }
                )
    finally:
        publisher.stdin.close()
        publisher.wait(timeout=60)
    slowest = max(rounds, key=lambda r: r["after_publication"]["p99_ms"])["after_publication"]
    summed = ("status_4xx", "status_5xx", "socket_errors", "timeouts", "requests")
    after = {
        **slowest,
        **{key: sum(r["after_publication"][key] for r in rounds) for key in summed},
    }
    after["errors"] = errors_of(after)
    quiet_p99 = sorted(r["without_publication"]["p99_ms"] for r in rounds)
    after_p99 = sorted(r["after_publication"]["p99_ms"] for r in rounds)
    return {
        "readers": SPIKE_READERS,
        "seconds": SPIKE_SECONDS,
        "path": release["url"],
        "worker": "db_worker --backend worker",
        "after_publication": after,
        "median_p99_ms_without_publication": quiet_p99[len(quiet_p99) // 2],
        "median_p99_ms_after_publication": after_p99[len(after_p99) // 2],
        "p99_ratio_after_to_without": (
            round(after_p99[len(after_p99) // 2] / quiet_p99[len(quiet_p99) // 2], 2)
            if quiet_p99[len(quiet_p99) // 2]
            else None
        ),
        "rounds": rounds,
    }


def check_after(server, env, records):
    """Every publication stored, the last one live and visible on every public surface."""
    database = json.loads(
        subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", CHECK_REVISIONS],
            input=json.dumps(records),
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    last = {}
    for record in records:
        last[record["page_id"]] = record
    visible = {"article": 0, "feed": 0, "search": 0}
    for record in last.values():
        language = record["path"].split("/")[1]
        for surface, path in (
            ("article", record["path"]),
            ("feed", f"/{language}/feeds/rss/"),
            ("search", f"/{language}/search/?q={record['mark']}"),
        ):
            status, body = server.get(path)
            if status == 200 and record["mark"].encode() in body:
                visible[surface] += 1
    return {**database, "visible_after": visible}


def main():
    records = []
    baseline = readers = after = spike = None
    try:
        url, env, releases = prepare()
        server = Server(url, workers=WORKERS, REDIS_URL=REDIS_URL)
        # The worker's warm-up requests the pages at the address readers use (wrk's).
        server.env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{server.port}"
        with server:
            env = {**server.env}
            base = f"http://127.0.0.1:{server.port}"
            paths = reader_paths(releases)
            for path in paths:
                server.get(path)  # warm renditions and the cache once
            if SECONDS:
                # The same readers without publications first: timings on a shared machine
                # compare only within one run.
                baseline = run_readers(base, paths, BASELINE) if BASELINE else None
                editor = threading.Thread(
                    target=run_editor,
                    args=(env, server.port, releases, SECONDS - 5, records),
                )
                editor.start()
                readers = run_readers(base, paths, SECONDS)
                editor.join()
                after = check_after(server, env, records)
            if SPIKE_ROUNDS:
                spike = publication_spike(server, env, releases[0])
    finally:
        if ENGINE != "sqlite":
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    published = len(records)
    lags = sorted(r["visible_ms"] for r in records if r["visible_ms"] is not None)
    report = {
        "engine": ENGINE,
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "gunicorn_workers": WORKERS,
        "archive_release_pairs": RELEASES,
        "reader_paths": len(paths),
        "readers_without_publishing": baseline,
        "readers": readers,
        "rps_ratio_to_without_publishing": (
            round(readers["rps"] / baseline["rps"], 3) if baseline and readers else None
        ),
        "publishing": {
            "interval_s": INTERVAL,
            "published": published,
            "failed": sum(1 for r in records if r["error"]),
            "never_visible": sum(1 for r in records if r["visible_ms"] is None),
            "visible_p50_ms": lags[len(lags) // 2] if lags else None,
            "visible_max_ms": lags[-1] if lags else None,
        }
        if SECONDS
        else None,
        "after": after,
        "after_publication": spike["after_publication"] if spike else None,
        "publication_spike": spike,
        "machine": machine(),
    }
    mixed_passed = SECONDS == 0 or (
        readers["status_5xx"] == 0
        and (baseline is None or baseline["status_5xx"] == 0)
        and readers["socket_errors"] == 0
        and readers["timeouts"] == 0
        and published > 0
        and report["publishing"]["failed"] == 0
        and report["publishing"]["never_visible"] == 0
        and after["stored"] == published
        and after["publish_log_entries"] == published
        and after["live_is_last"] == after["pages"]
        and all(count == after["pages"] for count in after["visible_after"].values())
    )
    spike_passed = spike is None or (
        spike["after_publication"]["errors"] == 0
        and all(r["mark_shown"] and r["published"] for r in spike["rounds"])
    )
    report["passed"] = mixed_passed and spike_passed
    RESULT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
