"""The documented backup and restore procedure, run end to end on a scratch installation."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DUMPED_MODELS = ["wagtailcore.page", "wagtailcore.revision", "news", "gallery", "wagtail_localize"]


def manage(*args, env):
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{args}: {result.stderr[-2000:]}"
    return result.stdout


def psql(command):
    subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", command],  # noqa: S607
        check=True,
        capture_output=True,
    )


def media_listing(media):
    return sorted(
        (str(path.relative_to(media)), path.stat().st_size)
        for path in media.rglob("*")
        if path.is_file() and "images" not in path.parts  # renditions are made again on demand
    )


@pytest.fixture
def scratch_database(tmp_path):
    """A database of its own on the engine the suite runs on, created empty."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        name = f"newsroom_backup_{uuid.uuid4().hex[:8]}"
        psql(f"CREATE DATABASE {name}")
        url = f"postgres://postgres@127.0.0.1:5432/{name}"

        def recreate():
            psql(f"DROP DATABASE {name} WITH (FORCE)")
            psql(f"CREATE DATABASE {name}")

        yield url, recreate
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    else:
        path = tmp_path / "newsroom.sqlite3"
        yield f"sqlite:///{path}", lambda: path.unlink()


def test_backup_delete_restore_gives_back_the_same_site(tmp_path, scratch_database):
    url, drop_database = scratch_database
    media = tmp_path / "media"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    manage("migrate", "--noinput", env=env)
    manage("load_demo", env=env)
    before = manage("dumpdata", "--natural-foreign", "--indent=1", *DUMPED_MODELS, env=env)
    files_before = media_listing(media)
    assert '"news.newsarticlepage"' in before and files_before

    manage("dbbackup", "--noinput", env=env)
    manage("mediabackup", "--noinput", env=env)

    # Disaster: the database and every uploaded photo are gone.
    drop_database()
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert media_listing(media) == []

    manage("dbrestore", "--noinput", env=env)
    manage("mediarestore", "--noinput", env=env)
    after = manage("dumpdata", "--natural-foreign", "--indent=1", *DUMPED_MODELS, env=env)
    assert after == before
    assert media_listing(media) == files_before
