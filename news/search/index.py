"""Keeping the search index (news.SearchEntry) in step with what readers can see."""

import datetime
import logging

from django.conf import settings
from django.db import connection, transaction

from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage, PartnerCity, SearchEntry, SearchFacet
from news.text.analysis import normalise

logger = logging.getLogger(__name__)

BATCH = 500
EPOCH = datetime.date(1970, 1, 1)
# Page ids are 32-bit: the page fills the low bits, the day the high ones.
SPAN = 2**32


def is_database_backend(backend):
    # news.search.database subclasses modelsearch's backends: any class in the line counts.
    return any(
        cls.__module__.startswith("modelsearch.backends.database") for cls in type(backend).__mro__
    )


def database_aliases():
    """Aliases of the configured database search backends (the index is theirs)."""
    aliases = []
    for alias in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}):
        try:
            if is_database_backend(get_search_backend(alias)):
                aliases.append(alias)
        except Exception:  # noqa: S112 - a broken backend is reported where it is used
            continue
    return aliases


def enabled():
    """The index is kept only while a database search backend is configured.

    With Elasticsearch alone, releases published meanwhile reach the index through
    the retry of failed updates or `rebuild_search_index`, like Wagtail's own index.
    """
    return bool(database_aliases())


def recency(date, page_id):
    """The release's date and page in one integer, larger for newer releases."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date[:10])
    elif isinstance(date, datetime.datetime):
        date = date.date()
    return (date - EPOCH).days * SPAN + page_id


def entry_rows(
    *, page_id, locale_id, language, date, title, lead, body, cities, tags, analysed=None
):
    """The SearchEntry of a release and its SearchFacets.

    `cities` are (slug, name, names in every language) and `tags` (slug, name): the same
    analysis whether the release is a page (`refresh`) or a record (the benchmarks).
    `analysed` may give the title's, lead's and body's terms, if worked out already.
    """
    keywords = " ".join(
        [*(name for _s, _n, names in cities for name in names), *(n for _s, n in tags)]
    )
    # Only PostgreSQL analyses the original text; SQLite's rows stay narrow without it.
    original = connection.vendor == "postgresql"
    lead = lead or ""
    entry = SearchEntry(
        page_id=page_id,
        locale_id=locale_id,
        language=language,
        date=date,
        recency=recency(date, page_id),
        title=title if original else "",
        lead=lead if original else "",
        keywords=keywords if original else "",
        body=body if original else "",
        title_terms=analysed[0] if analysed else normalise(title),
        lead_terms=analysed[1] if analysed else normalise(lead),
        keywords_terms=normalise(keywords),
        body_terms=analysed[2] if analysed else normalise(body),
    )
    facets = {(SearchFacet.CITY, slug): name for slug, name, _names in cities}
    facets.update({(SearchFacet.TAG, slug): name for slug, name in tags})
    return entry, [
        SearchFacet(entry_id=page_id, kind=kind, slug=slug[:100], name=name[:100])
        for (kind, slug), name in facets.items()
    ]


def _entry(page, city_names):
    return entry_rows(
        page_id=page.pk,
        locale_id=page.locale_id,
        language=page.locale.language_code,
        date=page.date,
        title=page.title,
        lead=page.lead,
        body=page.plain_body,
        cities=[
            (city.slug, city.name, city_names.get(city.translation_key, []))
            for city in page.partner_cities.all()
        ],
        tags=[(tag.slug, tag.name) for tag in page.tag_list],
        # The terms the page keeps for the search backends, which indexed it just before.
        analysed=(page.search_title(), page.search_lead(), page.search_body()),
    )


def refresh(pks, pages=None):
    """Index the releases `pks` as they are now: live and public ones in, the rest out.

    `pages` may hold these releases already read, with their locale, cities and tags,
    by whoever indexed them for the search backends just before (the importer): only
    which of them readers can see is read again.
    """
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        readable = NewsArticlePage.objects.filter(pk__in=chunk).live().public()
        if pages is None:
            chunk_pages = list(
                readable.select_related("locale").prefetch_related("partner_cities", "tags")
            )
        else:
            shown = set(readable.values_list("pk", flat=True))
            chunk_pages = [page for page in pages if page.pk in shown]
        _write(chunk, chunk_pages)


def _write(chunk, pages):
    """The index rows of `chunk` replaced by those of `pages`, the readable ones of it."""
    # Tags are counted and named in each release's own language.
    NewsArticlePage.localize_tags(pages)
    keys = {city.translation_key for page in pages for city in page.partner_cities.all()}
    city_names = {}
    for city in PartnerCity.objects.live().filter(translation_key__in=keys):
        city_names.setdefault(city.translation_key, []).extend([city.name, city.country])
    entries, facets = [], []
    for page in pages:
        entry, page_facets = _entry(page, city_names)
        entries.append(entry)
        facets.extend(page_facets)
    with transaction.atomic():
        # Replaced rather than updated: the database then reindexes each row once.
        SearchEntry.objects.filter(pk__in=chunk).delete()
        SearchEntry.objects.bulk_create(entries)
        SearchFacet.objects.bulk_create(facets)


def remove(pks):
    SearchEntry.objects.filter(pk__in=list(pks)).delete()


def remove_subtree(page):
    below = NewsArticlePage.objects.filter(path__startswith=page.path).values("pk")
    SearchEntry.objects.filter(pk__in=below).delete()


def refresh_subtree(page):
    """Index again every release at or below `page` (privacy or place changed)."""
    pks = NewsArticlePage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    refresh(list(pks))


def reorder():
    """On PostgreSQL, write the index's rows again in (language, recency) order.

    A search reads its matches newest first, walking the (locale, recency) index; rows
    written in an import's order put each one it checks on a block of its own (15,000
    blocks for a city named in few recent releases at 100,000 pairs), rows in date order
    put three on a block, and the newest releases every search starts from stay in memory.
    New releases mostly land at the end, where that order wants them.
    CLUSTER locks the table while it runs: seconds per 100,000 releases, during which
    searches wait. SQLite's full-text index already hands its rows out in that order.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Inside a transaction, the rows' deferred foreign key checks have to be done
        # first: PostgreSQL will not rewrite a table they are pending on.
        connection.check_constraints()
        cursor.execute("CLUSTER news_searchentry USING news_search_locale_recency")
        cursor.execute("ANALYZE news_searchentry")


def rebuild(progress=None):
    """Empty the index and fill it with every live, public release; return how many."""
    SearchEntry.objects.all().delete()
    pks = list(NewsArticlePage.objects.live().public().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        refresh(pks[start : start + BATCH])
        if progress:
            progress(min(start + BATCH, len(pks)), len(pks))
    reorder()
    return SearchEntry.objects.count()
