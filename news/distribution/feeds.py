"""RSS 2.0 and Atom feeds of releases: per language, per partner city and per tag."""

import logging

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Locale

from core.public_urls import page_url, public_url
from news.distribution.metadata import published_at, release_guid, social_image
from news.models import NewsArticlePage, NewsIndexPage, PartnerCity

logger = logging.getLogger(__name__)

FEED_SIZE = settings.NEWS_FEED_SIZE


class ReleaseFeed(Feed):
    """The latest releases of the reader's language, optionally narrowed to a city or tag.

    One instance serves one request (see `feed_view`), so the request can be kept on it.
    """

    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __init__(self, request):
        super().__init__()
        self.request = request

    def get_object(self, request, city=None, tag=None):
        locale = Locale.get_active()
        scope = {"locale": locale, "city": None, "tag": None}
        if city is not None:
            cities = PartnerCity.objects.live().filter(slug=city)
            found = cities.filter(locale=locale).first() or cities.first()
            if found is None:
                raise Http404(_("No such partner city."))
            scope["city"] = found
        if tag is not None:
            # Only a tag that a live, public release carries: one only a draft carries
            # would otherwise answer with an empty feed and reveal the draft.
            tags = NewsArticlePage.objects.public_tags(locale.language_code)
            found = tags.filter(slug=tag).first()
            if found is None:
                raise Http404(_("No such tag."))
            scope["tag"] = found
        return scope

    def title(self, scope):
        if scope["city"] is not None:
            return _("Press releases: %(city)s") % {"city": scope["city"].name}
        if scope["tag"] is not None:
            return _("Press releases tagged “%(tag)s”") % {"tag": scope["tag"].name}
        return _("Press releases")

    def description(self, scope):
        return str(settings.PRESS_OFFICE_NAME)

    subtitle = description

    def link(self, scope):
        archive = NewsIndexPage.objects.live().filter(locale=scope["locale"]).first()
        return (
            page_url(archive, self.request)
            if archive
            else public_url(f"/{get_language()}/", self.request)
        )

    def items(self, scope):
        releases = NewsArticlePage.objects.for_listing(scope["locale"]).prefetch_related(
            "tags", "partner_cities"
        )
        if scope["city"] is not None:
            # Releases link the source-language city record; the slug is shared by all.
            releases = releases.in_city(scope["city"].slug)
        if scope["tag"] is not None:
            releases = releases.tagged(scope["tag"].slug)
        releases = NewsArticlePage.localize_cities(list(releases[:FEED_SIZE]))
        return NewsArticlePage.localize_tags(releases)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render an RSS description or Atom summary as HTML; the lead is plain text.
        return escape(item.lead)

    def feed_url(self, scope):
        return public_url(self.request.path, self.request)

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return release_guid(item)

    def item_pubdate(self, item):
        return published_at(item)

    def item_updateddate(self, item):
        return item.last_published_at or published_at(item)

    def item_categories(self, item):
        return [city.name for city in item.cities] + [tag.name for tag in item.tag_list]

    def item_enclosures(self, item):
        rendition = social_image(item)
        if rendition is None:
            return []
        try:
            size = rendition.file.size
        except OSError:
            # The photo's file is gone from storage: the release is listed without it.
            logger.exception("Rendition %s of release %s has no file", rendition.pk, item.pk)
            return []
        return [Enclosure(public_url(rendition.url, self.request), str(size), "image/jpeg")]


class AtomReleaseFeed(ReleaseFeed):
    feed_type = Atom1Feed


FEEDS = {"rss": ReleaseFeed, "atom": AtomReleaseFeed}


def feed_view(request, kind, **kwargs):
    """Serve one feed; a fresh Feed object per request keeps threads apart."""
    if kind not in FEEDS:
        raise Http404
    return FEEDS[kind](request)(request, **kwargs)
