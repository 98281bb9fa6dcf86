"""After an import: is every imported release in the search index, and found by its title?

Run against the imported database (DATABASE_URL, with the bench settings):

    python bench/findable.py [--sample 500]

Checks every release the import brought in (ImportedRecord) for a live, public page and a
row in the search index, then looks a random sample of them up through the public search
page, by their title and year, as a journalist would, through up to --pages result pages;
prints JSON and exits 1 on a miss.
"""

import argparse
import json
import random
import sys
import time
from collections import Counter

import django

django.setup()

from common import summary  # noqa: E402

from django.test import Client  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from news.models import ImportedRecord, NewsArticlePage, SearchEntry  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", type=int, default=10, help="result pages to look through")
    args = parser.parse_args()

    imported = set(ImportedRecord.objects.values_list("page_id", flat=True))
    live = set(NewsArticlePage.objects.live().public().values_list("pk", flat=True))
    indexed = set(SearchEntry.objects.values_list("page_id", flat=True))
    not_live = sorted(imported - live)
    not_indexed = sorted((imported & live) - indexed)

    pages = list(
        NewsArticlePage.objects.filter(pk__in=imported & live)
        .select_related("locale")
        .only("pk", "title", "date", "url_path", "locale__language_code")
    )
    sample = random.Random(args.seed).sample(pages, min(args.sample, len(pages)))
    client = Client()
    missed, times, found_on = [], [], Counter()
    for page in sample:
        language = page.locale.language_code
        # Generated titles repeat within a year, so the release may be on a later page.
        for number in range(1, args.pages + 1):
            query = urlencode({"q": page.title, "year": page.date.year, "page": number})
            start = time.perf_counter()
            response = client.get(f"/{language}/search/?{query}")
            times.append((time.perf_counter() - start) * 1000)
            html = response.content.decode()
            if response.status_code == 200 and page.url in html:
                found_on[number] += 1
                break
            if response.status_code != 200 or f"page={number + 1}" not in html:
                missed.append({"id": page.pk, "title": page.title, "status": response.status_code})
                break
        else:
            missed.append({"id": page.pk, "title": page.title, "status": "beyond last page"})

    report = {
        "imported_pages": len(imported),
        "not_live": len(not_live),
        "not_indexed": len(not_indexed),
        "searched": len(sample),
        "not_found": len(missed),
        "found_on_result_page": dict(sorted(found_on.items())),
        "search_page": summary(times),
        "examples": (
            [{"not_live": not_live[:5], "not_indexed": not_indexed[:5], "not_found": missed[:5]}]
            if not_live or not_indexed or missed
            else []
        ),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if not_live or not_indexed or missed else 0


if __name__ == "__main__":
    sys.exit(main())
