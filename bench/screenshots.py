"""`make screenshots`: the public pages of the demo site in both languages at three widths,
written to docs/screenshots/ as JPEG files the size of one screen.

    python bench/screenshots.py [--out docs/screenshots] [--keep FOLDER] [--record FILE]

With --keep the demo database and photos stay in FOLDER, and the next run reuses them.
With --record, what each shot showed (status, title, language, the site's header and
footer, the main heading) is written to FILE as JSON, for the tests to check.
"""

import argparse
import json
import sys
from pathlib import Path

from demo_site import ROOT, chromium, demo_site, release_paths

WIDTHS = {375: 812, 768: 1024, 1440: 900}
QUALITY = 70
SEARCH = {"ru": "Минск", "en": "Minsk"}
# What the page shows of the site's own templates, read in the browser.
SEEN = """() => ({
    title: document.title,
    lang: document.documentElement.lang,
    header: document.querySelector("body > header.site-header .brand") !== null,
    footer: document.querySelector("body > footer.site-footer") !== null,
    heading: (document.querySelector("main h1")?.textContent || "").trim(),
})"""


def pages(base):
    """(name, language, path) of every page type shown."""
    release = release_paths(base)
    for language in ("ru", "en"):
        yield "home", language, f"/{language}/"
        yield "archive", language, f"/{language}/news/"
        yield "release", language, release[language]
        yield "search", language, f"/{language}/search/?q={SEARCH[language]}"
        yield "404", language, f"/{language}/no-such-page/"


def shoot(out, folder=None, record=None):
    out.mkdir(parents=True, exist_ok=True)
    written = []
    seen = []
    with demo_site(folder) as base, chromium() as browser:
        for width, height in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                locale="ru-RU",
            )
            page = context.new_page()
            for name, language, path in pages(base):
                response = page.goto(base + path, wait_until="networkidle")
                expected = 404 if name == "404" else 200
                if response is None or response.status != expected:
                    status = response.status if response else "no answer"
                    sys.exit(f"{path} answered {status}, not {expected}")
                # Fonts and above-the-fold photos are in before the picture is taken.
                page.evaluate("document.fonts.ready")
                target = out / f"{name}-{language}-{width}.jpg"
                page.screenshot(path=target, type="jpeg", quality=QUALITY)
                written.append(target)
                seen.append(
                    {
                        "file": target.name,
                        "page": name,
                        "language": language,
                        "width": width,
                        "path": path,
                        "status": response.status,
                        **page.evaluate(SEEN),
                    }
                )
            context.close()
    for target in written:
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        print(f"{shown}  {target.stat().st_size // 1024} KB")
    if record is not None:
        record.write_text(json.dumps(seen, ensure_ascii=False, indent=1) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep", type=Path, help="folder to keep the demo database in")
    parser.add_argument("--record", type=Path, help="JSON file of what each shot showed")
    args = parser.parse_args()
    shoot(args.out.resolve(), args.keep, args.record)


if __name__ == "__main__":
    main()
