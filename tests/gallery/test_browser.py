"""The gallery's script in a real browser: mouse, keyboard, full screen, both languages.

Needs Chromium and Node.js 20 or newer; skipped where either is missing. The release is
rendered by Django and served as static files from a local HTTP server, so the browser
runs the same HTML, script and PhotoSwipe files readers get.
"""

import functools
import json
import os
import shutil
import socket
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from django.conf import settings

from tests.factories import NewsArticlePageFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.browser]

SCRIPT = Path(__file__).parent / "browser" / "gallery_check.mjs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NODE = shutil.which("node")


def node_major():
    if not NODE:
        return 0
    version = subprocess.run(  # noqa: S603 - fixed arguments
        [NODE, "--version"], capture_output=True, text=True, check=False
    ).stdout
    return int(version.strip().lstrip("v").split(".")[0] or 0)


needs_browser = pytest.mark.skipif(
    not CHROMIUM or node_major() < 20, reason="needs Chromium and Node.js 20+"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve(tmp_path, media_root):
    """Serve rendered pages with the site's static files and media on 127.0.0.1."""
    root = tmp_path / "www"
    static = root / "static"
    shutil.copytree(settings.BASE_DIR / "site" / "static", static)
    shutil.copytree(settings.BASE_DIR / "gallery" / "static", static, dirs_exist_ok=True)
    (root / "media").symlink_to(media_root)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish_page(name, html):
        (root / name).mkdir()
        (root / name / "index.html").write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_port}/{name}/"

    yield publish_page
    server.shutdown()
    server.server_close()


def drive(url, tmp_path):
    result = subprocess.run(  # noqa: S603 - our own script on a local page
        [NODE, "--experimental-websocket", str(SCRIPT), url, str(free_port())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "CHROMIUM": CHROMIUM, "PROFILE_DIR": str(tmp_path / "profile")},
    )
    assert result.returncode == 0, result.stderr
    return {line["step"]: line for line in map(json.loads, result.stdout.splitlines())}


@needs_browser
def test_counter_follows_mouse_and_keyboard_in_both_languages(
    client, site_tree, translate, serve, tmp_path
):
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Дни культуры", photos=5))
    english = translate(page, {"Дни культуры": "Culture days"})
    for name, url, counter in (
        ("ru", page.url, "Изображение {} из 5"),
        ("en", english.url, "Image {} of 5"),
    ):
        steps = drive(serve(name, client.get(url).content.decode()), tmp_path)

        def shows(step, n, steps=steps, counter=counter):
            assert steps[step]["status"] == counter.format(n), step
            assert steps[step]["visible"] == [f"photo-{n}"], step

        shows("loaded", 1)
        shows("next button", 2)
        shows("ArrowRight", 3)
        shows("ArrowLeft x3", 5)  # wraps round from the first photo to the last
        shows("thumbnail 4", 4)
        assert steps["Enter on photo"]["lightbox"] == counter.format(4)
        assert steps["ArrowRight in full screen"]["lightbox"] == counter.format(5)
        # Escape closes the full screen view; the slider shows the photo the reader
        # stopped at, and keyboard focus is back on it.
        assert steps["Escape"]["lightbox"] is None
        shows("Escape", 5)
        assert steps["Escape"]["focus"] == "photo-5"
