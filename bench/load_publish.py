"""Readers under load while an editor publishes: `make load-publish` (or `cd bench && python
load_publish.py`).

gunicorn, started as the Procfile starts it, on PostgreSQL (SQLite with LOAD_ENGINE=sqlite)
with Redis as the shared cache. wrk reads releases, archive pages and searches in both
languages for LOAD_SECONDS (default 300) while bench/editor.py publishes a change to one
of the releases every LOAD_INTERVAL seconds (default 3). Afterwards every publication is
checked: its revision is stored, the release's live revision is the last one published,
and its last mark shows on the release page, in the feed and in search.

Writes bench/load_publish.json. Environment:
  LOAD_SECONDS, LOAD_INTERVAL, LOAD_CONNECTIONS (8), LOAD_WORKERS (3), LOAD_RELEASES (300)
  LOAD_BASELINE_SECONDS  readers alone first, for a same-run comparison (60; 0 skips)
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
RESULT = ROOT / "bench" / "load_publish.json"

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


def run_readers(base, paths, seconds):
    script = OUT / "readers.lua"
    script.write_text(READERS_LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
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
    try:
        url, env, releases = prepare()
        with Server(url, workers=WORKERS, REDIS_URL=REDIS_URL) as server:
            env = {**server.env}
            base = f"http://127.0.0.1:{server.port}"
            paths = reader_paths(releases)
            for path in paths:
                server.get(path)  # warm renditions and the cache once
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
            round(readers["rps"] / baseline["rps"], 3) if baseline else None
        ),
        "publishing": {
            "interval_s": INTERVAL,
            "published": published,
            "failed": sum(1 for r in records if r["error"]),
            "never_visible": sum(1 for r in records if r["visible_ms"] is None),
            "visible_p50_ms": lags[len(lags) // 2] if lags else None,
            "visible_max_ms": lags[-1] if lags else None,
        },
        "after": after,
        "machine": machine(),
    }
    report["passed"] = (
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
    RESULT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
