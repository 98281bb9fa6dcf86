"""Searching the archive: matching, filters, result counts and ranking in one database query.

With a database search backend the search index (news.SearchEntry, see
news.search.index) answers everything: the database matches, ranks the matches (the
newest SEARCH_RANKED_MATCHES of them when there are more), counts the facets with
GROUP BY and returns one page of ids. With Elasticsearch the cluster
matches and ranks, and the page tables filter and count its best matches.
"""

import datetime
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage, Topic
from news.search import index
from news.search.elasticsearch import ReleaseQuery
from news.search.index import is_database_backend
from news.text.analysis import ParsedQuery

logger = logging.getLogger(__name__)

# Title and lead say what a release is about; the body only mentions things.
WEIGHTS = {"title": 4, "lead": 2, "keywords": 2, "body": 1}
TOP_TAGS = 30
# Below this many releases holding every word of a query, those holding some follow them.
FEW = 3


def partial_bound(bound):
    """How many of the newest releases holding only some of the words are ranked: they
    follow the full matches, and ranking them costs as much as ranking those."""
    return max(int(bound) // 5, 1)


# PostgreSQL analyses each typed word with every language's configuration: a row only
# holds lexemes of its own language, so the other configuration finds nothing extra.
CONFIGS = ("russian", "english")


@dataclass
class Filters:
    city: str = ""
    year: int | None = None
    date_from: object = None
    date_to: object = None
    tag: str = ""

    def apply(self, queryset):
        if self.city:
            queryset = queryset.in_city(self.city)
        if self.year:
            queryset = queryset.filter(date__year=self.year)
        if self.date_from:
            queryset = queryset.filter(date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(date__lte=self.date_to)
        if self.tag:
            queryset = queryset.tagged(self.tag)
        return queryset

    def sql(self, recency="e.recency"):
        """WHERE conditions on the index row `e`, with their parameters.

        Dates are ranges of `recency` (the release's date and page in one integer), so
        that a year reads only its own stretch of the index that gives the matches out.
        """
        where, params = [], []
        # Unary plus: SQLite's planner would otherwise loop over the city's or tag's
        # releases for every match, looking each up (minutes at 100,000 pairs).
        page = "+e.page_id" if connection.vendor == "sqlite" else "e.page_id"
        for kind, slug in (("city", self.city), ("tag", self.tag)):
            if slug:
                where.append(
                    f"{page} IN (SELECT entry_id FROM news_searchfacet"  # noqa: S608
                    " WHERE kind = %s AND slug = %s)"
                )
                params += [kind, slug]
        first, last = self.date_from, self.date_to
        if self.year:
            first = max(first or datetime.date.min, datetime.date(self.year, 1, 1))
            last = min(last or datetime.date.max, datetime.date(self.year, 12, 31))
        if first:
            where.append(f"{recency} >= %s")
            params.append(index.recency(first, 0))
        if last:
            where.append(f"{recency} <= %s")
            params.append(index.recency(last, index.SPAN - 1))
        return where, params

    @property
    def active(self):
        return bool(self.city or self.year or self.date_from or self.date_to or self.tag)


class Matches:
    """The ordered ids of every match, for Django's Paginator: counted once, fetched a page
    at a time (the page asked for comes with the counts; another costs one query)."""

    def __init__(self, total, window=None, fetch=None):
        self.total = total
        self.window = window or (0, [])
        self.fetch = fetch

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, min(item.stop or self.total, self.total)
        offset, ids = self.window
        if offset <= start and stop <= offset + len(ids) or stop <= start:
            return ids[start - offset : stop - offset]
        return self.fetch(start, stop - start)

    def __iter__(self):
        return iter(self[0 : self.total])


@dataclass
class Outcome:
    ids: object = field(default_factory=list)
    matched_terms: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    backend: str = ""
    degraded: bool = False
    # More matches than SEARCH_RANKED_MATCHES: `ids` holds the newest that many, ranked.
    more: bool = False
    # Releases holding every word of the query (up to the bound), and whether releases
    # holding only some of them follow because those are none or few.
    full: int = 0
    fallback: bool = False
    # With `more`: how many of the newest matches are ranked ("more than" that many found),
    # apart from those past them found by their title.
    newest: int = 0
    # The older full matches follow the ranked ones, and the last page is not yet known.
    rest: bool = False
    open_ended: bool = False
    # The ranked ones are the cluster's most relevant over the whole archive.
    ranked_by_cluster: bool = False


@dataclass
class Counts:
    full: int = 0
    fallback: bool = False
    more: bool = False
    newest: int = 0
    # More full matches than are ranked: the others follow, newest first, and whether the
    # last of them has been reached (so that the number of pages is known).
    rest: bool = False
    rest_known: bool = False


def _releases():
    return NewsArticlePage.objects.live().public()


def backend_aliases():
    """The configured backend first, then the database index kept alongside it."""
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    return ["default", *[alias for alias in configured if alias != "default"]]


# --- The search index ------------------------------------------------------------------


FIELDS = ("title", "lead", "keywords", "body")
PHRASE_FIELDS = ("title", "lead", "body")


def _fts_string(text):
    # FTS5 string literal: a term or phrase, never operators.
    return '"' + text.replace('"', '""') + '"'


def _occurs(name):
    """SQL: the query term or phrase (a parameter, spaced) is among the field's terms."""
    # Reading the row's space-separated terms costs far less than an FTS lookup per field
    # (SQLite) or unpacking the tsvector once per term and field (PostgreSQL).
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"({function}(t.{name}, %s) > 0)"


def _ranking(parsed):
    """The phrase expression and one weight expression per term, with their parameters.

    A quoted phrase counts 2 in a title, 1 in the lead or body. A term's weight adds up
    the fields it occurs in; the same on every database.
    """
    phrase, params = "0", []
    if parsed.phrases:
        spaced = [f" {' '.join(p)} " for p in parsed.phrases]
        in_title = " OR ".join(_occurs("title") for _p in spaced)
        others = [name for name in PHRASE_FIELDS if name != "title"]
        elsewhere = " OR ".join(_occurs(name) for _p in spaced for name in others)
        phrase = f"CASE WHEN {in_title} THEN 2 WHEN {elsewhere} THEN 1 ELSE 0 END"
        params = [*spaced, *[p for p in spaced for _name in others]]
    weights = []
    for item in parsed.terms:
        weights.append(
            " + ".join(
                f"CASE WHEN {_occurs(name)} THEN {WEIGHTS[name]} ELSE 0 END" for name in FIELDS
            )
        )
        params += [f" {item} "] * len(FIELDS)
    return phrase, weights, params


def _fts_query(items, operator, column=None):
    """An FTS5 query of terms joined by AND or OR, optionally within one column."""
    query = f" {operator} ".join(_fts_string(item) for item in items)
    return f"{{{column}}} : ({query})" if column else query


def _sqlite_candidates(match, where, params, newest_filters, limit, offset=0):
    """Rows FTS5 matches with `match`, newest first (its row id is the release's recency)."""
    # CROSS JOIN keeps the full-text index as the outer loop: left to itself, SQLite's
    # planner may walk every row of the language and probe the index once per row (4 s
    # for a word found nowhere, at 100,000 pairs). The unary plus keeps a date range on
    # the index's row ids from being copied onto the rows, which then read the whole
    # range for every match instead of one row (seconds for a year at 100,000 pairs).
    filter_where, filter_params = newest_filters("f.rowid")
    conditions = " AND ".join(["news_searchentry_fts MATCH %s", *where, *filter_where])
    sql = (
        "SELECT e.page_id AS id, e.recency AS recency FROM news_searchentry_fts f"  # noqa: S608
        f" CROSS JOIN news_searchentry e ON e.recency = +f.rowid WHERE {conditions}"
        f" ORDER BY f.rowid DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return sql, [match, *params, *filter_params]


def _pg_term_query(item, typed):
    """tsquery of one term: the shared term, or a typed word in any language's analysis."""
    # plainto_tsquery reads plain words: nothing typed is parsed as an operator.
    parts, params = ["plainto_tsquery('simple', %s)"], [item]
    for word in typed:
        for config in CONFIGS:
            parts.append(f"plainto_tsquery('{config}', %s)")
            params.append(word)
    return "(" + " || ".join(parts) + ")", params


def _pg_match(parsed, items, operator):
    """The tsquery of every term of `items` (`&&`) or of any (`||`), with its parameters."""
    queries = [_pg_term_query(item, parsed.words[item]) for item in items]
    sql = f" {operator} ".join(sql for sql, _p in queries)
    return f"({sql})", [p for _sql, term_params in queries for p in term_params]


def _pg_candidates(match, where, params, newest_filters, limit, offset=0):
    """Rows whose tsvector matches, newest first through the (locale, recency) index or
    found through the GIN index and sorted, as the planner judges cheaper."""
    query, query_params, *vector = match
    vector = vector[0] if vector else "e.document"
    filter_where, filter_params = newest_filters("e.recency")
    conditions = " AND ".join([f"{vector} @@ {query}", *where, *filter_where])
    sql = (
        "SELECT e.page_id AS id, e.recency AS recency FROM news_searchentry e"  # noqa: S608
        f" WHERE {conditions} ORDER BY e.recency DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return sql, [*query_params, *params, *filter_params]


# The newest rows a walk down the recency index reads for the full matches of words that
# are each common (see _pg_newest_walk), in multiples of the bound.
WALK_ROWS = 4
# Share of the index's rows (both languages) that a word must be in to count as common.
COMMON_SHARE = 0.1
# The walk pays only in an index of at least this many times the rows it reads: in a
# smaller one PostgreSQL sorts the whole language instead, and the GIN index's rows to
# sort are few anyway.
WALK_SHARE = 10
# How long a process keeps the words' shares before reading them again.
SHARES_SECONDS = 600
_shares = {"read": None, "terms": {}, "rows": 0}


def _walk_first(parsed, bound):
    """Whether PostgreSQL's statistics of the index say each of the terms is common, in
    an index large enough for the walk of _pg_newest_walk to pay."""
    now = time.monotonic()
    if _shares["read"] is None or now - _shares["read"] > SHARES_SECONDS:
        # The most common lexemes of the document column and the share of rows holding
        # each, which ANALYZE keeps (its last three shares are not per lexeme).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT u.lexeme, u.share FROM pg_stats s,"
                " unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)"
                " AS u(lexeme, share) WHERE s.schemaname = current_schema()"
                " AND s.tablename = 'news_searchentry' AND s.attname = 'document'"
                " AND u.lexeme IS NOT NULL"
            )
            _shares["terms"] = dict(cursor.fetchall())
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'news_searchentry'::regclass"
            )
            _shares["rows"] = cursor.fetchone()[0]
        _shares["read"] = now
    if _shares["rows"] < WALK_SHARE * WALK_ROWS * (bound + 1):
        return False
    shares = _shares["terms"]
    return all(shares.get(term, 0) >= COMMON_SHARE for term in parsed.terms)


def _pg_newest_walk(every, where, locale_ids, filters, bound):
    """CTEs `full_walk` and `full_match` for words that are each common on PostgreSQL.

    PostgreSQL's planner counts a combination of words as rare as the product of their
    shares, as if they were independent. Words that go together (a stock phrase of press
    releases, "гости посетили предприятия", in a third of the bodies) are then estimated at
    a tenth of what they hold, and the GIN index hands out tens of thousands of rows to sort
    (about 100 ms at 100,000 pairs) where walking the newest rows finds the newest matches
    after a few thousand. So the newest WALK_ROWS × bound rows are read first; only when
    they hold no more than `bound` full matches (the words are common, but seldom
    together) is the index read as for any other query, the walk having cost a few ms.
    """
    query, query_params = every
    filter_where, filter_params = filters.sql("e.recency")
    conditions = " AND ".join([*where, *filter_where])
    walked = int(WALK_ROWS * (bound + 1))
    walk = (
        "SELECT id, recency FROM (SELECT e.page_id AS id, e.recency AS recency,"  # noqa: S608
        f" e.document AS document FROM news_searchentry e WHERE {conditions}"
        f" ORDER BY e.recency DESC LIMIT {walked}) w WHERE w.document @@ {query}"
        f" ORDER BY recency DESC LIMIT {int(bound) + 1}"
    )
    short = [f"(SELECT COUNT(*) FROM full_walk) <= {int(bound)}"]  # noqa: S608
    indexed, indexed_params = _pg_candidates(
        every, where + short, locale_ids, filters.sql, bound + 1
    )
    cte = (
        f"WITH full_walk AS MATERIALIZED ({walk}), full_match AS MATERIALIZED ("  # noqa: S608
        f"SELECT id, recency FROM full_walk WHERE (SELECT COUNT(*) FROM full_walk) > {int(bound)}"
        f" UNION ALL SELECT id, recency FROM ({indexed}) g)"
    )
    return cte, [*locale_ids, *filter_params, *query_params, *indexed_params]


def _year_sql():
    if connection.vendor == "postgresql":
        return "CAST(EXTRACT(YEAR FROM date) AS integer)"
    return "CAST(strftime('%%Y', date) AS integer)"


def _every_term(parsed):
    """The function reading matches newest first, and the match of every term for it."""
    if connection.vendor == "postgresql":
        return _pg_candidates, _pg_match(parsed, parsed.terms, "&&")
    return _sqlite_candidates, _fts_query(parsed.terms, "AND")


def _locales_where(locale_ids):
    placeholders = ", ".join(["%s"] * len(locale_ids)) or "NULL"
    return f"e.locale_id IN ({placeholders})"


def _phrase_match(parsed, every):
    """The match of every quoted phrase as written (its terms next to each other, in one
    field on SQLite) and of every term, for the candidates' function."""
    phrases = [" ".join(phrase) for phrase in parsed.phrases]
    if connection.vendor == "postgresql":
        query, query_params = every
        # The document holds each field's terms in order ('simple'), so <-> finds them.
        together = " && ".join("phraseto_tsquery('simple', %s)" for _p in phrases)
        return f"({together} && {query})", [*phrases, *query_params]
    return " AND ".join([*(_fts_string(phrase) for phrase in phrases), f"({every})"])


def _rest_sql(parsed, locale_ids, filters, skipped, offset, limit):
    """The full matches past the ranked ones, newest first: `limit` rows from `offset` of
    those older than the newest `bound`, leaving out the `skipped` ids (ranked already)."""
    where, params = [_locales_where(locale_ids)], list(locale_ids)
    if skipped:
        where.append(f"e.page_id NOT IN ({', '.join(['%s'] * len(skipped))})")
        params += skipped
    if not parsed:
        return _newest_rows(where, params, filters, limit, offset)
    candidates, every = _every_term(parsed)
    return candidates(every, where, params, filters.sql, limit, offset)


def _newest_rows(where, params, filters, limit, offset=0):
    """The rows a filter alone selects (no words typed), newest first."""
    filter_where, filter_params = filters.sql("e.recency")
    conditions = " AND ".join([*where, *filter_where])
    sql = (
        "SELECT e.page_id AS id, e.recency AS recency FROM news_searchentry e"  # noqa: S608
        f" WHERE {conditions} ORDER BY e.recency DESC LIMIT {int(limit)} OFFSET {int(offset)}"
    )
    return sql, [*params, *filter_params]


def _candidates_sql(parsed, locale_ids, filters, bound, titles=True):
    """CTEs `full_match` (releases with every term, the newest `bound` + 1 of them),
    `title_full` (with every term in the title, the newest `bound`, read only when more
    than `bound` releases have every term), `some_match` (with every term but one, or either
    of two; the newest partial_bound + 1, read only when fewer than FEW have every term) and
    `kept` (the ids ranked: the newest `bound` full matches, the title ones, partial_bound
    others and an exact title). Without `titles` (a search sorted by date, where the full
    matches past the bound follow in their order anyway) the title passes read nothing."""
    where = [_locales_where(locale_ids)]
    partial = partial_bound(bound)
    # The fallback wants all the words but one (any of two): a release holding one word of
    # a pasted title is no answer, and there are thousands of them.
    groups = (
        [[t for t in parsed.terms if t != left_out] for left_out in parsed.terms]
        if len(parsed.terms) > 2
        else [[t] for t in parsed.terms]
    )
    candidates, every = _every_term(parsed)
    if connection.vendor == "postgresql":
        # The title's terms alone, through their own GIN index (migration 0020): the
        # same terms SQLite's FTS5 column holds.
        in_title = (
            "plainto_tsquery('simple', %s)",
            [" ".join(parsed.terms)],
            "to_tsvector('simple', e.title_terms)",
        )
        parts = [_pg_match(parsed, group, "&&") for group in groups]
        any_ = (
            "(" + " || ".join(sql for sql, _p in parts) + ")",
            [p for _sql, group_params in parts for p in group_params],
        )
    else:
        in_title = _fts_query(parsed.terms, "AND", column="title_terms")
        any_ = " OR ".join(f"({_fts_query(group, 'AND')})" for group in groups)
    # One language: the walk follows one stretch of the (locale, recency) index.
    walk = len(locale_ids) == 1 and len(parsed.terms) > 1
    if connection.vendor == "postgresql" and walk and _walk_first(parsed, bound):
        cte, params = _pg_newest_walk(every, where, locale_ids, filters, bound)
    else:
        full, full_params = candidates(every, where, locale_ids, filters.sql, bound + 1)
        cte = f"WITH full_match AS MATERIALIZED ({full})"
        params = list(full_params)
    if len(parsed.terms) > 1:
        # Some of the words, only when none or few releases hold them all: the count is
        # evaluated once, and with enough full matches this part reads nothing.
        few = [f"(SELECT COUNT(*) FROM full_match) < {int(FEW)}"]  # noqa: S608
        some, some_params = candidates(any_, where + few, locale_ids, filters.sql, partial + 1)
    else:
        some, some_params = "SELECT id, recency FROM full_match WHERE 1 = 0", []
    cte += f", some_match AS MATERIALIZED ({some})"
    params += some_params
    # Past the bound the newest full matches may all be newer releases holding the words
    # in their bodies: those holding every word in the title are ranked too, the newest
    # partial_bound of them (the others follow the ranked ones, newest first, as every
    # full match does). Under the bound this reads nothing.
    over = [f"(SELECT COUNT(*) FROM full_match) > {bound}" if titles else "1 = 0"]  # noqa: S608
    title_full, title_params = candidates(in_title, where + over, locale_ids, filters.sql, partial)
    cte += f", title_full AS MATERIALIZED ({title_full})"
    params += title_params
    # A quoted phrase ranks first wherever it is: past the bound, the newest partial_bound
    # releases holding every phrase as written (and every other word) are ranked too.
    if parsed.phrases:
        in_phrase = _phrase_match(parsed, every)
        phrase_full, phrase_params = candidates(
            in_phrase, where + over, locale_ids, filters.sql, partial
        )
    else:
        phrase_full, phrase_params = "SELECT id, recency FROM full_match WHERE 1 = 0", []
    cte += f", phrase_full AS MATERIALIZED ({phrase_full})"
    params += phrase_params
    # A release whose title is the query is ranked even past the bound, when more releases
    # than that hold every word of a title made only of common words: found by equality
    # on its title's terms (an index), over the whole archive.
    filter_where, filter_params = filters.sql("e.recency")
    untitled = [] if titles else ["1 = 0"]
    title_where = " AND ".join([*where, "e.title_terms = %s", *filter_where, *untitled])
    cte += (
        ", title_match AS MATERIALIZED (SELECT e.page_id AS id FROM news_searchentry e"  # noqa: S608
        f" WHERE {title_where} ORDER BY e.recency DESC LIMIT {int(FEW)})"
    )
    params += [*locale_ids, parsed.sequence, *filter_params]
    # Only fixed SQL fragments and integers are formatted in.
    cte += (
        ", kept AS MATERIALIZED ("  # noqa: S608
        f"SELECT id FROM (SELECT id FROM full_match ORDER BY recency DESC LIMIT {int(bound)}) a"
        " UNION "
        f"SELECT id FROM (SELECT id FROM some_match ORDER BY recency DESC LIMIT {int(partial)}) b"
        " UNION SELECT id FROM title_full UNION SELECT id FROM phrase_full"
        " UNION SELECT id FROM title_match)"
    )
    return cte, params


def _index_query(parsed, locale_ids, filters, sort, bound):
    """The matches as CTEs, with their parameters: `full_match` and `some_match` (see
    _candidates_sql) and `m` (id, date, exact, phrase, hits, score), the kept rows ranked.

    The score is the one docs/search.md describes: the exact title or a quoted phrase
    first, then the number of query terms found, then where they were found (title 4,
    lead 2, partner cities and tags 2, body 1). Reading the matches newest first and
    stopping after `bound` + 1 keeps the work of a broad search fixed: on SQLite the
    full-text index hands its row ids (each release's recency) out in that order, on
    PostgreSQL the (locale, recency) index.
    """
    bound = int(bound)
    if not parsed:
        newest, params = _newest_rows([_locales_where(locale_ids)], locale_ids, filters, bound + 1)
        cte = (
            f"WITH full_match AS MATERIALIZED ({newest}),"  # noqa: S608
            " some_match AS MATERIALIZED (SELECT id, recency FROM full_match WHERE 1 = 0),"
            f" kept AS MATERIALIZED (SELECT id FROM full_match ORDER BY recency DESC"
            f" LIMIT {bound}),"
            " m AS MATERIALIZED (SELECT e.page_id AS id, e.date AS date"
            " FROM kept JOIN news_searchentry e ON e.page_id = kept.id)"
        )
        return cte, params, "date DESC, id DESC"
    cte, params = _candidates_sql(parsed, locale_ids, filters, bound, titles=sort != "date")
    phrase, weights, select_params = _ranking(parsed)
    columns = "".join(f", {sql} AS w{n}" for n, sql in enumerate(weights))
    hits = " + ".join(f"CASE WHEN w{n} > 0 THEN 1 ELSE 0 END" for n in range(len(weights)))
    score = " + ".join(f"w{n}" for n in range(len(weights)))
    # Each row's terms are read once into `texts`, not once per term and field: on
    # PostgreSQL every read of a stored value unpacks it again (and, before migration
    # 0014, looked it up out of the row: a third of a broad search at 100,000 pairs).
    spaced = ", ".join(f"' ' || e.{name}_terms || ' ' AS {name}" for name in FIELDS)
    if connection.vendor == "postgresql":
        # Each kept row looked up by its key: the planner, which counts the title full
        # matches as many as the full ones, would otherwise read the whole table to hash it.
        rows = "news_searchentry e WHERE e.page_id = ANY (ARRAY(SELECT id FROM kept))"
    else:
        rows = "kept JOIN news_searchentry e ON e.page_id = kept.id"
    cte += (
        ", texts AS MATERIALIZED (SELECT e.page_id AS id, e.date AS date,"  # noqa: S608
        f" {spaced} FROM {rows}),"
        " matched AS MATERIALIZED (SELECT t.id AS id, t.date AS date,"
        f" CASE WHEN t.title = %s THEN 1 ELSE 0 END AS exact, {phrase} AS phrase{columns}"
        " FROM texts t),"
        f" m AS MATERIALIZED (SELECT id, date, exact, phrase, {hits} AS hits,"
        f" {score} AS score FROM matched)"
    )
    params += [f" {parsed.sequence} ", *select_params]
    if sort != "date":
        order = "exact DESC, phrase DESC, hits DESC, score DESC, date DESC, id DESC"
    else:
        # By date too, releases holding every word come before those holding some.
        order = "hits DESC, date DESC, id DESC"
    return cte, params, order


def _page_sql(order):
    return f"SELECT id FROM m ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608


def _archive_years(locale_ids, filters):
    """Every year of the languages' archive that the date filters leave, newest first."""
    # The first and last date of each language, each read from the end of its index.
    ends = " UNION ALL ".join(
        "SELECT (SELECT date FROM news_searchentry WHERE locale_id = %s ORDER BY date"
        " LIMIT 1), (SELECT date FROM news_searchentry WHERE locale_id = %s"
        " ORDER BY date DESC LIMIT 1)"
        for _locale in locale_ids
    )
    if not ends:
        return []
    with connection.cursor() as cursor:
        cursor.execute(ends, [pk for pk in locale_ids for _end in (0, 1)])
        days = [day for row in cursor.fetchall() for day in row if day is not None]
    if not days:
        return []
    years = [datetime.date.fromisoformat(str(day)[:10]).year for day in days]
    first, last = min(years), max(years)
    if filters.year:
        first = last = filters.year
    if filters.date_from:
        first = max(first, filters.date_from.year)
    if filters.date_to:
        last = min(last, filters.date_to.year)
    return list(range(last, first - 1, -1))


def search_index(parsed, locale_ids, filters, sort, offset, limit):
    """Ids of the matches from `offset`, every count, in one query; and a way to fetch more.

    Releases holding every word come first; those holding only some of them are added
    when fewer than FEW hold them all (`Counts.fallback`). Past SEARCH_RANKED_MATCHES
    matches of a kind only the newest that many are ranked and counted: the counts say
    so (`more`), and the years are then the archive's, without counts.
    """
    bound = settings.SEARCH_RANKED_MATCHES
    cte, params, order = _index_query(parsed, locale_ids, filters, sort, bound)
    # The matches are few, the facets of the archive many: SQLite's planner, which has no
    # statistics, would walk every facet of a kind and look each up among the matches.
    # The facets of the matches are read once for both counts.
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    # One statement: the match is evaluated once, and each part is told apart by `part`.
    sql = (
        f"{cte}, facet AS MATERIALIZED (SELECT s.kind, s.slug, s.name"  # noqa: S608
        f" FROM m {join} news_searchfacet s ON s.entry_id = m.id) "
        "SELECT 0 AS part, id AS number, NULL AS slug, NULL AS name,"
        f" ROW_NUMBER() OVER (ORDER BY {order}) AS n FROM"
        f" (SELECT * FROM m ORDER BY {order} LIMIT %s OFFSET %s) page "
        "UNION ALL SELECT 1, 0, NULL, NULL, COUNT(*) FROM full_match "
        "UNION ALL SELECT 5, 0, NULL, NULL, COUNT(*) FROM some_match "
        "UNION ALL SELECT 6, 0, NULL, NULL, COUNT(*) FROM m "
        # Past the bound, the ranked full matches older than the newest `bound` (found by
        # their title or a phrase): the full matches past the ranked ones leave them out.
        "UNION ALL SELECT 7, id, NULL, NULL, 0 FROM kept WHERE id NOT IN (SELECT id FROM"
        f" (SELECT id FROM full_match ORDER BY recency DESC LIMIT {bound}) newest)"
        f" AND (SELECT COUNT(*) FROM full_match) > {bound} "
        f"UNION ALL SELECT 2, {_year_sql()}, NULL, NULL, COUNT(*) FROM m GROUP BY 2 "
        "UNION ALL SELECT 3, 0, slug, NULL, COUNT(*) FROM facet WHERE kind = 'city'"
        " GROUP BY slug "
        "UNION ALL SELECT 4, 0, slug, name, n FROM (SELECT slug, MIN(name) AS name,"
        " COUNT(*) AS n FROM facet WHERE kind = 'tag'"
        f" GROUP BY slug ORDER BY n DESC, name LIMIT {TOP_TAGS}) tags"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
    ids = [row[1] for row in sorted((row for row in rows if row[0] == 0), key=lambda r: r[4])]
    total = {part: next((row[4] for row in rows if row[0] == part), 0) for part in (1, 5, 6)}
    full, some, kept = total[1], total[5], total[6]
    counts = Counts(
        full=min(full, bound),
        fallback=bool(parsed) and some > full,
        more=full > bound or some > partial_bound(bound),
        newest=min(full, bound) + min(some, partial_bound(bound)),
        rest=full > bound,
    )
    ranked_older = sorted(row[1] for row in rows if row[0] == 7)
    facets = {
        "years": sorted(((row[1], row[4]) for row in rows if row[0] == 2), reverse=True),
        "cities": sorted(
            ((row[2], row[4]) for row in rows if row[0] == 3), key=lambda c: (-c[1], c[0])
        ),
        "tags": sorted(
            ((row[2], row[3], row[4]) for row in rows if row[0] == 4),
            key=lambda t: (-t[2], t[1]),
        ),
    }
    if counts.more:
        # Counts of the newest matches would read as counts of all: none are given, and
        # every year is offered, so that older releases are one choice away.
        facets = _uncounted(facets, _archive_years(locale_ids, filters))

    def ranked(start, count):
        with connection.cursor() as cursor:
            cursor.execute(f"{cte} {_page_sql(order)}", [*params, count, start])
            return [row[0] for row in cursor.fetchall()]

    if not counts.rest:
        return Matches(kept, (offset, ids), ranked), facets, counts
    matches, counts.rest_known = _followed(
        kept,
        ranked,
        _rest(parsed, locale_ids, filters, ranked_older, bound),
        offset,
        limit,
        ids,
    )
    return matches, facets, counts


def _rest(parsed, locale_ids, filters, skipped, skip):
    """Reading the full matches past the ranked ones: rows from `start` of those past the
    newest `skip`, leaving out the `skipped` ids; `None` counts them all."""

    def read(start, count=None):
        limit = 2**62 if count is None else count
        sql, params = _rest_sql(parsed, locale_ids, filters, skipped, skip + start, limit)
        if count is None:
            sql = f"SELECT COUNT(*) FROM ({sql}) rest"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return rows[0][0] if count is None else [row[0] for row in rows]

    return read


def _followed(kept, ranked, rest, offset, limit, ids):
    """Matches whose first `kept` are ranked (`ranked(start, count)`; `ids` are those of the
    page from `offset`), followed by the other full matches, newest first (`rest`, see
    _rest).

    Every full match can be reached, but counting them all would cost more than ranking
    the newest, so the total stays open: a page reads its rows and one more, which tells
    whether another page follows. Returns the Matches and whether the last one is known.
    """

    def fetch(start, count):
        found = ranked(start, min(count, kept - start)) if start < kept else []
        if start + count > kept:
            found += rest(max(start - kept, 0), start + count - max(start, kept))
        return found

    end = offset + limit
    start = max(offset - kept, 0)
    if end < kept:
        # A page among the ranked ones has another after it, whatever follows them.
        return Matches(kept + 1, (offset, ids), fetch), False
    wanted = end + 1 - max(offset, kept)
    found = rest(start, wanted)
    if not found and start:
        # A page past the end (an old link): the last page is shown, so count.
        return Matches(kept + rest(0), None, fetch), True
    following = len(found) == wanted
    length = end + 1 if following else kept + start + len(found)
    return Matches(length, (offset, [*ids, *found[: wanted - 1]]), fetch), not following


# --- Elasticsearch ---------------------------------------------------------------------


def candidate_ids(parsed, backend, locale_ids):
    """The cluster's best matches, most relevant first (at most SEARCH_MAX_CANDIDATES):
    those holding every term, then, when they are fewer than FEW, those holding some.

    Returns the ids and the set of those holding every term.
    """
    queryset = NewsArticlePage.objects.live().filter(locale_id__in=locale_ids)
    limit = settings.SEARCH_MAX_CANDIDATES
    full = [page.pk for page in backend.search(ReleaseQuery(parsed, every=True), queryset)[:limit]]
    ids = list(full)
    if len(parsed.terms) > 1 and len(full) < FEW:
        known = set(full)
        some = backend.search(ReleaseQuery(parsed, every=False), queryset)[:limit]
        ids += [page.pk for page in some if page.pk not in known]
    return ids, set(full)


def facets(queryset):
    """Result counts per year, partner city and tag, from the page tables."""
    queryset = queryset.order_by()
    years = (
        queryset.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-year")
    )
    cities = (
        queryset.filter(partner_cities__isnull=False)
        .values("partner_cities__slug")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "partner_cities__slug")
    )
    # A tag's slug is the same in both languages; its name is shown in the reader's.
    shown_name = (
        Topic.objects.live()
        .filter(
            slug=OuterRef("tags__slug"),
            locale__language_code=(get_language() or "ru").split("-")[0],
        )
        .values("name")[:1]
    )
    tags = (
        queryset.filter(tags__isnull=False)
        .values("tags__slug", "tags__name")
        .annotate(count=Count("pk", distinct=True), shown=Subquery(shown_name))
        .order_by("-count", "tags__name")
    )
    return {
        "years": [(row["year"], row["count"]) for row in years],
        "cities": [(row["partner_cities__slug"], row["count"]) for row in cities],
        "tags": [
            (row["tags__slug"], row["shown"] or row["tags__name"], row["count"])
            for row in tags[:TOP_TAGS]
        ],
    }


def search_pages(ids, locale_ids, filters, sort):
    """Filters and counts over the page tables, keeping the cluster's order."""
    filtered = filters.apply(_releases().filter(locale_id__in=locale_ids))
    if ids is not None:
        filtered = filtered.filter(pk__in=ids)
    if ids is not None and sort != "date":
        keep = set(filtered.values_list("pk", flat=True))
        order = [pk for pk in ids if pk in keep]
    else:
        order = list(filtered.order_by("-date", "-pk").values_list("pk", flat=True))
    return order, facets(filtered)


def _follow_cluster(outcome, parsed, locale_ids, filters, sort, offset, per_page):
    """The cluster gave as many full matches as it is asked for, so there may be more: the
    database index, kept alongside it, lists the others after them, newest first, as it
    does past its own bound. Their counts would be those of the cluster's best only.
    Sorted by date, the index lists them all, so that the order holds across pages."""
    ranked = list(outcome.ids) if sort != "date" else []
    rest = _rest(parsed, locale_ids, filters, sorted(ranked), 0)
    outcome.ids, known = _followed(
        len(ranked),
        lambda start, count: ranked[start : start + count],
        rest,
        offset,
        per_page,
        ranked[offset : offset + per_page],
    )
    outcome.more = outcome.rest = outcome.ranked_by_cluster = True
    outcome.open_ended = not known
    outcome.newest = len(ranked)
    outcome.facets = _uncounted(outcome.facets, _archive_years(locale_ids, filters))


def _uncounted(facets, years):
    """Facets without counts, which would read as counts of every match; every year."""
    return {
        "years": [(year, None) for year in years],
        "cities": [(slug, None) for slug, _count in facets.get("cities", [])],
        "tags": [(slug, name, None) for slug, name, _count in facets.get("tags", [])],
    }


# --- Entry point -----------------------------------------------------------------------


def search(query, locale_ids, filters, sort="relevance", page=1, per_page=None):
    """Matching live, public releases in display order (`ids`, for a Paginator), with
    facet counts. `page` names the page that will be shown, fetched with the counts."""
    parsed = query if isinstance(query, ParsedQuery) else ParsedQuery(query)
    outcome = Outcome(matched_terms=parsed.terms)
    per_page = per_page or settings.SEARCH_PAGE_SIZE
    locale_ids = list(locale_ids)
    # Past the end the paginator asks for the last page; SQL needs a bounded int.
    offset = min((max(page, 1) - 1) * per_page, 2**31)
    for alias in backend_aliases():
        try:
            backend = get_search_backend(alias)
            if is_database_backend(backend):
                outcome.ids, outcome.facets, counts = search_index(
                    parsed, locale_ids, filters, sort, offset, per_page
                )
                outcome.more, outcome.full = counts.more, counts.full
                outcome.newest = counts.newest
                outcome.fallback = counts.fallback
                outcome.rest = counts.rest
                outcome.open_ended = counts.rest and not counts.rest_known
            else:
                ids, full = candidate_ids(parsed, backend, locale_ids) if parsed else (None, ())
                outcome.ids, outcome.facets = search_pages(ids, locale_ids, filters, sort)
                outcome.full = sum(1 for pk in outcome.ids if pk in full)
                outcome.fallback = bool(parsed) and len(outcome.ids) > outcome.full
                if len(full) >= settings.SEARCH_MAX_CANDIDATES and index.enabled():
                    _follow_cluster(outcome, parsed, locale_ids, filters, sort, offset, per_page)
            outcome.backend = alias
            return outcome
        except Exception:
            # An unreachable cluster must not take the search page down with it.
            logger.exception("Search backend %r failed; trying the next one", alias)
    outcome.degraded = True
    return outcome
