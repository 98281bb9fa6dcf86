"""What every public page's header, language switch and metadata link to, read once.

The header asks for the home page and the archive, the language switch for the page's
translations and the other languages' home pages, the head metadata for the translations
again and the publisher's home page: one query per request answers them all, kept on the
request. Views outside the page tree need only the home pages and archives, kept in the
cache until a page other than a release changes.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as ListPage
from django.db.models import Q

from wagtail.models import Page

from news.caching.memo import kept_for_site
from news.models import HomePage, NewsIndexPage
from news.models.querysets import restricted


@dataclass
class Navigation:
    homes: dict = field(default_factory=dict)
    archives: dict = field(default_factory=dict)
    # Live, public versions of the page in every language (itself included), settings order.
    translations: list = field(default_factory=list)

    def home_of(self, page):
        """The home page above `page`."""
        return next((h for h in self.homes.values() if page.path.startswith(h.path)), None)


def navigation(request, page=None):
    key = page.translation_key if isinstance(page, Page) else None
    cached = getattr(request, "_newsroom_navigation", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    # Views outside the page tree (search, error pages) show only the home pages and
    # archives, which change with the site's other pages, never with a release.
    result = _load(key) if key is not None else kept_for_site("navigation", lambda: _load(None))
    if request is not None:
        request._newsroom_navigation = (key, result)
    return result


def _load(translation_key):
    home_type, index_type = _type_ids()
    # By type as well as depth (only home pages may sit below the root): the type is
    # indexed, depth is not, and no clause then scans every page.
    wanted = Q(depth=2, content_type_id=home_type) | Q(depth=3, content_type_id=index_type)
    if translation_key is not None:
        # Not `restricted=False` here: inside the OR it would be tested on every live
        # page; as an annotation it is read for the few rows returned, checked below.
        wanted |= Q(translation_key=translation_key)
    pages = (
        Page.objects.live()
        .annotate(restricted=restricted())
        .filter(wanted)
        .select_related("locale")
        .order_by("path")
    )
    result = Navigation()
    found = {}
    for page in pages:
        code = page.locale.language_code
        if page.depth == 2 and page.content_type_id == home_type:
            result.homes.setdefault(code, page)
        elif page.depth == 3 and page.content_type_id == index_type:
            result.archives.setdefault(code, page)
        if page.translation_key == translation_key and not page.restricted:
            found.setdefault(code, page)
    result.translations = [found[code] for code, _name in settings.LANGUAGES if code in found]
    return result


def _type_ids():
    return tuple(ContentType.objects.get_for_model(m).pk for m in (HomePage, NewsIndexPage))


def listing_tail(context, version):
    """What follows a page's own address in the address of what the reader sees.

    The same for the page and for each translation (`version`), so that the canonical link,
    the hreflang alternates and the language switch follow one rule: an archive listing's
    filter path (city/minsk/, 2024/03/) and its page number beyond the first. None when
    that translation has no such listing.
    """
    listing = context.get("listing")
    tail = ""
    if listing is not None:
        if not listing.exists_in(version):
            return None
        tail = listing.path
    articles = context.get("articles")
    if isinstance(articles, ListPage) and articles.number > 1:
        tail += f"?page={articles.number}"
    return tail
