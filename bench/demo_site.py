"""The demo site on a throwaway database and media folder, served on a free local port,
and the system's Chromium: what the screenshot and page-weight scripts look at.

Nothing is downloaded: the browser is Debian's (CHROMIUM_PATH, /usr/bin/chromium by
default), driven by Playwright.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The release the scripts show: the demo's first, with three photos.
RELEASE_SLUG = "minsk-roadmap-2024-2026"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@contextlib.contextmanager
def demo_site(folder=None):
    """Yields the base URL of the demo site, loaded into `folder` (kept, so that a second
    run only applies new migrations) or into a temporary folder removed after."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="newsroom-demo-"))
        Path(folder).mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            # Links follow the address the browser uses.
            "PUBLIC_BASE_URL": "",
            "PAGE_CACHE_ENABLED": "false",
        }
        env.pop("REDIS_URL", None)
        manage = [PYTHON, "manage.py"]
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run(
                manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
            )
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 - our own command line
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            # Served as readers get it: the site's own error pages, not Django's debug
            # pages (static files from whitenoise, photos from the development URLconf).
            env={**env, "DEBUG": "false"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base + "/ru/")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def release_paths(base, slug=RELEASE_SLUG):
    """{language: path} of the demo release with this slug, read from the public API."""
    with urllib.request.urlopen(f"{base}/api/v2/releases/?slug={slug}") as response:  # noqa: S310
        source = json.load(response)["items"][0]
    paths = {source["meta"]["locale"]: _path(source["meta"]["html_url"])}
    for translation in source["translations"]:
        paths[translation["locale"]] = _path(translation["html_url"])
    return paths


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@contextlib.contextmanager
def chromium():
    if not CHROMIUM.exists():
        sys.exit(f"Chromium is needed at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
