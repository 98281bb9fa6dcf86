import pytest

from django.core.cache import cache

from news.site_structure import ensure_site_structure
from news.translation import translate_instance

from .factories import locale


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The home page and archive in both languages; returns the Russian archive."""
    _home, archive = ensure_site_structure()
    return archive


@pytest.fixture
def ru(db):
    return locale("ru")


@pytest.fixture
def en(db):
    return locale("en")


@pytest.fixture
def translate(en):
    """Translate a Russian page or snippet into English from a {russian: english} dict."""

    def _translate(instance, texts, publish=True):
        return translate_instance(instance, en, texts.get, publish=publish)

    return _translate
