"""Hostile text in every field a press officer, translator or reader can fill is escaped
wherever it is shown: public pages, search, feeds, metadata, the sitemap and the admin."""

import json
import re
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree

from django.contrib.auth import get_user_model

from news.models import NewsArticleGalleryItem, PartnerCity
from tests.factories import (
    NewsArticlePageFactory,
    NewsImageFactory,
    PartnerCityFactory,
    publish,
    topics,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'
PAYLOAD = f"Визит {SCRIPT}{IMG}"


class ActiveContent(HTMLParser):
    """Collects what a browser would run: event handlers, javascript: links, script bodies."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.script_type = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "script":
            self.script_type = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag):
        if tag == "script":
            self.script_type = None

    def handle_data(self, data):
        # JSON and JSON-LD blocks are data, not code; any other <script> must be ours.
        data_types = {"application/ld+json", "application/json"}
        if self.script_type and self.script_type not in data_types and "alert(" in data:
            self.found.append("script running alert()")


def assert_inert(body):
    parser = ActiveContent()
    parser.feed(body)
    assert parser.found == []


def assert_feed_inert(xml):
    # Feed readers render descriptions as HTML: after XML unescaping no markup may remain.
    # Titles and names are plain text by the RSS and Atom specifications.
    for element in ElementTree.fromstring(xml).iter():
        if element.tag.rsplit("}", 1)[-1] in {"title", "name", "category"}:
            continue
        for text in (element.text or "", *element.attrib.values()):
            assert "<script" not in text.lower(), text
            assert "<img" not in text.lower(), text


@pytest.fixture
def hostile_release(site_tree, translate):
    city = PartnerCityFactory(name=f"Минск{IMG}", slug="minsk")
    translate(city, {})
    page = NewsArticlePageFactory(
        parent=site_tree,
        title=PAYLOAD,
        lead=f"Лид {SCRIPT}",
        cities=[city],
        body=[
            ("quote", {"text": f"Цитата {SCRIPT}", "speaker": f"Спикер {IMG}", "role": SCRIPT}),
        ],
    )
    page.tags.add(*topics(f"тег{SCRIPT}"))
    NewsArticleGalleryItem.objects.create(
        page=page, image=NewsImageFactory(), caption=f"Подпись {SCRIPT}", alt_text=f'Фото "{IMG}'
    )
    publish(page)
    english = translate(page, {})
    return page, english


def test_public_pages_escape_hostile_text(client, hostile_release):
    ru_page, en_page = hostile_release
    for url in (ru_page.url, en_page.url, "/ru/", "/ru/news/", "/en/news/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_json_ld_is_parsable_and_inert(client, hostile_release):
    ru_page, _ = hostile_release
    body = client.get(ru_page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    assert blocks, "the release carries JSON-LD"
    for block in blocks:
        assert "</script" not in block.lower()
        data = json.loads(block)
        assert SCRIPT in json.dumps(data, ensure_ascii=False)


def test_feeds_and_sitemap_escape_hostile_text(client, hostile_release):
    for url in ("/ru/feeds/rss/", "/ru/feeds/atom/", "/en/feeds/rss/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_feed_inert(response.content)


def test_search_escapes_the_query_and_the_snippets(client, hostile_release):
    for query in (SCRIPT, "Визит", IMG, '"><svg onload=alert(1)>'):
        response = client.get("/ru/search/", {"q": query})
        assert response.status_code == 200
        body = response.content.decode()
        assert_inert(body)
        assert "<svg onload" not in body


def test_admin_listings_escape_hostile_text(client, hostile_release):
    ru_page, _ = hostile_release
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    city = PartnerCity.objects.filter(slug="minsk").first()
    urls = [
        f"/admin/pages/{ru_page.get_parent().pk}/",
        f"/admin/pages/{ru_page.pk}/edit/",
        f"/admin/pages/{ru_page.pk}/history/",
        "/admin/snippets/news/partnercity/",
        f"/admin/snippets/news/partnercity/edit/{city.pk}/",
        "/admin/images/",
        "/admin/pages/search/?q=Визит",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())
