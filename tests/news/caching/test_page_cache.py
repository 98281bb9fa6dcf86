from html import unescape
from io import StringIO

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from news.models import NewsArticlePage, PartnerCity, RelatedArticle
from tests.factories import publish
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_TITLE, RU_LEAD, RU_TITLE

from .kinds import KINDS, use_page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=KINDS)
def page_cache(request, settings):
    """Every test runs with the cache in the worker's memory, and shared (see .kinds)."""
    return use_page_cache(settings, request.param)


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys each read of the shared cache asks for."""
    shared = caches["default"]
    reads = []
    get, get_many = shared.get, shared.get_many
    many = []  # Django's get_many goes through get, key by key

    def read_one(key, *args, **kwargs):
        if not many:
            reads.append([key])
        return get(key, *args, **kwargs)

    def read_many(keys, *args, **kwargs):
        reads.append(list(keys))
        many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            many.pop()

    monkeypatch.setattr(shared, "get", read_one)
    monkeypatch.setattr(shared, "get_many", read_many)
    return reads


def public_urls(page, language):
    return [
        page.url,
        f"/{language}/",
        f"/{language}/news/",
        f"/{language}/feeds/rss/",
        f"/{language}/feeds/atom/",
        f"/{language}/feeds/city/minsk/rss/",
        f"/{language}/feeds/tag/визит/atom/",
    ]


def test_anonymous_pages_come_from_the_cache(client, release):
    ru_page, _ = release
    first = client.get(ru_page.url)
    assert first["X-Page-Cache"] == "miss"
    assert "max-age=0" in first["Cache-Control"] and "s-maxage=300" in first["Cache-Control"]
    # A change made behind Wagtail's back (no publish) is not seen: the page is cached.
    NewsArticlePage.objects.filter(pk=ru_page.pk).update(title="Изменено без публикации")
    second = client.get(ru_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert RU_TITLE in second.content.decode()
    assert second.content == first.content


def test_a_published_change_shows_at_once_everywhere(client, release, translate):
    ru_page, en_page = release
    for language, page, title in (("ru", ru_page, RU_TITLE), ("en", en_page, EN_TITLE)):
        for url in public_urls(page, language):
            response = client.get(url)
            assert response.status_code == 200, url
            assert title in response.content.decode(), url
            assert client.get(url)["X-Page-Cache"] == "hit", url
    assert "/minsk-roadmap/" in client.get("/sitemap.xml").content.decode()
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"

    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта с Минском дополнена"
    ru_page.slug = "minsk-roadmap-extended"
    publish(ru_page)
    for url in public_urls(ru_page, "ru"):
        html = client.get(url).content.decode()
        assert "Дорожная карта с Минском дополнена" in html, url
        assert RU_TITLE not in html, url
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/ru/news/minsk-roadmap-extended/" in sitemap
    assert "/ru/news/minsk-roadmap/" not in sitemap

    en_page = translate(
        ru_page,
        {"Дорожная карта с Минском дополнена": "Roadmap with Minsk extended", RU_LEAD: "New lead"},
    )
    for url in public_urls(en_page, "en"):
        html = client.get(url).content.decode()
        assert "Roadmap with Minsk extended" in html, url
        assert EN_TITLE not in html, url


def test_an_unpublished_release_disappears_at_once(client, release):
    ru_page, _ = release
    for url in public_urls(ru_page, "ru"):
        client.get(url)
    ru_page.unpublish()
    assert client.get(ru_page.url).status_code == 404
    for url in public_urls(ru_page, "ru")[1:]:
        assert RU_TITLE not in client.get(url).content.decode(), url


def test_renaming_a_partner_city_shows_at_once(client, release):
    ru_page, en_page = release
    assert ">Minsk<" in client.get(en_page.url).content.decode()
    city = PartnerCity.objects.get(slug="minsk", locale__language_code="en")
    city.name = "Minsk City"
    city.save()
    assert ">Minsk City<" in client.get(en_page.url).content.decode()


def test_home_page_change_shows_at_once(client, release):
    from news.models import HomePage

    assert "Новое вступление" not in client.get("/ru/").content.decode()
    home = HomePage.objects.get(locale__language_code="ru")
    home.intro = "Новое вступление"
    publish(home)
    assert "Новое вступление" in client.get("/ru/").content.decode()


def test_the_local_cache_keeps_more_pages_than_a_spike_reads(client, site_tree):
    # Django's local-memory default (300 entries) would drop the first of these addresses
    # long before the last was cached: a spike over the archive would then render every page.
    addresses = [f"/ru/news/?page={n}" for n in range(1, 321)]
    for address in addresses:
        assert client.get(address)["X-Page-Cache"] == "miss", address
    assert [client.get(address)["X-Page-Cache"] for address in addresses] == ["hit"] * 320


def test_readers_holding_cookies_get_the_cached_page(client, release):
    ru_page, _ = release
    first = client.get(ru_page.url)
    assert first["X-Page-Cache"] == "miss"
    # A form token from an earlier visit, an analytics id, a chosen language: none of them
    # changes the page, so none of them may cost a render.
    for cookies in (
        {"csrftoken": "a" * 32},
        {"_ym_uid": "1733011111222333444", "_ga": "GA1.1.5.6"},
        {"django_language": "en"},
    ):
        reader = Client()
        reader.cookies.load(cookies)
        again = reader.get(ru_page.url)
        assert again["X-Page-Cache"] == "hit", cookies
        assert again.content == first.content


def test_links_with_tracking_parameters_share_the_cached_page(client, release):
    ru_page, _ = release
    first = client.get(ru_page.url, {"utm_source": "telegram", "fbclid": "IwAR0a"})
    assert first["X-Page-Cache"] == "miss"
    # A shared link carries a new click id for every reader; each one gets the cached page.
    for params in ({"fbclid": "IwAR1b"}, {"yclid": "7731"}, {"UTM_Campaign": "visit"}, {}):
        again = client.get(ru_page.url, params)
        assert again["X-Page-Cache"] == "hit", params
        assert again.content == first.content
    # What the site reads still tells pages apart, with or without tracking.
    found = client.get("/ru/search/", {"q": "Минск", "utm_medium": "email"})
    assert found["X-Page-Cache"] == "miss"
    assert client.get("/ru/search/", {"q": "Минск"})["X-Page-Cache"] == "hit"
    other = client.get("/ru/search/", {"q": "Белград", "gclid": "x"})
    assert other["X-Page-Cache"] == "miss"
    assert "Белград" in other.content.decode()


def test_logged_in_editors_neither_read_nor_fill_the_cache(client, admin_client, release):
    ru_page, _ = release
    editor_view = admin_client.get(ru_page.url)
    assert "X-Page-Cache" not in editor_view
    assert "private" in editor_view["Cache-Control"]
    # The anonymous reader does not get the editor's page, and vice versa.
    reader_view = client.get(ru_page.url)
    assert reader_view["X-Page-Cache"] == "miss"
    assert "X-Page-Cache" not in admin_client.get(ru_page.url)


def test_pages_that_issue_a_csrf_token_are_not_cached(settings, site_tree):
    settings.ROOT_URLCONF = "tests.site.error_urls"
    reader = Client()
    first = reader.get("/ru/form/")
    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in first
    other = Client().get("/ru/form/")
    assert "X-Page-Cache" not in other
    assert "csrftoken" in other.cookies


def test_cache_can_be_switched_off(client, settings, release):
    settings.PAGE_CACHE_ENABLED = False
    ru_page, _ = release
    client.get(ru_page.url)
    NewsArticlePage.objects.filter(pk=ru_page.pk).update(title="Сразу видно")
    assert "Сразу видно" in client.get(ru_page.url).content.decode()


def test_publishing_purges_the_cdn(settings, release):
    from . import recording_cdn

    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.news.caching.recording_cdn.RecordingBackend"}
    }
    recording_cdn.PURGED.clear()
    ru_page, en_page = release
    publish(NewsArticlePage.objects.get(pk=ru_page.pk))
    purged = set(recording_cdn.PURGED)
    base = "http://localhost"
    for path in (
        ru_page.url,
        "/ru/",
        "/en/",
        "/ru/news/",
        "/en/news/",
        "/ru/feeds/rss/",
        "/en/feeds/atom/",
        "/ru/feeds/city/minsk/rss/",
        "/en/feeds/city/minsk/atom/",
        "/sitemap.xml",
    ):
        assert f"{base}{path}" in purged, path
    assert any("/feeds/tag/" in url for url in purged)


def test_publishing_is_visible_at_once_in_both_languages(client, release, translate):
    """Article, archive, feeds and search, each fetched (and cached) before the change."""
    ru_page, en_page = release
    pages = {"ru": ru_page, "en": en_page}

    def urls(language, page, word):
        return [
            page.url,
            f"/{language}/news/",
            f"/{language}/feeds/rss/",
            f"/{language}/feeds/atom/",
            f"/{language}/search/?q={word}",
        ]

    for language, page in pages.items():
        for url in urls(language, page, "zephyrine"):
            assert client.get(url).status_code == 200, url
            assert client.get(url)["X-Page-Cache"] == "hit", url

    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта zephyrine"
    publish(ru_page)
    en_page = translate(ru_page, {"Дорожная карта zephyrine": "Roadmap zephyrine"})
    for language, page, title in (
        ("ru", ru_page, "Дорожная карта zephyrine"),
        ("en", en_page, "Roadmap zephyrine"),
    ):
        for url in urls(language, page, "zephyrine"):
            response = client.get(url)
            assert response["X-Page-Cache"] == "miss", url
            html = response.content.decode()
            if "/search/" in url:
                assert page.url in html, url
            else:
                assert title in html, url


def listing_urls(language, word):
    return [
        f"/{language}/",
        f"/{language}/news/",
        f"/{language}/news/2024/",
        f"/{language}/feeds/rss/",
        f"/{language}/feeds/atom/",
        f"/{language}/search/?q={word}",
        "/sitemap.xml",
    ]


def warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_release_keeps_unrelated_releases_cached(client, release, other_release):
    ru_page, en_page = release
    warm(client, [ru_page.url, en_page.url, other_release.url, *listing_urls("ru", "квазар")])

    other_release.title = "Делегация Белграда посетила квазар"
    other_release.slug = "belgrade-quasar"
    publish(other_release)

    for page in (ru_page, en_page):
        response = client.get(page.url)
        assert response["X-Page-Cache"] == "hit", page.url
    for url in [other_release.url, *listing_urls("ru", "квазар")]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "/ru/news/belgrade-quasar/" in response.content.decode(), url
    assert "посетила квазар" in client.get(other_release.url).content.decode()
    assert "посетила квазар" in client.get("/ru/news/").content.decode()
    # The old address is gone, not served from the cache.
    assert client.get("/ru/news/belgrade-technopark/").status_code == 404


def test_unpublishing_a_release_keeps_unrelated_releases_cached(client, release, other_release):
    ru_page, _ = release
    warm(client, [ru_page.url, other_release.url, "/ru/news/"])
    other_release.unpublish()
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    assert client.get(other_release.url).status_code == 404
    archive = client.get("/ru/news/")
    assert archive["X-Page-Cache"] == "miss"
    assert other_release.title not in archive.content.decode()


def test_publishing_a_related_release_updates_the_article_showing_it(
    client, release, other_release
):
    ru_page, _ = release
    RelatedArticle.objects.create(page=ru_page, article=other_release, sort_order=0)
    ru_page = publish(NewsArticlePage.objects.get(pk=ru_page.pk))
    warm(client, [ru_page.url])
    assert other_release.title in client.get(ru_page.url).content.decode()

    other_release.title = "Белград и технопарк: итоги визита"
    publish(other_release)
    response = client.get(ru_page.url)
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert "Белград и технопарк: итоги визита" in html
    assert "Делегация Белграда посетила технопарк" not in html
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"

    other_release.unpublish()
    response = client.get(ru_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Белград и технопарк" not in response.content.decode()


def test_publishing_the_translation_updates_the_language_switch(
    client, release, other_release, translate
):
    ru_page, _ = release
    warm(client, [ru_page.url, other_release.url])
    # Before the translation, the switch says the release is in Russian only.
    not_translated = f'href="/en/not-translated/{other_release.translation_key}/" hreflang="en"'
    assert not_translated in client.get(other_release.url).content.decode()

    en_page = translate(other_release, {other_release.title: "Belgrade delegation at the park"})
    assert en_page.live
    response = client.get(other_release.url)
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    assert f'href="{en_page.url}" hreflang="en"' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{en_page.url}">' in html
    # Another release and its language switch are untouched.
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"


def test_editing_a_partner_city_purges_every_page(client, release, other_release):
    ru_page, en_page = release
    urls = [ru_page.url, en_page.url, other_release.url, *listing_urls("ru", "Минск")]
    warm(client, urls)
    city = PartnerCity.objects.get(slug="belgrade", locale__language_code="ru")
    city.name = "Белград-на-Дунае"
    city.save()
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Белград-на-Дунае" in client.get(other_release.url).content.decode()


def test_publishing_another_page_purges_every_page(client, release, other_release):
    from news.models import NewsIndexPage

    ru_page, _ = release
    warm(client, [ru_page.url, other_release.url])
    archive = NewsIndexPage.objects.get(locale__language_code="ru")
    archive.slug = "press"
    publish(archive)
    response = client.get("/ru/press/minsk-roadmap/")
    assert response.status_code == 200
    assert 'href="/ru/press/"' in response.content.decode()
    # The old addresses are not served from the cache any more.
    assert client.get(ru_page.url).status_code == 404


def test_restricting_a_release_takes_it_out_of_the_cache_at_once(client, release):
    from wagtail.models import PageViewRestriction

    ru_page, _ = release
    warm(client, [ru_page.url])
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"

    restriction = PageViewRestriction.objects.create(
        page=ru_page, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
    )
    response = client.get(ru_page.url)
    assert response.get("X-Page-Cache") != "hit"
    assert RU_LEAD not in unescape(response.content.decode())

    restriction.delete()
    response = client.get(ru_page.url)
    assert RU_LEAD in unescape(response.content.decode())


@pytest.mark.parametrize("page_cache", ["shared", "redis"], indirect=True)
def test_with_a_shared_cache_a_hit_reads_only_generations_from_it(client, release, shared_reads):
    ru_page, _ = release
    first = client.get(ru_page.url)
    assert first["X-Page-Cache"] == "miss"
    shared_reads.clear()
    for _ in range(3):
        again = client.get(ru_page.url)
        assert again["X-Page-Cache"] == "hit"
        assert again.content == first.content
    # One round trip per hit, for the generations: the page comes from the worker's copy.
    assert len(shared_reads) == 3, shared_reads
    for keys in shared_reads:
        assert not [key for key in keys if key.startswith("newsroom:page-cache:page:")], keys
        assert [key for key in keys if key.startswith("newsroom:page-cache:release:")], keys


def test_a_miss_looks_for_the_page_once(client, release, shared_reads):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    pages = [keys for keys in shared_reads if any(":page-cache:page:" in key for key in keys)]
    # Looked for by the early hits' middleware; the page cache below does not look again.
    assert len(pages) == 1, pages


@pytest.mark.parametrize("page_cache", ["shared", "redis"], indirect=True)
def test_a_copy_made_stale_elsewhere_gives_way_to_the_page_another_worker_made(
    client, settings, release
):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"  # worker A keeps a copy
    ru_page = NewsArticlePage.objects.get(pk=ru_page.pk)
    ru_page.title = "Дорожная карта с Минском дополнена"
    publish(ru_page)

    settings.PAGE_CACHE_COPIES_ALIAS = "copies-b"  # worker B makes the new page
    made = client.get(ru_page.url)
    assert made["X-Page-Cache"] == "miss"
    assert "Дорожная карта с Минском дополнена" in made.content.decode()

    settings.PAGE_CACHE_COPIES_ALIAS = "copies-a"  # worker A: its copy is stale
    served = client.get(ru_page.url)
    assert served["X-Page-Cache"] == "hit"
    assert served.content == made.content
    # ...and replaced by the new page.
    caches["default"].clear()
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"


def test_the_purge_command_makes_every_cached_page_stale(client, release):
    ru_page, _ = release
    assert client.get(ru_page.url)["X-Page-Cache"] == "miss"
    # Changed behind Wagtail's back, as while Redis was down: still served from the cache.
    NewsArticlePage.objects.filter(pk=ru_page.pk).update(title="Изменено, пока кэш молчал")
    assert client.get(ru_page.url)["X-Page-Cache"] == "hit"
    out = StringIO()
    call_command("purge_page_cache", stdout=out)
    assert "purged" in out.getvalue()
    again = client.get(ru_page.url)
    assert again["X-Page-Cache"] == "miss"
    assert "Изменено, пока кэш молчал" in again.content.decode()


def test_a_draft_of_a_partner_city_leaves_the_pages_cached(client, release, other_release):
    urls = [other_release.url, *listing_urls("ru", "Минск")]
    warm(client, urls)
    city = PartnerCity.objects.get(slug="belgrade", locale__language_code="ru")
    city.name = "Белград-на-Дунае"
    city.save_revision()
    city.refresh_from_db()
    assert city.name == "Белград"
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "hit", url
