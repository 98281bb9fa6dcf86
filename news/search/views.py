import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage, PartnerCity
from news.search.engine import Filters, backend_aliases, search
from news.search.forms import SearchFilterForm
from news.text.analysis import MAX_QUERY_CHARS, clean, words
from news.text.plain import highlight, snippet

logger = logging.getLogger(__name__)

SORTS = {"relevance": _("Relevance"), "date": _("Date")}
FILTER_NAMES = ("city", "year", "date_from", "date_to", "tag")


def _reader_locale():
    return Locale.get_active()


def _page_number(value):
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def _query_string(params, **changes):
    """The current search's query string with some parameters changed or dropped."""
    from django.http import QueryDict

    result = QueryDict(mutable=True)
    for key, value in {**params, **changes}.items():
        if value not in (None, ""):
            result[key] = value
    return result.urlencode()


def _city_names(slugs, locale):
    names = {}
    for city in PartnerCity.objects.live().filter(slug__in=slugs).select_related("locale"):
        if city.slug not in names or city.locale_id == getattr(locale, "pk", None):
            names[city.slug] = city.name
    return names


def _result_pages(pks):
    """The releases of one results page, with their cities in their own language, in a
    fixed number of queries however many there are."""
    pages = list(
        NewsArticlePage.objects.filter(pk__in=pks)
        .select_related("locale")
        .prefetch_related("partner_cities")
    )
    keys = {city.translation_key for item in pages for city in item.partner_cities.all()}
    translated = {
        (city.translation_key, city.locale_id): city
        for city in PartnerCity.objects.live().filter(
            translation_key__in=keys, locale_id__in={item.locale_id for item in pages}
        )
    }
    for item in pages:
        # Fills NewsArticlePage.cities, which would otherwise ask once per release.
        item.cities = [
            translated.get((city.translation_key, item.locale_id), city)
            for city in item.partner_cities.all()
        ]
    return pages


@require_GET
def search_view(request):
    query = clean(request.GET.get("q", ""))[:MAX_QUERY_CHARS].strip()
    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "relevance"
    both = request.GET.get("lang") == "all"
    if both:
        locales = list(Locale.objects.all())
        reader_locale = next((x for x in locales if x.language_code == get_language()), None)
    else:
        reader_locale = _reader_locale()
        locales = [reader_locale] if reader_locale else []

    params = {
        "q": query,
        "sort": "" if sort == "relevance" else sort,
        "lang": "all" if both else "",
    }
    form = SearchFilterForm(request.GET)
    status = 200
    if form.is_valid():
        filters = form.filters()
    else:
        # A malformed filter is the reader's (or a link's) mistake: say so, search without it.
        filters = Filters()
        status = 400
    for name in FILTER_NAMES:
        value = form.cleaned_data.get(name) if status == 200 else None
        params[name] = "" if value in (None, "") else str(value)

    outcome = None
    page = None
    if query or filters.active:
        number = _page_number(request.GET.get("page"))
        outcome = search(query, [loc.pk for loc in locales], filters, sort, page=number)
        paginator = Paginator(outcome.ids, settings.SEARCH_PAGE_SIZE)
        page = paginator.get_page(number)

    results = []
    if page is not None and page.object_list:
        pages = _result_pages(list(page.object_list))
        by_pk = {item.pk: item for item in pages}
        for pk in page.object_list:
            item = by_pk.get(pk)
            if item is None:
                continue
            wanted = outcome.matched_terms
            results.append(
                {
                    "page": item,
                    "title": highlight(item.title, wanted),
                    "snippet": snippet([item.lead, item.plain_body], wanted)
                    if wanted
                    else item.lead,
                    # In its own words, as the language switch names it (lang is set).
                    "language": dict(settings.LANGUAGES)[item.locale.language_code],
                    "cities": item.cities,
                }
            )

    facets = outcome.facets if outcome else {}
    city_names = _city_names(
        [slug for slug, _count in facets.get("cities", [])] + [filters.city], reader_locale
    )
    active = []
    for name in FILTER_NAMES:
        if params[name]:
            label = city_names.get(params[name], params[name]) if name == "city" else params[name]
            active.append(
                {
                    "name": name,
                    "label": SearchFilterForm.base_fields[name].label,
                    "value": label,
                    "drop_url": "?" + _query_string(params, **{name: "", "page": ""}),
                }
            )
    errors = []
    if status == 400:
        for name, messages in form.errors.items():
            prefix = f"{form.fields[name].label}: " if name in form.fields else ""
            errors.extend(f"{prefix}{message}" for message in messages)
    hidden = [(name, params[name]) for name in (*FILTER_NAMES, "sort", "lang") if params[name]]
    context = {
        "query": query,
        "errors": errors,
        "hidden_fields": hidden,
        "outcome": outcome,
        "results": results,
        "page_obj": page,
        "both": both,
        "sort": sort,
        "sorts": [
            {"key": key, "label": label, "url": "?" + _query_string(params, sort=key)}
            for key, label in SORTS.items()
        ],
        "active_filters": active,
        "clear_url": "?" + _query_string({"q": query, "lang": params["lang"]}),
        "lang_url": "?" + _query_string(params, lang="" if both else "all"),
        "facet_years": [
            (year, count, "?" + _query_string(params, year=year, page=""))
            for year, count in facets.get("years", [])
        ],
        "facet_cities": [
            (city_names.get(slug, slug), count, "?" + _query_string(params, city=slug, page=""))
            for slug, count in facets.get("cities", [])
        ],
        "facet_tags": [
            (name, count, "?" + _query_string(params, tag=slug, page=""))
            for slug, name, count in facets.get("tags", [])
        ],
        "page_query": _query_string(params),
    }
    return render(request, "news/search.html", context, status=status)


@require_GET
def suggest_view(request):
    """Titles starting with what the reader is typing, for search-as-you-type."""
    text = clean(request.GET.get("q", ""))[:100]
    prefixes = [word for _s, _e, word in words(text)][:6]
    locale = _reader_locale()
    if not prefixes or locale is None:
        return JsonResponse({"suggestions": []})
    queryset = NewsArticlePage.objects.live().filter(locale=locale)
    titles = []
    for alias in backend_aliases():
        try:
            found = get_search_backend(alias).autocomplete(
                " ".join(prefixes), queryset, operator="and"
            )
            ids = [item.pk for item in found[:20]]
        except Exception:
            logger.exception("Suggestions failed on search backend %r", alias)
            continue
        public = set(queryset.public().filter(pk__in=ids).values_list("pk", flat=True))
        titles = [item.title for item in found[:20] if item.pk in public][:8]
        break
    return JsonResponse({"suggestions": titles})
