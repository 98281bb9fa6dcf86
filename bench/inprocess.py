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
from news.translation.from_texts import translate_instance  # noqa: E402

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


def busiest_city_year():
    """The partner city and year with the most indexed releases."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from news.models import SearchFacet

    return (
        SearchFacet.objects.filter(kind=SearchFacet.CITY)
        .annotate(year=ExtractYear("entry__date"))
        .values("slug", "year")
        .annotate(releases=Count("pk"))
        .order_by("-releases", "slug", "year")
        .first()
    )


def search_sets():
    """(label, query string, Filters) of the two query sets: alone, and with the busiest
    partner city and year of the archive."""
    from news.search.engine import Filters

    sets = [("plain", "", Filters())]
    busiest = busiest_city_year()
    if busiest:
        year, city = busiest["year"], busiest["slug"]
        sets.append(("filtered", f"year={year}&city={city}", Filters(year=year, city=city)))
    return sets


def search_latency():
    """Search page times for the query set, alone and with a partner city and year.

    The filter is the busiest city and year of the archive, so that it matches: a filter
    that finds nothing costs next to nothing and would say nothing.
    """
    from django.utils import translation

    try:
        reverse("search")
    except NoReverseMatch:
        return {"skipped": "no search page"}
    from news.search.engine import search

    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    results = {}
    with override_settings(**UNCACHED):
        client = Client()
        for label, params, filters in search_sets():
            samples, matches, past_bound = [], [], 0
            for language, query in SEARCH_QUERIES:
                with translation.override(language):
                    url = reverse("search")
                address = f"{url}?q={query}" + (f"&{params}" if params else "")
                # The first view makes the result cards' photo sizes that the worker has
                # not made yet for imported releases; it is not a search.
                timed_get(client, address)
                outcome = search(query, [locales[language]], filters)
                matches.append(outcome.ids.count())
                past_bound += outcome.more
                samples += [timed_get(client, address)[0] for _ in range(5)]
            results[label] = {
                **summary(samples),
                "filter": params,
                "matches_min": min(matches),
                "matches_max": max(matches),
                "past_bound": past_bound,
                "queries": len(SEARCH_QUERIES),
            }
    return results


# How long a change may take to show before it counts as not shown at all.
VISIBLE_LIMIT_S = 30


def _made_up_word():
    # Letters only, so that search can index and find it.
    number, word = time.time_ns(), ""
    while number:
        number, digit = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[digit]
    return word


def publish_to_visible(ru_page, en_page):
    """Milliseconds from publishing a change to seeing it on the public pages, per language.

    Each address gets a publication of its own, then is fetched until it shows the change:
    a reader opening that page right after the publish. (Fetching the four one after the
    other after one publish would charge the last with the renders of the three before.)
    Every address is fetched, and so cached, before the change. A page that still shows the
    old version after VISIBLE_LIMIT_S is reported as not visible, never as a time.
    """
    client = Client()
    results, missed, times = {}, [], []
    for language, page, label in (("ru", ru_page, "Обновлено"), ("en", en_page, "Updated")):
        published, seen, fetches = [], {}, {}
        urls = [page.url, page.get_parent().url, f"/{language}/feeds/rss/", None]
        for url in urls:
            word = _made_up_word()
            marker = f"{label} {word}"
            # Search highlights words, so there the sign is the release appearing in results.
            if url is None:
                url, sign = f"/{language}/search/?q={word}", page.url
            else:
                sign = marker
            client.get(url)
            start = time.perf_counter()
            page.title = marker
            page.save_revision().publish(skip_permission_checks=True)
            published.append((time.perf_counter() - start) * 1000)
            fetches[url] = 0
            while True:
                fetches[url] += 1
                if sign in client.get(url).content.decode():
                    seen[url] = round((time.perf_counter() - start) * 1000, 1)
                    times.append(seen[url])
                    break
                if time.perf_counter() - start > VISIBLE_LIMIT_S:
                    seen[url] = None
                    missed.append(url)
                    break
        results[language] = {
            "publish_ms": summary(published),
            "visible_ms": seen,
            "fetches": fetches,
        }
    return {
        **results,
        "total_ms": None if missed else max(times),
        "not_visible": missed,
    }


def listing_queries():
    """Queries of an uncached archive and partner-city page, in both languages."""
    from news.models import PartnerCity

    city = PartnerCity.objects.filter(locale__language_code="ru").order_by("pk").first()
    urls = ["/ru/news/", "/en/news/"]
    if city is not None:
        urls += [f"/ru/news/city/{city.slug}/", f"/en/news/city/{city.slug}/"]
    counts = {}
    with override_settings(**UNCACHED):
        client = Client()
        for url in urls:
            timed_get(client, url)
            with CaptureQueriesContext(connection) as queries:
                timed_get(client, url)
            counts[url] = len(queries)
    return counts


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
        "listing_queries": listing_queries(),
        "publish": publish_to_visible(ru_page, en_page),
        "translation_sync_50_blocks": translation_sync(fifty_block_release()),
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
