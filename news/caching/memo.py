"""Figures every page shows, computed once and kept until what they depend on changes."""

import hashlib
import uuid

from django.conf import settings

from .generations import GENERATION_KEY, LISTINGS_KEY, _cache, _generations, release_key

# Kept values are pickled with their class's module path. The number changes whenever such a
# class moves, so that a deploy never reads an entry the running code cannot unpickle (the
# header's Navigation moved from news.navigation to news.distribution.navigation in 2).
KEPT_PREFIX = "newsroom:kept:2:"


def kept_for_listings(name, compute):
    """`compute()`, kept until a release is published or unpublished or the site changes.

    For figures that read the whole archive and that every page of it shows: the number of
    releases behind the pagination and the count per year. Without this, each of the
    thousands of archive pages a crawler walks would read every release again to count
    them. `name` must say everything the figure depends on (an SQL query does); None
    computes it every time.
    """
    if name is None or not settings.PAGE_CACHE_ENABLED:
        return compute()
    return _kept([GENERATION_KEY, LISTINGS_KEY], name, compute)


def kept_until_published(name, compute, keep=None):
    """`compute()`, kept until any page is published, unpublished or moved, or the site
    changes: for what readers' addresses lead to. Kept whether or not whole pages are
    cached, like `kept_for_site`; `keep` says which values are kept at all."""
    return _kept([GENERATION_KEY, LISTINGS_KEY], name, compute, keep)


def kept_for_site(name, compute):
    """`compute()`, kept until a page other than a release, a partner city, a photo or a
    restriction changes: for what every view shows whichever release it is about.

    Kept whether or not whole pages are cached: the views that are never cached whole (a
    search for new words) read it too, and the same signals replace it either way.
    """
    return _kept([GENERATION_KEY], name, compute)


def _kept(keys, name, compute, keep=None):
    cache = _cache()
    values = _generations(keys)
    # Read before computing: a change meanwhile makes the value stale.
    if any(values.get(key) is None for key in keys):
        return compute()  # the cache is unreachable
    stamp = "|".join([name, *(values[key] for key in keys)])
    key = KEPT_PREFIX + hashlib.md5(stamp.encode(), usedforsecurity=False).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        # `keep` says which values are worth an entry (not every address a crawler tries).
        if keep is None or keep(found):
            cache.set(key, found, settings.CACHE_MIDDLEWARE_SECONDS)
    return found


def release_stamps(translation_key):
    """What a release page's kept fragments are keyed on, read in one round trip.

    "own": the site and the release in either language (its cities, tags, photos, their
    credits and translations, the header's links); "listed": also the listings, for what
    it shows of other releases. Handed to Wagtail's `{% wagtailpagecache %}`, which adds
    the page's own state and the Site and never reads a kept fragment in a preview.
    """
    keys = [GENERATION_KEY, LISTINGS_KEY, release_key(translation_key)]
    values = _generations(keys)
    site, listings, release = (values.get(key) for key in keys)
    if None in (site, listings, release):
        # The cache is unreachable: a stamp no fragment was kept under.
        return {"own": uuid.uuid4().hex, "listed": uuid.uuid4().hex}
    return {"own": f"{site}|{release}", "listed": f"{site}|{listings}|{release}"}
