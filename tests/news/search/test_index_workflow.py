"""The index follows the publishing workflow: only live, public releases are ever found."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from news.models import HomePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish

from .conftest import result_pages

pytestmark = pytest.mark.django_db

TITLE = "Подписан меморандум о побратимстве с Казанью"
TEXTS = {
    TITLE: "Twinning memorandum signed with Kazan",
    "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
    "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
}


@pytest.fixture
def kazan(ru):
    return PartnerCityFactory(name="Казань", country="Россия", slug="kazan")


@pytest.fixture
def release(site_tree, kazan):
    return NewsArticlePageFactory(
        parent=site_tree, title=TITLE, slug="kazan", cities=[kazan], live=False
    )


def found(client, query, language="ru", **params):
    return result_pages(client.get(f"/{language}/search/", {"q": query, **params}))


def test_draft_is_not_found_until_published(client, release):
    assert found(client, "меморандум") == []
    assert client.get("/ru/search/", {"city": "kazan"}).context["facet_years"] == []
    publish(release)
    assert found(client, "меморандумы") == [release]


def test_unpublishing_and_republishing(client, release):
    publish(release)
    release.unpublish()
    assert found(client, "меморандум") == []
    assert client.get("/ru/search/", {"q": "меморандум"}).context["facet_cities"] == []
    release.title = "Подписано соглашение о побратимстве с Казанью"
    publish(release)
    assert found(client, "соглашения") == [release]
    assert found(client, "меморандум") == []


def test_a_new_draft_does_not_change_what_is_found(client, release):
    publish(release)
    release.title = "Черновик заголовка про Тверь"
    release.save_revision()
    assert found(client, "Тверь") == []
    assert [page.pk for page in found(client, "меморандум")] == [release.pk]


def test_deleting_removes_from_results(client, release):
    publish(release)
    release.delete()
    assert found(client, "меморандум") == []


def test_moving_keeps_the_release_found_at_its_new_address(client, release, ru):
    publish(release)
    other_home = HomePage(title="Другой сайт", slug="other", locale=ru)
    HomePage.get_first_root_node().add_child(instance=other_home)
    other_archive = other_home.add_child(
        instance=NewsIndexPage(title="Новости", slug="news", locale=ru)
    )
    release.move(other_archive, pos="last-child")
    response = client.get("/ru/search/", {"q": "меморандум"})
    (moved,) = result_pages(response)
    assert moved.pk == release.pk
    assert moved.url_path.startswith(other_archive.url_path)


def test_private_release_is_neither_found_nor_counted(client, release):
    publish(release)
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get("/ru/search/", {"q": "меморандум"})
    assert result_pages(response) == []
    assert response.context["facet_cities"] == []
    assert client.get("/ru/search/suggest/", {"q": "меморанд"}).json()["suggestions"] == []


def test_translation_is_found_only_once_published(client, release, translate):
    publish(release)
    draft = translate(release, TEXTS, publish=False)
    assert found(client, "memorandum", language="en") == []
    publish(draft)
    assert found(client, "memorandums", language="en") == [draft]
    draft.unpublish()
    assert found(client, "memorandum", language="en") == []
    assert found(client, "меморандум") == [release]


def test_update_index_rebuilds_with_progress(client, release):
    publish(release)
    out = StringIO()
    call_command("update_index", stdout=out)
    output = out.getvalue()
    assert "news.NewsArticlePage" in output
    assert found(client, "меморандум") == [release]


def test_partner_city_added_later_is_found_by_its_name(client, release, ru):
    publish(release)
    tver = PartnerCityFactory(name="Тверь", country="Россия", slug="tver")
    release.partner_cities.add(tver)
    publish(release)
    assert found(client, "Твери") == [release]
    assert found(client, "Тверь", city="tver") == [release]
