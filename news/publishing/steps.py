"""The steps of the publishing pipeline, each handing over to the subsystem that owns it.

A step answers the events it cares about (see Step) and does nothing for the others. Its
`catch_up` is what bulk work calls once for every page published meanwhile; the default
replays `published` page by page, so a new step is never skipped by bulk work.
"""

import threading

from django.conf import settings
from django.db import transaction

from wagtail.models import BaseViewRestriction, Page, PageViewRestriction, Site

from core.models import PressOffice
from gallery.models import NewsImage
from gallery.tasks import prepare_release_renditions
from news.alerts.tasks import send_release_alerts
from news.caching.frontend import purge_frontend
from news.caching.generations import purge_all, purge_release, purge_site
from news.caching.warm import warm_published
from news.models import (
    HomePage,
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsIndexPage,
    ReleaseAlert,
    SharedRecord,
)
from news.search import index as search_index
from news.search import updates as search_updates
from news.translation.sync import find_source, sync_source


class Step:
    name = ""

    def published(self, page, revision):
        pass

    def unpublished(self, page):
        pass

    def renamed(self, page):
        pass

    def moved(self, page):
        pass

    def deleted(self, page):
        pass

    def changed(self, instance, update_fields=None, deleted=False):
        """Any other object saved or deleted (a partner city, a photo, a restriction...)."""

    def catch_up(self, pages, changed):
        """After bulk work: `pages` were published and `changed` objects written meanwhile."""
        for page in pages:
            self.published(page, None)


class SearchIndex(Step):
    name = "search index"

    def published(self, page, revision):
        # The save that indexes a page runs before its partner cities and tags are written;
        # indexing again once published picks them up. Failures are retried at the next
        # publication; `manage.py update_index` catches up everything at once.
        if isinstance(page, NewsArticlePage):
            search_updates.index_published(page)

    def unpublished(self, page):
        # Also sent, before saving, by a deletion: the row goes whatever the database says.
        if isinstance(page, NewsArticlePage) and search_index.enabled():
            search_index.remove([page.pk])

    def moved(self, page):
        # Moving into or out of a private section changes who may find the releases.
        if search_index.enabled():
            search_index.refresh_subtree(page)

    def changed(self, instance, update_fields=None, deleted=False):
        if not isinstance(instance, PageViewRestriction) or not search_index.enabled():
            return
        if not deleted:
            # Everything below has just become private: removal needs no reading.
            search_index.remove_subtree(instance.page)
        elif page := Page.objects.filter(pk=instance.page_id).first():
            search_index.refresh_subtree(page)

    def catch_up(self, pages, changed):
        releases = [page for page in pages if isinstance(page, NewsArticlePage)]
        if releases:
            search_updates.index_in_bulk(releases)


_mirroring = threading.local()


def _copy_restriction(restriction, page):
    """`page` gets the same restriction as `restriction`, in place of its own.

    Wagtail's privacy dialog sets a group restriction's groups after saving it: until
    they are copied, the copy admits no group, which errs on the closed side.
    """
    groups = list(restriction.groups.all())
    for own in PageViewRestriction.objects.filter(page=page):
        own.delete()
    copy = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction.restriction_type, password=restriction.password
    )
    copy.groups.set(groups)


class TranslationSources(Step):
    """Translators get published sources; privacy is the same in every translation.

    Wagtail and wagtail-localize keep view restrictions per page (a new translation is a
    copy, restrictions included, but later changes stay on one page): a restriction on one
    translation of a release is copied to the others here, so feeds, search, sitemaps,
    the API and the page itself treat every translation alike. Sections keep their own:
    one language's archive may be closed while the other is open.
    """

    name = "translation sources"

    def published(self, page, revision):
        # A published source goes straight to its translators, as a sync would. The signal
        # comes after the page row holds the published content the source is read from.
        source = find_source(page)
        if source is None or not source.translations.filter(enabled=True).exists():
            return
        sync_source(source, user=revision.user if revision is not None else None)

    def changed(self, instance, update_fields=None, deleted=False):
        if isinstance(instance, PageViewRestriction):
            self._mirror(instance, deleted)

    @staticmethod
    def _mirror(restriction, deleted=False):
        # The copies' own saves come back here: they are the mirror's, not the editor's.
        if getattr(_mirroring, "active", False):
            return
        page = NewsArticlePage.objects.filter(pk=restriction.page_id).first()
        if page is None:
            return
        _mirroring.active = True
        try:
            for translation in page.get_translations():
                if deleted:
                    for other in PageViewRestriction.objects.filter(page=translation):
                        other.delete()
                else:
                    _copy_restriction(restriction, translation)
        finally:
            _mirroring.active = False


class PhotoSizes(Step):
    """Photo sizes of a published release are made now, so its first reader does not wait."""

    name = "photo sizes"

    @staticmethod
    def _photos(pages):
        gallery = NewsArticleGalleryItem.objects.filter(page__in=pages).values_list(
            "image_id", flat=True
        )
        body = {
            block["value"]["image"]
            for page in pages
            for block in page.body.raw_data
            if block["type"] == "image" and block["value"].get("image")
        }
        return sorted(set(gallery)), sorted(body)

    def published(self, page, revision):
        if not isinstance(page, NewsArticlePage):
            return
        gallery, body = self._photos([page])
        if gallery or body:
            transaction.on_commit(lambda: prepare_release_renditions.enqueue(gallery, body))

    def catch_up(self, pages, changed):
        releases = [page for page in pages if isinstance(page, NewsArticlePage)]
        gallery, body = self._photos(releases) if releases else ([], [])
        if gallery or body:
            # Encoding every size of thousands of photos would keep bulk work busy for hours:
            # the worker makes them, from a queue row written with the batch it belongs to.
            prepare_release_renditions.using(backend=settings.WORKER_TASK_BACKEND).enqueue(
                gallery, body
            )


# What the header reads of a home page or an archive (news.distribution.navigation).
NAVIGATION_FIELDS = frozenset({"live", "slug", "url_path", "path", "depth", "locale"})
# What saving a draft, or locking, writes to a snippet's row: readers see none of it.
DRAFT_FIELDS = frozenset(
    {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
)


class PageCache(Step):
    """Cached pages that show the change become stale, here and in the CDN; those of a
    published release are made again by the worker (news.caching.warm)."""

    name = "page cache"

    def _page_changed(self, page, moved=False):
        # Which pages show a release is known; any other page may show up anywhere.
        if isinstance(page, NewsArticlePage) and not moved:
            purge_release(page.translation_key, f"release {page.pk} changed")
        else:
            purge_all(f"page {page.pk} changed")
        purge_frontend(page)

    def published(self, page, revision):
        self._page_changed(page)
        if settings.PAGE_CACHE_ENABLED and isinstance(page, NewsArticlePage):
            page_id = page.pk
            # After the generations' second change on commit: the worker makes the new
            # pages from the committed release, so that no reader waits for them.
            transaction.on_commit(lambda: warm_published.enqueue(page_id))

    def unpublished(self, page):
        self._page_changed(page)

    def renamed(self, page):
        self._page_changed(page)

    def moved(self, page):
        self._page_changed(page, moved=True)

    def deleted(self, page):
        purge_all(f"page {page.pk} deleted")

    def changed(self, instance, update_fields=None, deleted=False):
        # A restriction hides a page (and its subtree) from readers who may already hold it;
        # a Site's hostname, port and root page make every address (news.caching.middleware);
        # the press office's name and contacts are in every page's header and footer.
        if update_fields is not None and DRAFT_FIELDS.issuperset(update_fields):
            return
        shown_everywhere = SharedRecord | NewsImage | BaseViewRestriction | Site | PressOffice
        if isinstance(instance, shown_everywhere):
            purge_all(f"{type(instance).__name__} {instance.pk} changed")
            purge_frontend(None)
        elif (
            not deleted
            and isinstance(instance, HomePage | NewsIndexPage)
            and (
                # A draft saved for review names its few fields, none of these.
                update_fields is None or not NAVIGATION_FIELDS.isdisjoint(update_fields)
            )
        ):
            # Every page's header links to these, and one made live directly, as setup_site
            # and the import do, is never "published".
            purge_all(f"{type(instance).__name__} {instance.pk} saved")

    def catch_up(self, pages, changed):
        if pages or changed:
            purge_site("bulk publication")


class Alerts(Step):
    """Subscribers get one email per new release, sent by the worker."""

    name = "alerts"

    def published(self, page, revision):
        if not isinstance(page, NewsArticlePage):
            return
        if ReleaseAlert.objects.filter(page_id=page.pk).exists():
            return
        page_id = page.pk
        # Queued once the publication is committed, so the worker sees the live release.
        transaction.on_commit(lambda: send_release_alerts.enqueue(page_id))
