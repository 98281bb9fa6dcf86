"""Page-cache hits are answered before sessions, language, CSRF and the rest
(news.caching.hits), with the headers of the page as it was made, and only to those who
would have been given the cached page anyway."""

import pytest

from django.middleware.locale import LocaleMiddleware
from django.test import Client

from tests.outages import database_refused
from tests.release_fixtures import *  # noqa: F403 - fixtures

from .kinds import KINDS, use_page_cache

pytestmark = pytest.mark.django_db

# Headers that may differ between two answers with the same page.
PER_ANSWER = {"x-page-cache", "date"}


@pytest.fixture(autouse=True, params=KINDS)
def page_cache(request, settings):
    """The cache in the worker's memory, and as with Redis, with two workers' copies."""
    return use_page_cache(settings, request.param)


def headers(response):
    return {
        name.lower(): value
        for name, value in response.headers.items()
        if name.lower() not in PER_ANSWER
    }


def public_urls(page, language):
    return [page.url, f"/{language}/news/", f"/{language}/", f"/{language}/feeds/rss/"]


def test_a_hit_carries_the_headers_of_the_page_as_it_was_made(
    client, settings, release, page_cache
):
    ru_page, en_page = release
    for language, page in (("ru", ru_page), ("en", en_page)):
        for url in public_urls(page, language):
            made = client.get(url)
            assert made["X-Page-Cache"] == "miss", url
            served = [Client().get(url)]
            if page_cache != "local":
                # Another worker: from the shared entry, not from its own copy.
                settings.PAGE_CACHE_COPIES_ALIAS = "copies-b"
                served.append(Client().get(url))
                settings.PAGE_CACHE_COPIES_ALIAS = "copies-a"
            for hit in served:
                assert hit["X-Page-Cache"] == "hit", url
                assert hit.content == made.content, url
                assert headers(hit) == headers(made), url
            assert headers(made)["content-language"] == language, url
            assert "x-frame-options" in headers(made), url
            assert "content-security-policy" in headers(made), url


def test_a_hit_skips_the_middlewares_a_cached_page_does_not_need(client, release, monkeypatch):
    ru_page, _ = release
    seen = []
    process_request = LocaleMiddleware.process_request

    def counted(self, request):
        seen.append(request.path)
        return process_request(self, request)

    monkeypatch.setattr(LocaleMiddleware, "process_request", counted)
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    assert seen == [ru_page.url]
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert seen == [ru_page.url]


def test_sessions_posts_the_admin_and_editors_never_get_a_cached_page(
    client, admin_client, release
):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    with_session = Client()
    with_session.cookies["sessionid"] = "a" * 32
    assert "X-Page-Cache" not in with_session.get(ru_page.url)
    assert "X-Page-Cache" not in Client().post(ru_page.url)
    assert "X-Page-Cache" not in admin_client.get(ru_page.url)
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/admin/login/")


def test_a_host_not_allowed_gets_a_400_and_another_host_its_own_page(client, release):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    forged = client.get(ru_page.url, HTTP_HOST="press.example.org")
    assert forged.status_code == 400
    assert "X-Page-Cache" not in forged
    other = client.get(ru_page.url, HTTP_HOST="localhost")
    assert other.status_code == 200
    assert other["X-Page-Cache"] == "miss"


def test_plain_http_is_redirected_rather_than_served_from_the_cache(settings, release):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    ru_page, _ = release
    reader = Client()
    assert reader.get(ru_page.url, secure=True)["X-Page-Cache"] == "miss"
    hit = reader.get(ru_page.url, secure=True)
    assert hit["X-Page-Cache"] == "hit"
    assert "max-age=3600" in hit["Strict-Transport-Security"]
    plain = reader.get(ru_page.url)
    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{ru_page.url}"
    assert "X-Page-Cache" not in plain


def test_without_the_database_cached_pages_are_still_served(client, release, monkeypatch):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"

    with database_refused(monkeypatch):
        cached = client.get(ru_page.url)
    assert cached.status_code == 200
    assert cached["X-Page-Cache"] == "hit"
