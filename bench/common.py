"""Shared helpers for the benchmark scripts: statistics, processes, the project's paths."""

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import ports  # noqa: E402 - the project root is on the path only from here

OUT = ROOT / "bench" / "out"
PYTHON = sys.executable


def summary(samples_ms, digits=2):
    """Median, p95 and count of a list of milliseconds."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"n": 0}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), digits),
        "p95_ms": round(p95, digits),
    }


def free_port():
    """A free port on 127.0.0.1, inside BENCH_PORTS ("18400-18499") when set."""
    return ports.free_port("BENCH_PORTS")


def bench_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.bench",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(OUT / "media"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        **extra,
    )
    return env


def manage(*args, env, check=True):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=check,
        capture_output=True,
        text=True,
    )


def machine():
    """What the figures were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": sys.version.split()[0],
        "platform": sys.platform,
    }
