"""An editor publishing changes every few seconds while readers load the site.

Run by load_publish.py in its own process, with the same settings and database as the web
server. Each change rewrites the lead of one release with a unique mark, saves a revision
and publishes it through Wagtail's publish action (what the admin's publish and the
approval step run), then polls the public page until the mark shows. Prints one JSON
line per publication.
"""

import argparse
import http.client
import json
import sys
import time
import uuid

import django


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def wait_visible(port, path, mark, limit=30):
    """Milliseconds until `mark` is on the public page, or None after `limit` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = fetch(port, path)
        if status == 200 and mark in body:
            return round((time.perf_counter() - start) * 1000, 1)
        time.sleep(0.05)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pages", required=True, help="comma-separated page ids")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--interval", type=float, default=3)
    args = parser.parse_args()
    django.setup()

    from django.contrib.auth import get_user_model

    from news.models import NewsArticlePage

    user, _created = get_user_model().objects.get_or_create(
        username="load-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    page_ids = [int(pk) for pk in args.pages.split(",")]
    end = time.monotonic() + args.seconds
    number = 0
    while time.monotonic() < end:
        started = time.monotonic()
        number += 1
        page = NewsArticlePage.objects.get(pk=page_ids[number % len(page_ids)])
        mark = f"mark{number}x{uuid.uuid4().hex[:8]}"
        page.lead = f"{page.lead.split(' [')[0]} [{mark}]"
        revision = page.save_revision(user=user, log_action=True)
        try:
            revision.publish(user=user)
            error = None
        except Exception as exc:  # noqa: BLE001 - a failed publication is a figure, not a crash
            error = repr(exc)
        visible_ms = None if error else wait_visible(args.port, page.url, mark)
        record = {
            "number": number,
            "page_id": page.pk,
            "revision_id": revision.pk,
            "mark": mark,
            "path": page.url,
            "error": error,
            "visible_ms": visible_ms,
        }
        print(json.dumps(record), flush=True)
        time.sleep(max(0.0, args.interval - (time.monotonic() - started)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
