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
    unpublished (news.caching.memo), so that a release page costs no query more for it;
    a release page already cached shows the list it was cached with until it expires."""
    if not page.cities:
        return None
    request = context.get("request")
    city = page.cities[0]
    skip = sorted({page.pk, *(article.pk for article in exclude)})

    def latest():
        releases = (
            NewsArticlePage.objects.live()
            .public()
            .filter(locale_id=page.locale_id)
            .in_city(city.slug)
            .exclude(pk__in=skip)
            .select_related("locale")
            .order_by("-date", "-pk")[:MORE_NEWS]
        )
        return [(r.title, r.date, r.get_url(request)) for r in releases]

    name = f"more-about-city:{page.locale_id}:{city.slug}:{skip}"
    return {"city": city, "releases": kept_for_listings(name, latest)}


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
