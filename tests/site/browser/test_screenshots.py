"""`make screenshots` in CI: the demo site is installed, loaded and served as `make run` does,
and every public page type is shot in both languages at the three widths, each showing the
site's own page in its language (the 404 too, not Django's debug page)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]
NOT_FOUND = {"ru": "Страница не найдена", "en": "Page not found"}


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the script serves its own SQLite demo database: the SQLite run covers it",
)
def test_make_screenshots_shoots_every_page_type(tmp_path, chromium):
    result = subprocess.run(  # noqa: S603 - the project's own script
        [
            sys.executable,
            "bench/screenshots.py",
            "--out",
            str(tmp_path),
            "--record",
            str(tmp_path / "seen.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    shots = sorted(path.name for path in tmp_path.glob("*.jpg"))
    expected = sorted(
        f"{page}-{language}-{width}.jpg"
        for page in ("home", "archive", "release", "search", "404")
        for language in ("ru", "en")
        for width in (375, 768, 1440)
    )
    assert shots == expected
    # A JPEG of one real screen, not an empty or blank file.
    assert all((tmp_path / name).read_bytes()[:2] == b"\xff\xd8" for name in shots)
    assert all((tmp_path / name).stat().st_size > 8_000 for name in shots)

    seen = json.loads((tmp_path / "seen.json").read_text())
    assert sorted(shot["file"] for shot in seen) == expected
    for shot in seen:
        name, language = shot["file"], shot["language"]
        # The site's own template, in the page's language.
        assert shot["lang"] == language, name
        assert shot["header"], name
        assert shot["footer"], name
        if shot["page"] == "404":
            assert shot["status"] == 404, name
            assert shot["heading"] == NOT_FOUND[language], name
            assert shot["title"].startswith(NOT_FOUND[language]), name
        else:
            assert shot["status"] == 200, name
            assert shot["heading"], name
            assert shot["heading"] not in NOT_FOUND.values(), name
