"""`make screenshots` in CI: the demo site is installed, loaded and served as `make run` does,
and every public page type is shot in both languages at the three widths."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the script serves its own SQLite demo database: the SQLite run covers it",
)
def test_make_screenshots_shoots_every_page_type(tmp_path, chromium):
    result = subprocess.run(  # noqa: S603 - the project's own script
        [sys.executable, "bench/screenshots.py", "--out", str(tmp_path)],
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
