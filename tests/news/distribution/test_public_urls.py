"""One rule for every absolute public link: PUBLIC_BASE_URL, else the Site when its host is
a public one, else the host the reader asked for. Page metadata, feeds, the sitemap,
robots.txt, the API and alert emails all follow it."""

import re

import pytest

from wagtail.models import Site

from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s\"'<>]+")
# Namespaces and vocabularies named inside the documents, not links to the site.
STANDARDS = {
    "http://www.w3.org",
    "http://www.sitemaps.org",
    "https://schema.org",
}


def hosts_by_place(client, mailoutbox, release, **headers):
    """The scheme and host of every absolute link given out, by where it was found."""
    ru_page, _en_page = release
    texts = {"page head": client.get(ru_page.url, **headers).content.decode().split("</head>")[0]}
    for path in ("/ru/feeds/rss/", "/en/feeds/atom/", "/sitemap.xml", "/robots.txt"):
        response = client.get(path, **headers)
        assert response.status_code == 200, path
        texts[path] = response.content.decode()
    api = {"HTTP_ACCEPT": "application/json", **headers}
    texts["API listing"] = client.get("/api/v2/releases/", **api).content.decode()
    detail = client.get(f"/api/v2/releases/{ru_page.pk}/", **api)
    assert detail.status_code == 200, detail.content
    texts["API detail"] = detail.content.decode()
    client.post("/ru/alerts/", {"email": "reader@example.org", "choice": "all:"}, **headers)
    [message] = mailoutbox
    texts["email"] = message.body + message.extra_headers["List-Unsubscribe"]
    return {place: set(LINK.findall(text)) - STANDARDS for place, text in texts.items()}


def site_at(hostname, port):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    # save(), not update(): Wagtail forgets its cached site root paths on save.
    site.save()


def assert_everywhere(found, expected):
    assert all(found.values()), found
    assert {place: hosts for place, hosts in found.items() if hosts != {expected}} == {}


def test_public_base_url_is_used_everywhere(client, mailoutbox, release, settings):
    settings.PUBLIC_BASE_URL = "https://press.example.org/"
    site_at("localhost", 80)
    assert_everywhere(hosts_by_place(client, mailoutbox, release), "https://press.example.org")


def test_without_it_a_public_site_record_is_used_everywhere(client, mailoutbox, release, settings):
    settings.PUBLIC_BASE_URL = ""
    site_at("news.example.org", 443)
    found = hosts_by_place(client, mailoutbox, release, HTTP_HOST="127.0.0.1")
    assert_everywhere(found, "https://news.example.org")


def test_a_site_left_at_localhost_gives_way_to_the_readers_host(
    client, mailoutbox, release, settings
):
    settings.PUBLIC_BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.org"
    site_at("localhost", 80)
    found = hosts_by_place(client, mailoutbox, release, HTTP_HOST="127.0.0.1")
    # Emails have no reader's request: they go out with the admin's public address.
    assert found.pop("email") == {"https://admin.example.org"}
    assert_everywhere(found, "http://127.0.0.1")
