"""Measurements taken inside one Django process against a built archive.

Run by bench/run.py with DATABASE_URL pointing at the archive; prints JSON.
"""

import json
import sys
import time

import django

django.setup()

from common import summary  # noqa: E402
from fixtures import bench_release, fifty_block_release  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from news.models import NewsArticlePage  # noqa: E402
from news.translation import translate_instance  # noqa: E402

RENDERS = 200
# "Uncached" means without the whole-page cache; Wagtail's own caches stay on.
UNCACHED = {"PAGE_CACHE_ENABLED": False}
SEARCH_QUERIES = [
    ("ru", "дорожная карта"),
    ("ru", "подписание соглашения"),
    ("ru", "Минск"),
    ("ru", "деловой форум"),
    ("ru", "дни культуры"),
    ("en", "roadmap"),
    ("en", "business forum"),
    ("en", "signed agreement"),
    ("en", "culture days"),
    ("en", "Belgrade"),
]


def timed_get(client, url):
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed, response


def article_render(ru_page, en_page):
    results = {}
    with override_settings(**UNCACHED):
        client = Client()
        for language, page in (("ru", ru_page), ("en", en_page)):
            url = page.url
            timed_get(client, url)  # first view makes the renditions
            with CaptureQueriesContext(connection) as queries:
                timed_get(client, url)
            # Counted now: the next request clears the connection's query log.
            count = len(queries)
            samples = [timed_get(client, url)[0] for _ in range(RENDERS)]
            results[language] = {"url": url, "queries": count, **summary(samples)}
    return results


def search_latency():
    from django.utils import translation

    try:
        reverse("search")
    except NoReverseMatch:
        return {"skipped": "no search page"}
    results = {}
    with override_settings(**UNCACHED):
        client = Client()
        for label, extra in (("plain", ""), ("filtered", "&year=2023&city=minsk")):
            samples = []
            for language, query in SEARCH_QUERIES:
                with translation.override(language):
                    url = reverse("search")
                samples += [timed_get(client, f"{url}?q={query}{extra}")[0] for _ in range(5)]
            results[label] = summary(samples)
    return results


def publish_to_visible(page):
    """Milliseconds from publishing a change to seeing it on the public pages."""
    client = Client()
    # A made-up word of letters only, so that search can index and find it.
    number, word = time.time_ns(), ""
    while number:
        number, digit = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[digit]
    marker = f"Обновлено {word}"
    urls = [page.url, page.get_parent().url, "/ru/feeds/rss/", f"/ru/search/?q={word}"]
    for url in urls:
        client.get(url)  # fill the page cache with the old versions first
    start = time.perf_counter()
    page.title = marker
    page.save_revision().publish(skip_permission_checks=True)
    seen = {}
    for url in urls:
        # Search highlights words, so there the sign is the release appearing in results.
        sign = page.url if "/search/" in url else marker
        while sign not in client.get(url).content.decode():
            if time.perf_counter() - start > 30:
                break
        seen[url] = round((time.perf_counter() - start) * 1000, 1)
    return {"visible_ms": seen, "total_ms": max(seen.values())}


def translation_sync(page):
    en = Locale.objects.get(language_code="en")
    # A press officer rewrites every fifth paragraph of the source.
    page.body = [
        {**block, "value": f"<p>Изменённый абзац {n}.</p>"} if n % 5 == 0 else block
        for n, block in enumerate(page.body.raw_data)
    ]
    page.save_revision().publish(skip_permission_checks=True)
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        translate_instance(page, en, lambda text: f"EN {text}")
        samples.append((time.perf_counter() - start) * 1000)
    return summary(samples)


def main():
    ru_page, en_page = bench_release()
    report = {
        "releases": NewsArticlePage.objects.filter(locale__language_code="ru").count(),
        "article": article_render(ru_page, en_page),
        "search": search_latency(),
        "publish": publish_to_visible(ru_page),
        "translation_sync_50_blocks": translation_sync(fifty_block_release()),
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
