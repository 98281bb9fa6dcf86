"""Browsing the archive without a query: by year, by month, by partner city and by tag.

Routes of the news archive page (see NewsIndexPage): /ru/news/2023/, /ru/news/2023/11/,
/ru/news/city/minsk/ (its feed is news.distribution.feeds's city feed) and
/ru/news/tag/roadmap/ (and the tag's feed).
"""

import calendar
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property

from wagtail.contrib.routable_page.models import path

from news.caching.memo import kept_for_listings


class ListingPaginator(Paginator):
    """Pages of a listing whose count is kept until the listings change (news.caching)."""

    @cached_property
    def count(self):
        name = _query_name("count", self.object_list)
        return kept_for_listings(name, lambda: Paginator.count.func(self))


def _query_name(kind, queryset):
    """What a figure read by `queryset` depends on: its SQL (None if it reads nothing)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return f"{kind}:{sql}:{params!r}"


def _paginate(request, queryset, count=None):
    page = request.GET.get("page")
    try:
        number = max(int(page), 1)
    except (TypeError, ValueError):
        number = 1
    paginator = ListingPaginator(queryset, settings.NEWS_PAGE_SIZE)
    if count is not None:
        paginator.count = count
    return paginator.get_page(number)


def releases_of(archive):
    """Live, public releases of an archive page (any version of it, even a plain Page)."""
    # The page classes import this module: their own module is read at call time.
    from news.models import NewsArticlePage

    return NewsArticlePage.objects.for_listing(archive.locale).descendant_of(archive)


class Listing:
    """Which of the archive's listings a reader sees: its filters and its address.

    The address below the archive (`path`) is the same in every language, city and tag
    slugs being shared by their translations; `exists_in` tells whether another
    language's archive has that listing too (a tag may be carried in one language only).
    """

    def __init__(self, archive, request, path="", *, city="", tag="", year=None, month=None):
        self.archive = archive
        self.base = archive.get_url(request) or ""
        self.path = path
        self.city, self.tag, self.year, self.month = city, tag, year, month
        self._found = {}

    def exists_in(self, archive):
        if archive.pk == self.archive.pk or not self.tag:
            return True
        if archive.pk not in self._found:
            # As the other archive's tag route decides it.
            tags = releases_of(archive).public_tags(archive.locale)
            self._found[archive.pk] = tags.filter(slug=self.tag).exists()
        return self._found[archive.pk]

    def address(self, city="", tag="", year=None, month=None):
        """The page listing releases with these filters.

        The archive's own addresses hold one filter (a year or month, a city, a tag);
        several at once are the search page's filters, which list without a query.
        """
        if not (city or tag):
            if year is None:
                return self.base
            if month is None:
                return self.base + self.archive.reverse_subpage("year_archive", args=[year])
            return self.base + self.archive.reverse_subpage("month_archive", args=[year, month])
        if year is None and not (city and tag):
            if city:
                return self.base + self.archive.reverse_subpage("city_archive", args=[city])
            return self.base + self.archive.reverse_subpage("tag_archive", args=[tag])
        query = {"city": city, "tag": tag}
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            query["date_from"] = datetime.date(year, month, 1).isoformat()
            query["date_to"] = datetime.date(year, month, last).isoformat()
        elif year is not None:
            query["year"] = year
        return reverse("search") + "?" + urlencode({k: v for k, v in query.items() if v})

    def with_year(self, year):
        """This listing in another year (None: every year)."""
        return self.address(self.city, self.tag, year)

    def with_city(self, city):
        """This listing for another partner city (empty: every city)."""
        return self.address(city, self.tag, self.year, self.month)


class ArchiveBrowsing:
    """Year, month and partner-city listings of one language's archive."""

    def releases(self):
        return releases_of(self)

    def archive_years(self, releases=None):
        """(year, count) for every year with releases (default: all), newest first."""
        rows = (
            (self.releases() if releases is None else releases)
            .order_by()
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(count=Count("pk"))
            .order_by("-year")
        )
        return kept_for_listings(
            _query_name("years", rows), lambda: [(row["year"], row["count"]) for row in rows]
        )

    def partner_city(self, slug):
        """The city with this slug, in the archive's language when translated."""
        # The page classes import this module: their own module is read at call time.
        from news.models import PartnerCity

        cities = list(PartnerCity.objects.live().filter(slug=slug))
        if not cities:
            raise Http404
        return next((c for c in cities if c.locale_id == self.locale_id), cities[0])

    def _listing(self, request, heading, releases, listing, years=None, **extra):
        count = None
        if years is not None:
            # Every listed release is in one of its years: no second count.
            count = sum(number for _year, number in years)
            extra["years"] = years
        articles = _paginate(request, releases, count)
        return self.render(
            request,
            template="news/news_archive_list.html",
            context_overrides={
                "heading": heading,
                "articles": articles,
                "listing": listing,
                **extra,
            },
        )

    def _route(self, request, name, *args, **filters):
        path = self.reverse_subpage(name, args=list(args))
        return Listing(self, request, path, **filters)

    @path("<int:year>/")
    def year_archive(self, request, year):
        releases = self.releases().filter(date__year=year)
        months = (
            releases.order_by()
            .annotate(month=ExtractMonth("date"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("month")
        )
        month_links = [
            (
                date_format(datetime.date(year, row["month"], 1), "F"),
                row["count"],
                self.reverse_subpage("month_archive", args=[year, row["month"]]),
            )
            for row in months
        ]
        return self._listing(
            request,
            str(year),
            releases,
            self._route(request, "year_archive", year, year=year),
            year=year,
            months=month_links,
        )

    @path("<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            raise Http404
        releases = self.releases().filter(date__year=year, date__month=month)
        heading = date_format(datetime.date(year, month, 1), "F Y")
        return self._listing(
            request,
            heading,
            releases,
            self._route(request, "month_archive", year, month, year=year, month=month),
            year=year,
            year_url=self.reverse_subpage("year_archive", args=[year]),
        )

    @path("city/<slug:slug>/")
    def city_archive(self, request, slug):
        city = self.partner_city(slug)
        releases = self.releases().in_city(slug)
        return self._listing(
            request,
            city.name,
            releases,
            self._route(request, "city_archive", slug, city=slug),
            # The city's own years: the year filter narrows this listing, not the archive.
            years=self.archive_years(releases),
            city=city,
            feed_url=reverse("news_city_feed", kwargs={"city": slug, "kind": "rss"}),
        )

    @path("tag/<str:slug>/")
    def tag_archive(self, request, slug):
        # Only a tag that a live, public release of this archive carries has a page, as with
        # the tag's feed: a draft's tag is not revealed.
        tag = self.releases().public_tags(self.locale).filter(slug=slug).first()
        if tag is None:
            raise Http404
        releases = self.releases().tagged(slug)
        return self._listing(
            request,
            tag.name,
            releases,
            self._route(request, "tag_archive", slug, tag=slug),
            years=self.archive_years(releases),
            tag=tag,
            feed_url=reverse("news_tag_feed", kwargs={"tag": slug, "kind": "rss"}),
        )

    @path("city/<slug:slug>/feed/")
    def city_feed(self, request, slug):
        # Kept for readers subscribed to this older address: the city's one feed is under
        # /feeds/ (news.distribution.feeds), with its Atom twin.
        self.partner_city(slug)
        return redirect("news_city_feed", city=slug, kind="rss", permanent=True)
