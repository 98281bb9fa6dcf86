"""Whole-page cache of what anonymous readers see, forgotten as soon as what it shows changes.

Django's cache middleware cannot forget a page before it expires, and a release corrected
after publication must never be served in its old form. Every cached page depends on
"generations", random values in the cache that a change replaces, making the pages that
depend on them stale at once (the entries expire on their own):

- the global generation, which every entry depends on: editing a partner city or a photo,
  moving or deleting any page, and publishing, unpublishing or renaming any page other
  than a release replace it;
- the listings generation: publishing or unpublishing any release replaces it; pages that
  do not say otherwise (home pages, archives, feeds, search, the sitemap, the API) depend
  on it;
- one generation per release, shared by its translations: publishing, unpublishing or
  renaming the release in either language replaces it. A release page depends only on its
  own (its language switch links to the other translation) and those of the releases it
  lists as related, so publishing one release leaves the other releases' pages cached.

Which change replaces which generation is decided by the publishing pipeline
(news.publishing); the middleware that serves the pages is in news.caching.middleware.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from .frontend import purge_frontend

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:page-cache:generation"


LISTINGS_KEY = "newsroom:page-cache:listings"


# Set on a response (see depend_on_releases) by views that show only some releases.
RELEASES_ATTRIBUTE = "page_cache_releases"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


RELEASE_PREFIX = "newsroom:page-cache:release:"

# Every generation key starts with one of these (news.caching.watch).
WATCHED_PREFIXES = (GENERATION_KEY, LISTINGS_KEY, RELEASE_PREFIX)


def release_key(translation_key):
    return f"{RELEASE_PREFIX}{translation_key}"


def _generations(keys, values=None):
    """The current value of each generation key, starting any that is missing.

    A key evicted from the cache comes back with a new value, so entries that depended on
    it are never taken for fresh. `values` are the keys' values when already read.
    """
    cache = _cache()
    values = cache.get_many(keys) if values is None else values
    missing = [key for key in keys if key not in values]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        values.update(cache.get_many(missing))
    return values


def _bump(keys, reason):
    """Give `keys` new values, now and again once the transaction commits.

    The second time covers a reader who fetched the old page between the change and the
    commit and so cached it under the new values.
    """

    def bump():
        values = {key: uuid.uuid4().hex for key in keys}
        cache = _cache()
        cache.set_many(values, None)
        # An unreachable Redis fails silently (settings.redis_cache): say what it costs.
        if cache.get(keys[0]) is None:
            logger.error(
                "The page cache could not be purged (%s): pages cached before this change "
                "may be served for up to %s seconds once the cache answers again, unless "
                "`manage.py purge_page_cache` is run then.",
                reason,
                settings.CACHE_MIDDLEWARE_SECONDS,
            )

    bump()
    transaction.on_commit(bump)
    logger.debug("Page cache purged (%s): %s", ", ".join(keys), reason)


def purge_all(reason=""):
    """Make every cached page unreachable (see _bump for the second time on commit)."""
    _bump([GENERATION_KEY], reason)


def purge_release(translation_key, reason=""):
    """Make stale the listings and the pages that show this release, in any language."""
    _bump([LISTINGS_KEY, release_key(translation_key)], reason)


def depend_on_releases(response, translation_keys):
    """Declare that `response` shows only these releases (by translation key).

    It then stays cached while other releases are published; without this, a page depends
    on every release. `translation_keys` may be a function, called only if the response
    is cached, so that pages served without the cache make no query for it.
    """
    setattr(response, RELEASES_ATTRIBUTE, translation_keys)
    return response


def purge_site(reason=""):
    """Forget every cached page and ask the CDN to forget the listings, after bulk changes."""
    purge_all(reason)
    purge_frontend(None)
