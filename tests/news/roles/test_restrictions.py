"""Pages under a view restriction stay out of public links, listings and the routing shortcut."""

import re

import pytest

from django.db import connection

from wagtail.models import PageViewRestriction

from news.distribution.metadata import live_translations
from news.distribution.navigation import navigation
from news.models import HomePage, NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, publish
from tests.sqlite_work import sqlite_steps

pytestmark = pytest.mark.django_db


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
    )


def new_release(archive, **kwargs):
    return publish(NewsArticlePageFactory(parent=archive, **kwargs))


@pytest.fixture
def release(site_tree, translate):
    page = new_release(site_tree, title="Визит делегации", lead="Делегация прибыла.")
    english = translate(
        page,
        {
            "Визит делегации": "Delegation visit",
            "Делегация прибыла.": "The delegation arrived.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    return page, english


def test_a_restricted_translation_is_neither_linked_nor_announced(client, release):
    ru_page, en_page = release
    # A section's privacy is its own: the English archive closes, the Russian stays open.
    restrict(en_page.get_parent())

    nav = navigation(None, ru_page)
    assert [p.pk for p in nav.translations] == [ru_page.pk]
    # Home pages and archives stay in the header, restricted or not.
    assert set(nav.homes) == set(nav.archives) == {"ru", "en"}
    assert [p.pk for p in live_translations(ru_page)] == [ru_page.pk]

    html = client.get(ru_page.url).content.decode()
    assert en_page.url not in html
    assert f'href="/en/not-translated/{ru_page.translation_key}/" hreflang="en"' in html
    head = html.split("</head>")[0]
    assert "en" not in re.findall(r'<link[^>]*hreflang="([a-z-]+)"', head)


def test_restricting_a_translation_makes_the_whole_release_private(client, release):
    ru_page, en_page = release
    restrict(en_page)
    # Privacy follows the translation key: the Russian release asks for the password too.
    assert PageViewRestriction.objects.filter(page=ru_page).exists()
    response = client.get(ru_page.url)
    assert response.status_code == 200
    assert "Делегация прибыла." not in response.content.decode()


def test_listings_leave_out_restricted_releases_and_sections(release, site_tree, ru, en):
    ru_page, en_page = release
    kept = new_release(site_tree, title="Открытый релиз")
    hidden = new_release(site_tree, title="Закрытый релиз")
    restrict(hidden)
    restrict(en_page.get_parent())

    assert set(NewsArticlePage.objects.for_listing(ru)) == {ru_page, kept}
    assert list(NewsArticlePage.objects.for_listing(en)) == []
    assert set(NewsArticlePage.objects.live().not_public()) == {hidden, en_page}


def flags(parent):
    model = NewsArticlePage if isinstance(parent, NewsIndexPage) else NewsIndexPage
    return {
        p.slug: p.restricted_or_alias
        for p in model.objects.children_with_restriction_flag(parent).order_by("path")
    }


def test_routing_marks_what_is_or_sits_under_a_restriction_or_an_alias(site_tree):
    home = site_tree.get_parent().specific
    first = new_release(site_tree, slug="first")
    second = new_release(site_tree, slug="second")
    assert flags(site_tree) == {"first": False, "second": False}
    assert flags(home) == {"news": False}

    restriction = restrict(second)
    assert flags(site_tree) == {"first": False, "second": True}
    restriction.delete()

    first.create_alias(update_slug="first-alias")
    assert flags(site_tree) == {"first": False, "second": False, "first-alias": True}

    for above in (site_tree, home):
        restriction = restrict(above)
        assert set(flags(site_tree).values()) == {True}
        restriction.delete()
    restrict(home)
    assert flags(home) == {"news": True}


def test_an_alias_of_a_restricted_release_asks_for_the_password(client, site_tree):
    source = new_release(site_tree, slug="source")
    alias = source.create_alias(update_slug="source-alias")
    assert client.get(alias.url).status_code == 200
    restrict(source)

    html = client.get(alias.url).content.decode()
    assert 'name="password"' in html
    assert source.lead not in html


@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's steps")
def test_finding_links_and_child_pages_does_not_grow_with_the_archive(release, site_tree):
    """Counted in steps, not time: the page tree's lookups reach the rows they need
    through indexes, whatever the number of releases."""
    ru_page, en_page = release
    restrict(en_page.get_parent())
    restrict(new_release(site_tree))
    home = HomePage.objects.get(locale__language_code="ru")
    lookups = {
        "navigation": lambda: navigation(None, ru_page),
        "translations": lambda: live_translations(ru_page),
        "release": lambda: (
            NewsArticlePage.objects.children_with_restriction_flag(site_tree)
            .filter(slug=ru_page.slug)
            .first()
        ),
        "archive": lambda: (
            NewsIndexPage.objects.children_with_restriction_flag(home)
            .filter(slug=site_tree.slug)
            .first()
        ),
    }
    navigation(None, ru_page)  # content types cached before counting
    small = {name: sqlite_steps(lookup) for name, lookup in lookups.items()}
    for _ in range(40):
        NewsArticlePageFactory(parent=site_tree)
    large = {name: sqlite_steps(lookup) for name, lookup in lookups.items()}
    # A B-tree search one level deeper at most; a scan would add steps for every page.
    for name in lookups:
        assert large[name] <= small[name] * 1.2, (name, small, large)
