"""A release page leads its reader on: breadcrumbs, its dates, pills to the partner city's
and the tags' archive pages, share links that load nothing, the press contact, related
releases and more news about the same city."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import RelatedArticle
from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Start tags of a page (name, attributes) with the text inside links and headings."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "text": "", **{k: v or "" for k, v in attrs}}
        self.found.append(element)
        if tag not in ("br", "img", "input", "meta", "link", "source"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def having(self, tag, css_class=None):
        return [
            e
            for e in self.found
            if e["tag"] == tag and (css_class is None or css_class in e.get("class", "").split())
        ]


def elements(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Elements(response.content.decode())


def test_city_and_tag_pills_lead_to_their_archive_pages(client, release):
    ru_page, en_page = release
    for page, language, city_name in ((ru_page, "ru", "Минск"), (en_page, "en", "Minsk")):
        html = elements(client, page.url)
        cities = html.having("a", "tag--city")
        assert [(a["text"].strip(), a["href"]) for a in cities] == [
            (city_name, f"/{language}/news/city/minsk/")
        ]
        city_archive = client.get(cities[0]["href"])
        assert city_archive.status_code == 200
        assert page.title in city_archive.content.decode()

        tags = [a for a in html.having("a", "tag") if "tag--city" not in a["class"]]
        assert len(tags) == len(page.tag_list) == 2
        for link, tag in zip(tags, page.tag_list, strict=True):
            assert unquote(link["href"]) == f"/{language}/news/tag/{tag.slug}/"
            assert link["text"].strip() == tag.name
            tag_archive = client.get(link["href"])
            assert tag_archive.status_code == 200
            assert page.title in tag_archive.content.decode()


def test_a_tag_archive_reveals_no_tag_of_a_draft(client, release, site_tree):
    ru_page, en_page = release
    tag_model = type(ru_page.tag_list[0])
    secret = tag_model.objects.create(name="Секретный визит", locale=ru_page.locale)
    draft = NewsArticlePageFactory(parent=site_tree, title="Черновик", slug="draft", live=False)
    draft.tags.set([secret])
    draft.save_revision()
    assert client.get(f"/ru/news/tag/{secret.slug}/").status_code == 404
    assert client.get("/ru/news/tag/no-such-tag/").status_code == 404
    # A tag the archive's own releases carry has its page.
    shared = ru_page.tag_list[0]
    assert client.get(f"/ru/news/tag/{shared.slug}/").status_code == 200


def test_breadcrumbs_lead_home_to_news_to_the_city(client, release):
    ru_page, en_page = release
    for page, language, city in ((ru_page, "ru", "Минск"), (en_page, "en", "Minsk")):
        response = client.get(page.url)
        html = Elements(response.content.decode())
        trail = html.having("nav", "breadcrumbs")
        assert len(trail) == 1
        start = html.found.index(trail[0])
        end = next(i for i, e in enumerate(html.found) if e["tag"] == "div" and i > start)
        links = [(e["text"].strip(), e["href"]) for e in html.found[start:end] if e["tag"] == "a"]
        home, news = links[0], links[1]
        assert home[1] == f"/{language}/"
        assert news[1] == f"/{language}/news/"
        assert links[2] == (city, f"/{language}/news/city/minsk/")
        current = [e for e in html.found[start:end] if e.get("aria-current") == "page"]
        assert current[0]["text"].strip() == page.title


def test_published_and_updated_dates(client, release):
    ru_page, _en_page = release
    html = client.get(ru_page.url).content.decode()
    assert "Опубликовано" in html
    assert "Обновлено" not in html
    # First published on its day, corrected and published again two days later.
    first = timezone.make_aware(datetime.datetime(2024, 3, 5, 10, 0))
    later = timezone.make_aware(datetime.datetime(2024, 3, 7, 15, 30))
    type(ru_page).objects.filter(pk=ru_page.pk).update(
        first_published_at=first, last_published_at=later
    )
    caches[settings.PAGE_CACHE_ALIAS].clear()  # a change made behind the pipeline's back
    html = client.get(ru_page.url).content.decode()
    assert re.search(
        r'Обновлено <time datetime="2024-03-07T15:30:00[^"]*">7 марта 2024, 15:30', html
    )


def test_share_links_are_plain_links_and_no_third_party_script(client, release):
    _ru_page, en_page = release
    html = elements(client, en_page.url)
    address = f"http://testserver{en_page.url}"
    shares = {a["class"].split()[-1]: a["href"] for a in html.having("a", "share__link")}
    assert set(shares) == {
        "share__link--telegram",
        "share__link--vk",
        "share__link--x",
        "share__link--email",
    }
    for href in shares.values():
        query = parse_qs(urlsplit(href).query)
        assert address in query.get("url", []) + query.get("body", []), href
    assert urlsplit(shares["share__link--telegram"]).netloc == "t.me"
    assert urlsplit(shares["share__link--vk"]).netloc == "vk.com"
    assert shares["share__link--email"].startswith("mailto:?")
    # Every script comes from this site; none runs inline.
    scripts = html.having("script")
    assert scripts
    for script in scripts:
        if script.get("type") == "application/ld+json":
            continue
        assert script.get("src", "").startswith("/static/"), script
    assert not html.having("iframe")


def test_related_releases_and_more_news_about_the_city(client, release, site_tree, minsk):
    ru_page, _en_page = release
    older = [
        publish(
            NewsArticlePageFactory(
                parent=site_tree,
                title=f"Минск: новость {n}",
                slug=f"minsk-{n}",
                date=datetime.date(2024, 1, n),
                cities=[minsk],
            )
        )
        for n in range(1, 4)
    ]
    elsewhere = publish(NewsArticlePageFactory(parent=site_tree, title="Новость о другом"))
    RelatedArticle.objects.create(page=ru_page, article=older[0], sort_order=0)
    publish(ru_page)

    html = client.get(ru_page.url).content.decode()
    related = html[
        html.index('<section class="related"') : html.index('<section class="more-news"')
    ]
    more = html[html.index('<section class="more-news"') :]
    assert older[0].title in related
    assert "Другие новости: Минск" in more
    # Not the related one again, not the release itself, not another city's news.
    assert older[0].title not in more
    assert older[1].title in more and older[2].title in more
    assert elsewhere.title not in more
    assert f'href="{ru_page.url}"' not in more
    assert 'href="/ru/news/city/minsk/"' in more


def more_news(client, page):
    """The titles under "More news about the city" on the page, in their order."""
    html = client.get(page.url).content.decode()
    start = html.index('<section class="more-news"')
    section = html[start : html.index("</section>", start)]
    return re.findall(r">(Минск: новость \d+)</a>", section)


TITLES = [f"Минск: новость {n}" for n in range(1, 16)]


@pytest.fixture
def minsk_news(site_tree, minsk):
    """Releases about Minsk, newest last, one a day."""
    return [
        publish(
            NewsArticlePageFactory(
                parent=site_tree,
                title=title,
                slug=f"minsk-{n}",
                date=datetime.date(2024, 1, n),
                cities=[minsk],
            )
        )
        for n, title in enumerate(TITLES, start=1)
    ]


def test_more_news_leaves_out_each_release_and_its_related_ones(client, settings, minsk_news):
    settings.PAGE_CACHE_ENABLED = True  # the city's latest are kept between releases
    newest, second, third = minsk_news[-1], minsk_news[-2], minsk_news[-3]
    RelatedArticle.objects.create(page=third, article=newest, sort_order=0)
    publish(third)
    # Ten releases to leave out: more than the list kept for the city's other releases.
    many_related = minsk_news[0]
    for number, article in enumerate(minsk_news[-9:]):
        RelatedArticle.objects.create(page=many_related, article=article, sort_order=number)
    publish(many_related)

    assert more_news(client, newest) == TITLES[13:9:-1]
    assert more_news(client, second) == [TITLES[14], *TITLES[12:9:-1]]
    assert more_news(client, third) == [TITLES[13], *TITLES[11:8:-1]]
    assert more_news(client, many_related) == TITLES[5:1:-1]


def test_a_city_s_latest_news_are_read_once_for_its_releases(
    client, settings, minsk_news, other_release
):
    settings.PAGE_CACHE_ENABLED = True
    # What every page reads once (the site, its settings) is read before counting.
    assert client.get(other_release.url).status_code == 200

    counts = []
    for page in minsk_news[-2:]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries.captured_queries))
    # The second release of the city makes one query fewer: its city's news are known.
    assert counts[1] == counts[0] - 1
