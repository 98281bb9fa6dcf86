"""The two ways the page cache runs: in each worker's memory, or shared as with Redis."""

from django.core.cache import caches

KINDS = ["local", "shared"]


def copies_cache(location):
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location}


def use_page_cache(settings, kind):
    """Turn the page cache on; "shared" also gives two workers their own copies of pages,
    which must never be served once stale."""
    settings.PAGE_CACHE_ENABLED = True
    if kind == "shared":
        settings.CACHES = {
            **settings.CACHES,
            "copies-a": copies_cache("copies-a"),
            "copies-b": copies_cache("copies-b"),
        }
        settings.PAGE_CACHE_COPIES_ALIAS = "copies-a"
        for alias in ("copies-a", "copies-b"):
            caches[alias].clear()
    return kind
