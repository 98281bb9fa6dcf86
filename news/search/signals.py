"""Keep the indexes in step with what was published, and catch up after an outage."""

import logging

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import index

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


def _is_release(instance):
    from news.models import NewsArticlePage

    return isinstance(instance, NewsArticlePage)


@receiver(page_published)
def reindex_published_release(sender, instance, **kwargs):
    # The save that indexes a page runs before its partner cities and tags are written;
    # indexing again once published picks them up. Failures are retried at the next
    # publication; `manage.py update_index` catches up everything at once.
    if not _is_release(instance):
        return
    retry_pending()
    if not index_release(instance):
        cache.set(PENDING_KEY, (cache.get(PENDING_KEY) or set()) | {instance.pk}, None)


@receiver(page_unpublished)
def unindex_unpublished_release(sender, instance, **kwargs):
    # Also sent, before saving, by a deletion: the row goes whatever the database says.
    if _is_release(instance) and index.enabled():
        index.remove([instance.pk])


@receiver(post_page_move)
def reindex_moved_pages(sender, instance, **kwargs):
    # Moving into or out of a private section changes who may find the releases.
    if index.enabled():
        index.refresh_subtree(instance)


@receiver(post_save, sender=PageViewRestriction)
def unindex_restricted_pages(sender, instance, **kwargs):
    # Everything below a restricted page has just become private: removal needs no reading.
    if index.enabled():
        index.remove_subtree(instance.page)


@receiver(post_delete, sender=PageViewRestriction)
def reindex_unrestricted_pages(sender, instance, **kwargs):
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and index.enabled():
        index.refresh_subtree(page)
