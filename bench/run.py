"""`make bench`: build fixed archives, measure, and write bench/REPORT.md and bench/report.json.

Environment:
  BENCH_RELEASES  release pairs in the largest archive (default 10000; 100000 for the large run)
  BENCH_ENGINES   comma-separated: sqlite, postgres (default: both when PostgreSQL answers);
                  the report keeps the other engine's figures from an earlier run of the
                  same size, so the two can be measured at different times
  BENCH_IMPORT_UP_TO
                  the largest archive built by importing (default 10000); larger sizes are
                  reached by copying the imported releases (grow.py)
  BENCH_SECONDS   seconds per load test (default 10)
  BENCH_REDIS_URL Redis for the shared-cache load tests (default redis://127.0.0.1:6379/5,
                  emptied first; skipped when it does not answer)
  BENCH_INDEX_PAIRS
                  archive sizes for the search engine on index rows alone
                  (default 1000,10000,100000; empty to skip)
  BENCH_RELEVANCE_PAIRS
                  archive sizes for search relevance over the whole archive
                  (search_relevance.py; default 10000; empty to skip)
  BENCH_CRAWL_AT  archive sizes at which a crawler reads the archive (crawl.py; default
                  10000,100000; empty to skip, keeping the last crawl of each size)
  BENCH_CRAWL_PAGES
                  distinct release addresses the crawler reads, each once (default 20000)
  BENCH_SKIP      comma-separated sections left out: load (gunicorn under wrk), memory,
                  import (import without images)

Each phase prints the seconds since the start. On an idle 2-core machine a crawl of 20,000
addresses takes 4 to 8 minutes (at the 40 to 90 uncached pages/s measured on one release
under wrk); the first one also makes the renditions of every imported photo (about 14
each), so fewer imported pairs shorten it. Importing runs at about 25 to 35 pairs/s with images.
A run with the crawl at 10,000 and 100,000 pairs on both databases, estimated at about 40
minutes (the search sections, the memory test and an import of 10,000 pairs left out):

  BENCH_RELEASES=100000 BENCH_IMPORT_UP_TO=300 BENCH_INDEX_PAIRS= BENCH_RELEVANCE_PAIRS= \
      BENCH_SKIP=memory BENCH_SECONDS=5 make bench
"""

import datetime
import json
import os
import subprocess
import sys
import time

from common import OUT, ROOT, bench_env, machine, manage

RELEASES = int(os.environ.get("BENCH_RELEASES", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
IMPORT_UP_TO = int(os.environ.get("BENCH_IMPORT_UP_TO", "10000"))
INDEX_PAIRS = [
    int(n) for n in os.environ.get("BENCH_INDEX_PAIRS", "1000,10000,100000").split(",") if n
]


def postgres_available():
    return (
        subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"],  # noqa: S607
            check=False,
        ).returncode
        == 0
    )


def engines():
    wanted = os.environ.get("BENCH_ENGINES")
    if wanted:
        return [e.strip() for e in wanted.split(",") if e.strip()]
    return ["sqlite", "postgres"] if postgres_available() else ["sqlite"]


def sizes():
    # The imported archive is a step of its own: the larger ones are copies of it.
    steps = {size for size in (1_000, 10_000, 100_000, IMPORT_UP_TO) if size < RELEASES}
    return [*sorted(steps), RELEASES]


def crawl(env, article):
    """A crawler reading distinct release addresses once each (crawl.py)."""
    run = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "bench" / "crawl.py"),
            str(CRAWL_PAGES),
            str(SECONDS),
            article,
        ],
        env=env,
        cwd=ROOT / "bench",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


def fresh_database(engine, name="newsroom_bench"):
    if engine == "sqlite":
        path = OUT / f"{name.removeprefix('newsroom_')}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    for command in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        subprocess.run(  # noqa: S603
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", command],  # noqa: S607
            check=True,
        )
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def database_size(engine, url):
    code = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "if connection.vendor == 'postgresql':\n"
        "    c.execute('select pg_database_size(current_database())')\n"
        "else:\n"
        "    c.execute('select page_count * page_size'\n"
        "              ' from pragma_page_count(), pragma_page_size()')\n"
        "print(c.fetchone()[0])\n"
    )
    result = manage("shell", "--no-imports", "-c", code, env=bench_env(url))
    return int(result.stdout.strip().splitlines()[-1])


def import_rate(url, size, images):
    archive = OUT / f"archive-{size}{'' if images else '-noimages'}"
    if not archive.exists():
        args = ["make_archive", "--releases", str(size), "--out", str(archive)]
        if not images:
            args += ["--images", "0"]
        manage(*args, env=bench_env(url))
    start = time.perf_counter()
    manage("import_news", str(archive), env=bench_env(url))
    return time.perf_counter() - start


def search_scale(engine):
    """Search engine latency on index rows made from a generated export (search_scale.py)."""
    if not INDEX_PAIRS:
        return None
    largest = max(INDEX_PAIRS)
    archive = OUT / f"archive-{largest}-noimages"
    url = fresh_database(engine, "newsroom_bench_index")
    env = bench_env(url)
    if not archive.exists():
        manage(
            "make_archive",
            "--releases",
            str(largest),
            "--out",
            str(archive),
            "--images",
            "0",
            env=env,
        )
    manage("migrate", "--noinput", env=env)
    manage("setup_site", env=env)
    scale = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "bench" / "search_scale.py"),
            str(archive / "releases.jsonl"),
            ",".join(str(n) for n in INDEX_PAIRS),
        ],
        env=env,
        cwd=ROOT / "bench",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(scale.stdout)["steps"]


RELEVANCE_PAIRS = [
    int(n) for n in os.environ.get("BENCH_RELEVANCE_PAIRS", "10000").split(",") if n
]
CRAWL_AT = [int(n) for n in os.environ.get("BENCH_CRAWL_AT", "10000,100000").split(",") if n]
CRAWL_PAGES = int(os.environ.get("BENCH_CRAWL_PAGES", "20000"))
SKIP = {name.strip() for name in os.environ.get("BENCH_SKIP", "").split(",") if name.strip()}
STARTED = time.perf_counter()


def phase(name):
    """How far the run has got, and when: a full run takes the better part of an hour."""
    print(f"  {time.perf_counter() - STARTED:7.0f} s  {name}", flush=True)


def search_relevance(engine):
    """Recall and latency of planted releases' queries (search_relevance.py), per size."""
    runs = []
    for size in RELEVANCE_PAIRS:
        env = bench_env(fresh_database(engine, "newsroom_bench_relevance"))
        manage("migrate", "--noinput", env=env)
        manage("setup_site", env=env)
        run = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "search_relevance.py"), str(size)],
            env=env,
            cwd=ROOT / "bench",
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(run.stdout))
    return runs


def measure_engine(engine):
    from load import memory, throughput

    url = fresh_database(engine)
    env = bench_env(url)
    manage("migrate", "--noinput", env=env)
    manage("setup_site", env=env)
    manage("load_demo", env=env)
    phase("database ready")
    steps = []
    previous = 0
    for size in sizes():
        if size <= IMPORT_UP_TO:
            seconds = import_rate(url, size, images=True)
            phase(f"imported {size} pairs")
        else:
            seconds = None
            subprocess.run(  # noqa: S603
                [sys.executable, str(ROOT / "bench" / "grow.py"), str(size)],
                env=env,
                cwd=ROOT / "bench",
                stdout=subprocess.DEVNULL,
                check=True,
            )
            phase(f"copied up to {size} pairs")
        inprocess = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "inprocess.py")],
            env=env,
            cwd=ROOT / "bench",
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(inprocess.stdout)
        figures.update(size=size, database_bytes=database_size(engine, url))
        phase(f"measured in process at {size} pairs")
        if size in CRAWL_AT:
            figures["crawl"] = crawl(env, figures["article"]["ru"]["url"])
            phase(f"crawled {figures['crawl']['pages']} addresses at {size} pairs")
        if seconds is None:
            figures["copied"] = True
        else:
            figures.update(
                import_seconds=round(seconds, 1),
                import_pairs_per_second_with_images=round((size - previous) / seconds, 1),
            )
            previous = size
        steps.append(figures)
    article = steps[-1]["article"]["ru"]["url"]
    result = {"steps": steps}
    if "load" not in SKIP:
        result["load"] = throughput(url, article, SECONDS)
        phase("load tests")
    if "memory" not in SKIP:
        result["memory"] = memory(url, article)
        phase("worker memory")
    if "import" not in SKIP:
        result["import_without_images"] = import_without_images(engine)
        phase("import without images")
    result["search_index_only"] = search_scale(engine)
    phase("search on index rows")
    result["search_relevance"] = search_relevance(engine)
    phase("search relevance")
    return result


def import_without_images(engine):
    """Import speed without images, on a database of its own so nothing is matched as
    unchanged. A thousand pairs are enough: the cost per pair does not grow with the archive
    (tests/news/importer/test_import_work.py holds it to that)."""
    url = fresh_database(engine)
    manage("migrate", "--noinput", env=bench_env(url))
    size = min(RELEASES, 1_000)
    seconds = import_rate(url, size, images=False)
    return {
        "pairs": size,
        "seconds": round(seconds, 1),
        "pairs_per_second": round(size / seconds, 1),
    }


def earlier_engines(path, report):
    """Engines measured by an earlier run on the same archive size and machine, not this one.

    A run at 10,000 pairs or more takes hours per engine; this lets each be measured on
    its own (BENCH_ENGINES) and still end up in one report.
    """
    try:
        earlier = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    same = ("releases", "machine")
    if any(earlier.get(key) != report[key] for key in same):
        return {}
    kept = {}
    for engine, data in earlier.get("engines", {}).items():
        if engine not in report["engines"]:
            kept[engine] = {"when": earlier["when"], **data}
    return kept


# Sections a run may leave out (BENCH_SKIP, empty size lists); their last figures stay.
SECTIONS = ("load", "memory", "import_without_images", "search_index_only", "search_relevance")


def carry_skipped(path, report):
    """Sections this run left out, kept from the earlier run of the same engine, archive
    size and machine, with the time they were measured (`carried`)."""
    try:
        earlier = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    if any(earlier.get(key) != report[key] for key in ("releases", "machine")):
        return
    for engine, data in report["engines"].items():
        before = earlier.get("engines", {}).get(engine, {})
        for section in SECTIONS:
            if not data.get(section) and before.get(section):
                data[section] = before[section]
                when = before.get("carried", {}).get(section, before.get("when"))
                data.setdefault("carried", {})[section] = when
        # The crawl belongs to a step (an archive size), and is kept the same way.
        earlier_steps = {step["size"]: step for step in before.get("steps", [])}
        for step in data.get("steps", []):
            kept = earlier_steps.get(step["size"], {})
            if not step.get("crawl") and kept.get("crawl"):
                step["crawl"] = kept["crawl"]
                name = f"crawl at {step['size']} pairs"
                when = before.get("carried", {}).get(name, before.get("when"))
                data.setdefault("carried", {})[name] = when


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manage("collectstatic", "--noinput", env=bench_env(f"sqlite:///{OUT / 'static.sqlite3'}"))
    report = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "releases": RELEASES,
        "engines": {},
    }
    path = ROOT / "bench" / "report.json"
    for engine in engines():
        print(f"== {engine}", flush=True)
        started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        report["engines"][engine] = {
            "when": started,
            "import_up_to": min(IMPORT_UP_TO, RELEASES),
            **measure_engine(engine),
        }
    carry_skipped(path, report)
    report["engines"] = {**earlier_engines(path, report), **report["engines"]}
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    from report import write_report

    write_report(report)
    phase("Wrote bench/REPORT.md and bench/report.json")


if __name__ == "__main__":
    main()
