import json
from html.parser import HTMLParser

import pytest

from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_LEAD, EN_TITLE, RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """Collects the <meta>, <link> and JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld = {}, [], []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def test_canonical_and_hreflang_links(client, release):
    ru_page, en_page = release
    for page in (ru_page, en_page):
        head = head_of(client, page.url)
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [f"http://testserver{page.url}"]
        hreflang = {
            link["hreflang"]: link["href"]
            for link in head.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }
        assert hreflang == {
            "ru": f"http://testserver{ru_page.url}",
            "en": f"http://testserver{en_page.url}",
            "x-default": f"http://testserver{ru_page.url}",
        }
    feeds = [link["href"] for link in head.links if link.get("type") == "application/rss+xml"]
    assert feeds == ["http://testserver/en/feeds/rss/"]


def test_open_graph_and_twitter_card(client, release):
    ru_page, en_page = release
    head = head_of(client, ru_page.url)
    meta = {key: values[0] for key, values in head.meta.items()}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == RU_TITLE
    assert meta["og:description"] == RU_LEAD
    assert meta["og:url"] == f"http://testserver{ru_page.url}"
    assert meta["og:locale"] == "ru_RU"
    assert head.meta["og:locale:alternate"] == ["en_GB"]
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Описание фото 1"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == RU_TITLE
    assert meta["twitter:description"] == RU_LEAD
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["article:published_time"].startswith("2024-03-05")

    head = head_of(client, en_page.url)
    meta = {key: values[0] for key, values in head.meta.items()}
    assert meta["og:title"] == EN_TITLE
    assert meta["og:description"] == EN_LEAD
    assert meta["og:locale"] == "en_GB"
    assert head.meta["og:locale:alternate"] == ["ru_RU"]
    assert meta["og:image:alt"] == "Photo description 1"


def test_release_without_photo_gets_a_summary_card(client, other_release):
    head = head_of(client, other_release.url)
    assert head.meta["twitter:card"] == ["summary"]
    assert "og:image" not in head.meta
    assert "og:locale:alternate" not in head.meta
    assert "image" not in json.loads(head.json_ld[0])


def test_news_article_json_ld(client, release):
    ru_page, en_page = release
    head = head_of(client, ru_page.url)
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == RU_TITLE
    assert data["description"] == RU_LEAD
    assert data["inLanguage"] == "ru"
    assert data["datePublished"].startswith("2024-03-05T")
    assert data["dateModified"] >= data["datePublished"][:10]
    assert data["image"][0].startswith("http://testserver/media/images/")
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    # The department, named as the header and the press office setting name it.
    assert data["publisher"]["name"] == "Департамент международных связей"
    assert data["publisher"]["url"] == "http://testserver/ru/"
    assert data["about"] == [
        {
            "@type": "City",
            "name": "Минск",
            "containedInPlace": {"@type": "Country", "name": "Беларусь"},
        }
    ]
    assert sorted(data["keywords"]) == ["визит", "транспорт"]
    assert data["workTranslation"] == [{"@id": f"http://testserver{en_page.url}"}]

    data = json.loads(head_of(client, en_page.url).json_ld[0])
    assert data["inLanguage"] == "en"
    assert data["headline"] == EN_TITLE
    assert data["about"][0]["name"] == "Minsk"
    assert data["about"][0]["containedInPlace"]["name"] == "Belarus"
    assert data["publisher"]["url"] == "http://testserver/en/"
    assert data["publisher"]["name"] == "International Relations Department"
    assert data["translationOfWork"] == [{"@id": f"http://testserver{ru_page.url}"}]


def test_json_ld_cannot_be_broken_out_of(client, site_tree):
    from tests.factories import NewsArticlePageFactory, publish

    page = publish(
        NewsArticlePageFactory(parent=site_tree, title="</script><script>alert(1)</script>")
    )
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    head = Head()
    head.feed(html)
    assert json.loads(head.json_ld[0])["headline"] == "</script><script>alert(1)</script>"


def test_home_and_archive_have_canonical_and_alternates_but_no_article_data(client, release):
    head = head_of(client, "/en/news/")
    assert head.meta["og:type"] == ["website"]
    assert head.json_ld == []
    hreflang = {link["hreflang"] for link in head.links if "hreflang" in link}
    assert hreflang == {"ru", "en", "x-default"}
