"""Pages a publication changed are made again by the worker, before readers ask for them.

Publishing a release makes stale its page, its translations, the archives, the home pages
and the feeds (news.caching.generations). The worker then requests each of them as an
anonymous reader would, through the whole request handler and the page cache's
middleware, so the entry it leaves is exactly the one a reader's request would have made;
a page that a reader would not get from the cache (private, unpublished, with a form) is
not stored either.
"""

import logging
from urllib.parse import urlsplit

from django_tasks import task

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from core.public_urls import public_root

logger = logging.getLogger(__name__)

FEED_KINDS = ("rss", "atom")


def addresses_of(page_id):
    """The paths a publication of this page changed that anonymous readers may see.

    The page and its live translations when public, each language's archive (the page's
    parent) and home page, and the feeds. A private release is left out, its listings not.
    """
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return []
    versions = [page, *page.get_translations().live().order_by("pk")]
    around = {version.get_parent().pk for version in versions}
    around |= {home.pk for version in versions for home in version.get_ancestors().filter(depth=2)}
    shown = Page.objects.live().public()
    public = shown.filter(pk__in=[version.pk for version in versions]).order_by("pk")
    listings = shown.filter(pk__in=around).order_by("depth", "pk")
    paths = []
    for each in [*public, *listings]:
        url = each.get_url()
        if url:
            paths.append(urlsplit(url).path)
    for language in dict.fromkeys(version.locale.language_code for version in versions):
        with translation.override(language):
            paths += [reverse("news_feed", kwargs={"kind": kind}) for kind in FEED_KINDS]
    return list(dict.fromkeys(paths))


def warm(paths):
    """Request each path as an anonymous reader at the public address; their statuses.

    Django's test client is the in-process way through the whole handler and middleware
    (no socket, no session cookie); it is given the public host and scheme so that the
    cache keys are those of readers' requests.
    """
    root = urlsplit(public_root())
    secure = root.scheme == "https"
    headers = {}
    if secure and settings.SECURE_PROXY_SSL_HEADER:
        # Behind a proxy, only its header makes the request secure (as readers' are).
        name, value = settings.SECURE_PROXY_SSL_HEADER
        headers[name] = value
    port = str(root.port or (443 if secure else 80))
    client = Client(
        raise_request_exception=False, HTTP_HOST=root.netloc, SERVER_PORT=port, **headers
    )
    statuses = {}
    for path in paths:
        response = client.get(path, secure=secure)
        statuses[path] = response.status_code
        logger.debug(
            "Warmed %s: %s %s", path, response.status_code, response.get("X-Page-Cache", "")
        )
    return statuses


@task(backend=settings.WORKER_TASK_BACKEND)
def warm_published(page_id):
    """Make and cache the pages a publication of this page changed (see addresses_of)."""
    if not settings.PAGE_CACHE_ENABLED:
        return {}
    return warm(addresses_of(page_id))
