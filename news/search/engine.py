"""Searching the archive: the backend finds candidates, this module filters and ranks them.

Ranking is done here rather than by the backend so that SQLite, PostgreSQL and
Elasticsearch give readers the same order for the same archive.
"""

import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear

from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

from .analysis import ParsedQuery, terms

logger = logging.getLogger(__name__)

# Title and lead say what a release is about; the body only mentions things.
WEIGHTS = {"title": 4, "lead": 2, "keywords": 2, "body": 1}


@dataclass
class Filters:
    city: str = ""
    year: int | None = None
    date_from: object = None
    date_to: object = None
    tag: str = ""

    def apply(self, queryset):
        if self.city:
            queryset = queryset.filter(partner_cities__slug=self.city)
        if self.year:
            queryset = queryset.filter(date__year=self.year)
        if self.date_from:
            queryset = queryset.filter(date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(date__lte=self.date_to)
        if self.tag:
            queryset = queryset.filter(tags__slug=self.tag)
        return queryset.distinct()

    @property
    def active(self):
        return bool(self.city or self.year or self.date_from or self.date_to or self.tag)


@dataclass
class Outcome:
    ids: list = field(default_factory=list)
    matched_terms: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    backend: str = ""
    degraded: bool = False


def _releases():
    from news.models import NewsArticlePage

    return NewsArticlePage.objects.live().public()


def backend_aliases():
    """The configured backend first, then the database index kept alongside it."""
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    return ["default", *[alias for alias in configured if alias != "default"]]


def candidate_ids(parsed, locale_ids):
    """Page ids the search backend matches, and the alias of the backend that answered."""
    from news.models import NewsArticlePage

    queryset = NewsArticlePage.objects.live().filter(locale_id__in=locale_ids)
    limit = settings.SEARCH_MAX_CANDIDATES
    for alias in backend_aliases():
        try:
            backend = get_search_backend(alias)
            # Unordered: we rank ourselves, and SQLite's relevance order costs a
            # correlated subquery per matching row.
            results = backend.search(
                PlainText(parsed.backend_query(), operator="or"),
                queryset,
                order_by_relevance=False,
            )[:limit]
            if hasattr(results, "get_queryset"):
                # Database backends: the ids alone, without loading every page.
                return list(results.get_queryset().values_list("pk", flat=True)), alias
            return [page.pk for page in results], alias
        except Exception:
            # An unreachable cluster must not take the search page down with it.
            logger.exception("Search backend %r failed; trying the next one", alias)
    return None, ""


# Analysed releases kept in the process (keyed by revision, so never stale). A plain
# dict rather than Django's cache: a query may need thousands of entries at once, more
# than the local-memory cache keeps, and they are cheaper not to serialise.
_TERMS = OrderedDict()
_TERMS_SIZE = 20_000


def _remember(entries):
    for key, value in entries.items():
        _TERMS[key] = value
        _TERMS.move_to_end(key)
    while len(_TERMS) > _TERMS_SIZE:
        _TERMS.popitem(last=False)


def _terms_key(pk, revision_id, published):
    stamp = published.timestamp() if published else 0
    return f"newsroom:search:terms:{pk}:{revision_id}:{stamp}"


def _city_names(pages):
    """{city pk: its names and countries in every language} in one query."""
    from news.models import PartnerCity

    cities = {city.pk: city for page in pages for city in page.partner_cities.all()}
    keys = {city.translation_key for city in cities.values()}
    by_key = {}
    for city in PartnerCity.objects.filter(translation_key__in=keys):
        by_key.setdefault(city.translation_key, []).extend([city.name, city.country])
    return {pk: by_key.get(city.translation_key, []) for pk, city in cities.items()}


def candidate_terms(queryset):
    """{pk: (analysed fields, date)} for the releases of `queryset`.

    Analysed fields are cached until the release is published again, so a query only
    loads and analyses the releases it has not seen since.
    """
    rows = list(queryset.values_list("pk", "latest_revision_id", "last_published_at", "date"))
    keys = {row[0]: _terms_key(*row[:3]) for row in rows}
    cached = {key: _TERMS[key] for key in keys.values() if key in _TERMS}
    missing = [pk for pk, key in keys.items() if key not in cached]
    fresh = {}
    pages = list(queryset.filter(pk__in=missing).prefetch_related("partner_cities", "tags"))
    city_names = _city_names(pages)
    for page in pages:
        names = [name for city in page.partner_cities.all() for name in city_names[city.pk]]
        names += [tag.name for tag in page.tags.all()]
        fresh[keys[page.pk]] = {
            "title": tuple(terms(page.title)),
            "lead": tuple(terms(page.lead)),
            "body": tuple(terms(page.plain_body)),
            "keywords": tuple(terms(" ".join(names))),
        }
    _remember(fresh)
    cached.update(fresh)
    return {pk: (cached[keys[pk]], date) for pk, _revision, _published, date in rows}


def _contains(sequence, phrase):
    phrase = tuple(phrase)
    size = len(phrase)
    return any(sequence[i : i + size] == phrase for i in range(len(sequence) - size + 1))


def score(fields, parsed):
    """(phrase found, terms matched, weighted matches) for one release."""
    sets = {name: set(values) for name, values in fields.items()}
    matched = weight = 0
    for item in parsed.terms:
        hit = sum(w for name, w in WEIGHTS.items() if item in sets[name])
        if hit:
            matched += 1
            weight += hit
    phrase = any(
        _contains(fields[name], phrase)
        for phrase in parsed.phrases
        for name in ("title", "lead", "body")
    )
    return phrase, matched, weight


def facets(queryset):
    """Result counts per year, partner city and tag."""
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
    tags = (
        queryset.filter(tags__isnull=False)
        .values("tags__slug", "tags__name")
        .annotate(count=Count("pk", distinct=True))
        .order_by("-count", "tags__name")
    )
    return {
        "years": [(row["year"], row["count"]) for row in years],
        "cities": [(row["partner_cities__slug"], row["count"]) for row in cities],
        "tags": [(row["tags__slug"], row["tags__name"], row["count"]) for row in tags[:30]],
    }


def search(query, locale_ids, filters, sort="relevance"):
    """Ids of matching live, public releases in display order, with facet counts."""
    parsed = query if isinstance(query, ParsedQuery) else ParsedQuery(query)
    outcome = Outcome(matched_terms=parsed.terms)
    base = _releases().filter(locale_id__in=locale_ids)
    if parsed:
        ids, outcome.backend = candidate_ids(parsed, locale_ids)
        if ids is None:
            outcome.degraded = True
            return outcome
        ranked = {}
        for pk, (fields, date) in candidate_terms(base.filter(pk__in=ids)).items():
            found = score(fields, parsed)
            if found[1]:
                ranked[pk] = (*found, date, pk)
        base = base.filter(pk__in=ranked)
    filtered = filters.apply(base)
    outcome.facets = facets(filtered)
    if parsed and sort != "date":
        keep = set(filtered.values_list("pk", flat=True))
        order = sorted((key for key in ranked if key in keep), key=ranked.get, reverse=True)
    else:
        order = list(
            filtered.order_by("-date", "-first_published_at", "-pk").values_list("pk", flat=True)
        )
    outcome.ids = order
    return outcome
