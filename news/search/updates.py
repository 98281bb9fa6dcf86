"""Bringing the indexes up to date with a publication (news.publishing), and catching up
after an outage."""

import logging

from django.core.cache import cache

from wagtail.search.backends import get_search_backends_with_name

from news.models import NewsArticlePage
from news.search import index

logger = logging.getLogger(__name__)

# Releases whose last index update failed on some backend (an unreachable cluster).
PENDING_KEY = "newsroom:search:pending"


def index_release(page):
    """Index `page` in every backend and in the search index; True if all of them took it."""
    ok = True
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add(page)
        except Exception:
            logger.exception("Could not index release %s in search backend %r", page.pk, name)
            ok = False
    if index.enabled():
        index.refresh([page.pk])
    return ok


def retry_pending():
    """Index again the releases whose update failed; keep those that fail again."""
    pending = cache.get(PENDING_KEY) or set()
    if not pending:
        return
    failed = {
        page.pk
        for page in NewsArticlePage.objects.filter(pk__in=pending)
        if not index_release(page)
    }
    cache.set(PENDING_KEY, failed, None)
    if failed:
        logger.error("%d releases are still missing from a search backend", len(failed))


def index_published(page):
    """Index a just-published release, retrying the releases whose update failed before."""
    retry_pending()
    if not index_release(page):
        cache.set(PENDING_KEY, (cache.get(PENDING_KEY) or set()) | {page.pk}, None)


def index_in_bulk(pages):
    """Index many releases at once (bulk publication): one statement per backend."""
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(type(pages[0]), pages)
        except Exception:
            # As Wagtail does on save: an external search service that is down must not
            # lose bulk work; `update_index` catches up later.
            logger.exception("Could not index %d releases in %r", len(pages), name)
            if not backend.catch_indexing_errors:
                raise
    if index.enabled():
        index.refresh([page.pk for page in pages])
