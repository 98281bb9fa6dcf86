"""Keep the index in step with what was published, and catch up after an outage."""

import logging

from django.core.cache import cache
from django.dispatch import receiver

from wagtail.search.backends import get_search_backends_with_name
from wagtail.signals import page_published

logger = logging.getLogger(__name__)

# Releases whose last index update failed on some backend (an unreachable cluster).
PENDING_KEY = "newsroom:search:pending"


def index_release(page):
    """Index `page` in every backend; True if all of them took it."""
    ok = True
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add(page)
        except Exception:
            logger.exception("Could not index release %s in search backend %r", page.pk, name)
            ok = False
    return ok


def retry_pending():
    """Index again the releases whose update failed; keep those that fail again."""
    from news.models import NewsArticlePage

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


@receiver(page_published)
def reindex_published_release(sender, instance, **kwargs):
    # The save that indexes a page runs before its partner cities and tags are written;
    # indexing again once published picks them up. Failures are retried at the next
    # publication; `manage.py update_index` catches up everything at once.
    from news.models import NewsArticlePage

    if not isinstance(instance, NewsArticlePage):
        return
    retry_pending()
    if not index_release(instance):
        cache.set(PENDING_KEY, (cache.get(PENDING_KEY) or set()) | {instance.pk}, None)
