"""Shared helpers for the benchmark scripts: statistics, processes, the project's paths."""

import os
import socket
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable


def summary(samples_ms):
    """Median, p95 and count of a list of milliseconds."""
    ordered = sorted(samples_ms)
    if not ordered:
        return {"n": 0}
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
    }


def free_port():
    """A free port on 127.0.0.1: the first one free in BENCH_PORTS ("18400-18499") when
    set, so that runs on a shared machine stay inside the ports they were given."""
    wanted = os.environ.get("BENCH_PORTS")
    candidates = [0]
    if wanted:
        low, high = (int(part) for part in wanted.split("-"))
        candidates = range(low, high + 1)
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {wanted}")


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
