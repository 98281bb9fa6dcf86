"""Scripted fault checks against gunicorn on PostgreSQL: `cd bench && python faults.py`.

1. The database goes away during requests: readers get 503 pages in their language, and
   the site recovers by itself when the database is back.
2. A gunicorn worker is killed during load: the other requests succeed.
Writes bench/faults.json.
"""

import json
import os
import signal
import subprocess
import threading
import time

from common import ROOT, bench_env, manage
from load import Server, wrk
from tcpproxy import Relay

DATABASE = "newsroom_faults"


def psql(command):
    subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", command],  # noqa: S607
        check=True,
    )


def statuses(server, paths):
    results = []
    for path in paths:
        status, body = server.get(path)
        results.append((path, status, body.decode(errors="replace")))
    return results


def database_outage(url_via_relay, relay):
    paths = ["/ru/news/", "/en/news/"]
    # Without the page cache, so that every request needs the database: cached pages would
    # (rightly) go on being served during the outage and hide what readers get otherwise.
    with Server(
        url_via_relay, workers=2, DATABASE_CONN_MAX_AGE="60", PAGE_CACHE_ENABLED="false"
    ) as server:
        before = [status for _, status, _ in statuses(server, paths)]
        relay.cut()
        during = statuses(server, paths * 3)
        relay.restore()
        time.sleep(0.5)
        after = [status for _, status, _ in statuses(server, paths * 3)]
    languages_ok = all(
        ("Сайт временно недоступен" in body)
        if path.startswith("/ru/")
        else ("The site is temporarily unavailable" in body)
        for path, status, body in during
        if status == 503
    )
    return {
        "before": before,
        "during": [status for _, status, _ in during],
        "after": after,
        "pages_in_readers_language": languages_ok,
        "passed": set(before) == {200}
        and {status for _, status, _ in during} == {503}
        and languages_ok
        and set(after) == {200},
    }


def worker_killed(url):
    with Server(url, workers=3) as server:
        base = f"http://127.0.0.1:{server.port}"
        server.get("/ru/news/")
        victim = server.worker_pids()[0]
        killer = threading.Timer(3, os.kill, args=(victim, signal.SIGKILL))
        killer.start()
        figures = wrk(f"{base}/ru/news/", seconds=8, connections=8)
        killer.join()
        alive = server.worker_pids()
    return {
        **figures,
        "killed_worker": victim,
        "workers_after": len(alive),
        "passed": figures["rps"] > 0 and victim not in alive and len(alive) == 3,
    }


def main():
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    env = bench_env(url)
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    manage("collectstatic", "--noinput", env=env)
    relay = Relay(5432)
    try:
        report = {
            "database_outage": database_outage(
                f"postgres://postgres@127.0.0.1:{relay.port}/{DATABASE}", relay
            ),
            "worker_killed_under_load": worker_killed(url),
        }
    finally:
        relay.close()
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    (ROOT / "bench" / "faults.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
