"""`make page-weight`: what a phone downloads on its first view of a release with three
photos, fonts included, against the 500 KB budget; written to bench/page_weight.json and
as a section of bench/REPORT.md (kept there by report.py from bench/PAGE_WEIGHT.md).

Bytes are counted as the browser receives them before compression is undone, so they do
not depend on timing. The demo release has three photos; the other photos of its gallery
are loaded lazily and are not part of a first view.
"""

import argparse
import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from demo_site import ROOT, chromium, demo_site, release_paths

BUDGET = 500 * 1024
WIDTH, HEIGHT = 375, 812
# Phones draw at two or three device pixels per CSS pixel; srcset picks larger photos.
DENSITIES = (1, 2, 3)
START, END = "<!-- page-weight -->", "<!-- /page-weight -->"


def first_view(browser, url, density):
    """{resource type: bytes} and the list of (bytes, url) a fresh browser downloads."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        device_scale_factor=density,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    received = []

    def count(response):
        if response.status >= 300 and response.status < 400:
            return
        try:
            size = len(response.body())
        except Exception:  # noqa: BLE001 - a response the page gave up on has no body
            return
        received.append((response.request.resource_type, size, response.url))

    page.on("response", count)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.wait_for_load_state("networkidle")
    context.close()
    by_type = defaultdict(int)
    for kind, size, _url in received:
        by_type[kind] += size
    return dict(by_type), sorted(((size, url) for _kind, size, url in received), reverse=True)


def measure(folder=None):
    results = {}
    with demo_site(folder) as base, chromium() as browser:
        paths = release_paths(base)
        for language, path in sorted(paths.items()):
            for density in DENSITIES:
                by_type, files = first_view(browser, base + path, density)
                results[f"{language}@{density}x"] = {
                    "path": path,
                    "total": sum(by_type.values()),
                    "by_type": by_type,
                    "largest": [
                        {"bytes": size, "file": re.sub(r"^https?://[^/]+", "", url)}
                        for size, url in files[:5]
                    ],
                }
    return results


def section(results, when):
    kinds = sorted({kind for result in results.values() for kind in result["by_type"]})
    lines = [
        "## Page weight",
        "",
        f"Measured {when} by bench/page_weight.py: the first view of the demo release with "
        f"three photos at {WIDTH} px wide in a fresh browser (nothing cached), fonts "
        f"included, against a budget of {BUDGET // 1024} KB.",
        "",
        "| page | total KB | " + " | ".join(kinds) + " | budget |",
        "|---|---|" + "---|" * len(kinds) + "---|",
    ]
    for name, result in results.items():
        cells = [f"{result['by_type'].get(kind, 0) / 1024:.1f}" for kind in kinds]
        verdict = "met" if result["total"] <= BUDGET else "**missed**"
        lines.append(
            f"| {name} | {result['total'] / 1024:.1f} | " + " | ".join(cells) + f" | {verdict} |"
        )
    lines += [
        "",
        "Sizes in KB of 1024 bytes, by resource type; `@2x` is a phone drawing two device "
        "pixels per CSS pixel, which is sent larger photos. The byte budget is also asserted "
        "by tests/site/browser/test_layout.py on every test run.",
    ]
    return "\n".join(lines)


def write(results):
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    (ROOT / "bench" / "page_weight.json").write_text(
        json.dumps({"when": when, "budget": BUDGET, "results": results}, indent=2) + "\n"
    )
    text = section(results, when)
    (ROOT / "bench" / "PAGE_WEIGHT.md").write_text(text + "\n")
    report = ROOT / "bench" / "REPORT.md"
    current = report.read_text() if report.exists() else "# Benchmark report\n"
    block = f"{START}\n{text}\n{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        current = before + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    report.write_text(current)
    for name, result in results.items():
        print(f"{name}: {result['total'] / 1024:.1f} KB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the demo database in")
    write(measure(parser.parse_args().keep))
