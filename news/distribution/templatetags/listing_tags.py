"""What the home page and the archive show besides their list of releases: the partner
cities a reader can filter the archive by, and the latest news of each city."""

from django import template
from django.conf import settings

from news.caching.memo import kept_for_site
from news.models import NewsArticlePage, PartnerCity
from news.models.archive import Listing
from news.models.querysets import LISTING_ORDER

register = template.Library()

# How many recent releases the home page reads to find each city's latest news.
CITY_NEWS_WINDOW = 40


@register.simple_tag
def archive_cities(archive):
    """(slug, name) of every approved partner city, in the archive's language where
    translated, by name.

    Kept with the site's navigation: it changes with the partner cities, not with each
    release, so the archive's pages read it once.
    """

    def load():
        versions = {}
        for city in PartnerCity.objects.live().select_related("locale").order_by("pk"):
            chosen = versions.get(city.translation_key)
            # The archive's language first, then the language releases are written in.
            if (
                chosen is None
                or city.locale_id == archive.locale_id
                or (
                    chosen.locale_id != archive.locale_id
                    and city.locale.language_code == settings.LANGUAGE_CODE
                )
            ):
                versions[city.translation_key] = city
        rows = [(city.slug, city.name) for city in versions.values()]
        return sorted(rows, key=lambda row: row[1].casefold())

    return kept_for_site(f"archive-cities:{archive.locale_id}", load)


@register.simple_tag
def city_news(home, per_city=2):
    """[(city, [release, ...])]: each partner city with its latest releases, the city with
    the most recent news first."""
    recent = list(
        NewsArticlePage.objects.live()
        .public()
        .filter(locale_id=home.locale_id)
        .defer_streamfields()
        .prefetch_related("partner_cities")
        .order_by(*LISTING_ORDER)[:CITY_NEWS_WINDOW]
    )
    groups = {}
    for release in NewsArticlePage.localize_cities(recent):
        for city in release.cities:
            releases = groups.setdefault(city.slug, (city, []))[1]
            if len(releases) < per_city:
                releases.append(release)
    return list(groups.values())


@register.simple_tag
def lead_and_rest(releases):
    """The newest release, to show large, and the others: the listing is read once."""
    releases = list(releases)
    return {"lead": releases[0] if releases else None, "rest": releases[1:]}


@register.simple_tag(takes_context=True)
def archive_listing(context):
    """The archive listing being read, its filters and address (the whole archive when
    the page names no other)."""
    listing = context.get("listing")
    return listing if listing is not None else Listing(context["page"], context.get("request"))


@register.simple_tag
def year_filter_url(listing, year=None):
    """The listing in this year, or in every year: its other filters stay."""
    return listing.with_year(year)


@register.simple_tag
def city_filter_url(listing, slug=""):
    """The listing for this partner city, or for every city: its other filters stay."""
    return listing.with_city(slug)
