"""The address readers use, for every absolute link the site gives out.

Pages, feeds, the sitemap, metadata, the API and emails all build their links here, so
that they agree: PUBLIC_BASE_URL when it is set; otherwise the Wagtail Site, when its
host name is a public one; otherwise the host the request came to (or, without a request,
WAGTAILADMIN_BASE_URL). A Site left at `localhost` by the installation is thus never
handed to partner sites or readers.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

LOCAL_HOSTS = frozenset({"", "localhost", "0.0.0.0", "::1", "testserver"})  # noqa: S104


def is_local(url_or_host):
    """True for an address nobody else can reach: localhost, 127.x, *.localhost..."""
    text = str(url_or_host or "")
    host = (urlsplit(text).hostname if "//" in text else text.split(":")[0]) or ""
    host = host.lower()
    return host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost")


def _root(url):
    parts = urlsplit(str(url))
    return f"{parts.scheme}://{parts.netloc}"


def public_root(request=None):
    """Scheme and host of public links, without a trailing slash."""
    configured = getattr(settings, "PUBLIC_BASE_URL", "")
    if configured:
        return _root(configured)
    site = _site(request)
    if site is not None and not is_local(site.hostname):
        return _root(site.root_url)
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return _root(settings.WAGTAILADMIN_BASE_URL)


def public_url(path_or_url, request=None):
    """An absolute link from a path; a URL that already has its host (a CDN's, a bucket's)
    is left as it is."""
    text = str(path_or_url)
    if text.startswith(("http://", "https://", "//")):
        return text
    return public_root(request) + "/" + text.lstrip("/")


def page_url(page, request=None):
    """A page's public address: its path on its Site, under the public root.

    Not Page.get_full_url, which puts the Site record's host in front of it.
    """
    parts = page.get_url_parts(request)
    if parts is None:
        return None
    return public_url(parts[2], request)


def _site(request):
    if request is not None:
        # Found once per request (and kept in the cache by the KnownSite middleware).
        return Site.find_for_request(request)
    return Site.objects.filter(is_default_site=True).first()
