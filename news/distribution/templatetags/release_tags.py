"""What a release page links to besides its text: the archive's city and tag pages, the
way back up (breadcrumbs), more news about its city, and share links.

Every address comes from the header's navigation (already read for the request) and the
archive's routes, so the links cost no query; "more news" is kept with the listings.
"""

from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from news.caching.memo import kept_for_listings
from news.distribution import metadata as seo
from news.distribution.navigation import navigation
from news.models import NewsArticlePage, NewsIndexPage

register = template.Library()

MORE_NEWS = 4
MORE_NEWS_SHARED = 8


def _archive_url(context):
    request = context.get("request")
    archive = navigation(request, context.get("page")).archives.get(get_language())
    return archive.get_url(request) if archive else None


def _subpage(context, name, slug):
    base = _archive_url(context)
    if not base or not slug:
        return ""
    return base + NewsIndexPage.get_resolver().reverse(name, slug)


@register.simple_tag(takes_context=True)
def city_archive_url(context, city):
    """The archive's page of a partner city: its releases in the reader's language."""
    return _subpage(context, "city_archive", city.slug)


@register.simple_tag(takes_context=True)
def tag_archive_url(context, tag):
    """The archive's page of a tag."""
    return _subpage(context, "tag_archive", tag.slug)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """(title, url) from the home page down to the release's first city; the release
    itself ends the trail without a link."""
    request = context.get("request")
    nav = navigation(request, page)
    language = page.locale.language_code
    trail = []
    if home := nav.homes.get(language):
        trail.append((home.title, home.get_url(request)))
    if archive := nav.archives.get(language):
        trail.append((archive.title, archive.get_url(request)))
    if page.cities:
        city = page.cities[0]
        trail.append((city.name, city_archive_url(context, city)))
    return trail


@register.simple_tag
def release_dates(page):
    """When the release went out, and when it was last published again, if that was on a
    later day than its first publication (a correction, not the same day's typo fix)."""
    published = seo.published_at(page)
    first, last = page.first_published_at, page.last_published_at
    updated = None
    if first and last and timezone.localdate(last) > timezone.localdate(first):
        updated = timezone.localtime(last)
    return {"published": published, "updated": updated}


@register.simple_tag(takes_context=True)
def more_about_city(context, page, exclude=()):
    """The latest other releases of the page's language about its first partner city, as
    (title, date, url). Kept with the archive's listings until a release is published or
    unpublished (news.caching.memo); a release page already cached shows the list it was
    cached with until it expires.

    The city's latest are read once for all its releases, each leaving out itself and its
    related releases: the query reads every release of the city to find its newest, which
    for each of the archive's releases in turn grew with the archive (55 ms a page at
    100,000 pairs on SQLite)."""
    if not page.cities:
        return None
    request = context.get("request")
    city = page.cities[0]
    skip = {page.pk, *(article.pk for article in exclude)}
    # One list for every release with up to MORE_NEWS_SHARED releases to leave out.
    count = MORE_NEWS + max(len(skip), MORE_NEWS_SHARED)

    def latest():
        releases = (
            NewsArticlePage.objects.live()
            .public()
            .filter(locale_id=page.locale_id)
            .in_city(city.slug)
            .select_related("locale")
            .order_by("-date", "-pk")[:count]
        )
        return [(r.pk, r.title, r.date, r.get_url(request)) for r in releases]

    name = f"more-about-city:{page.locale_id}:{city.slug}:{count}"
    shown = [row[1:] for row in kept_for_listings(name, latest) if row[0] not in skip]
    return {"city": city, "releases": shown[:MORE_NEWS]}


SHARE_TARGETS = (
    ("telegram", "Telegram", "https://t.me/share/url?", "url", "text"),
    ("vk", "VK", "https://vk.com/share.php?", "url", "title"),
    ("x", "X", "https://x.com/intent/post?", "url", "text"),
)


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """Plain links to share the release: nothing of the networks is loaded on the page."""
    url = seo.absolute_url(page, context.get("request"))
    links = [
        {
            "name": name,
            "label": label,
            "url": base + urlencode({url_key: url, text_key: page.title}),
        }
        for name, label, base, url_key, text_key in SHARE_TARGETS
    ]
    links.append(
        {
            "name": "email",
            "label": None,
            "url": "mailto:?"
            + urlencode({"subject": page.title, "body": url}).replace("+", "%20"),
        }
    )
    return {"links": links, "url": url}
