import pytest

from tests.factories import NewsArticlePageFactory, publish
from tests.release_fixtures import *  # noqa: F403 - fixtures
from tests.release_fixtures import EN_TITLE, RU_LEAD, RU_TITLE

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_listing_shows_releases_of_both_languages_with_translations(
    client, release, other_release
):
    ru_page, en_page = release
    data = get(client, "/api/v2/releases/")
    assert data["meta"]["total_count"] == 3
    by_id = {item["id"]: item for item in data["items"]}
    ru_item = by_id[ru_page.pk]
    assert ru_item["title"] == RU_TITLE
    assert ru_item["lead"] == RU_LEAD
    assert ru_item["date"] == "2024-03-05"
    assert ru_item["meta"]["locale"] == "ru"
    # The public address (PUBLIC_BASE_URL in the test settings), not the Site's localhost.
    assert ru_item["meta"]["html_url"] == f"http://testserver{ru_page.url}"
    assert ru_item["meta"]["detail_url"] == f"http://testserver/api/v2/releases/{ru_page.pk}/"
    assert ru_item["cities"] == [{"slug": "minsk", "name": "Минск", "country": "Беларусь"}]
    assert ru_item["translations"] == [
        {
            "id": en_page.pk,
            "locale": "en",
            "title": EN_TITLE,
            "html_url": f"http://testserver{en_page.url}",
            "detail_url": f"http://testserver/api/v2/releases/{en_page.pk}/",
        }
    ]
    en_item = by_id[en_page.pk]
    assert en_item["cities"] == [{"slug": "minsk", "name": "Minsk", "country": "Belarus"}]
    assert en_item["translations"][0]["id"] == ru_page.pk
    assert by_id[other_release.pk]["translations"] == []
    # Newest first.
    assert [item["id"] for item in data["items"]][-1] == other_release.pk


def test_filters_by_locale_city_and_tag(client, release, other_release):
    ru_page, en_page = release
    ids = lambda url: [item["id"] for item in get(client, url)["items"]]  # noqa: E731
    assert ids("/api/v2/releases/?locale=en") == [en_page.pk]
    assert ids("/api/v2/releases/?locale=ru") == [ru_page.pk, other_release.pk]
    assert ids("/api/v2/releases/?city=belgrade") == [other_release.pk]
    assert sorted(ids("/api/v2/releases/?city=minsk")) == sorted([ru_page.pk, en_page.pk])
    assert ids("/api/v2/releases/?locale=ru&tag=визит") == [ru_page.pk]
    assert ids("/api/v2/releases/?tag=технологии") == [other_release.pk]
    assert ids("/api/v2/releases/?city=atlantis") == []
    bad = client.get("/api/v2/releases/?colour=red")
    assert bad.status_code == 400


def test_detail_has_body_tags_and_gallery_renditions(client, release):
    ru_page, _ = release
    data = get(client, f"/api/v2/releases/{ru_page.pk}/")
    assert data["body"][0]["type"] == "paragraph"
    assert sorted(data["tags"]) == ["визит", "транспорт"]
    assert len(data["gallery"]) == 2
    photo = data["gallery"][0]
    assert photo["alt"] == "Описание фото 1"
    assert photo["caption"] == "Подпись 1"
    assert photo["credit"] == "Пресс-служба"
    social = photo["renditions"]["social"]
    assert (social["width"], social["height"]) == (1200, 630)
    assert social["url"].startswith("http://testserver/media/images/")
    assert photo["renditions"]["thumbnail"]["width"] == 480
    assert photo["renditions"]["large"]["width"] == 1600
    assert client.get(social["url"].removeprefix("http://testserver")).status_code in (200, 404)


def test_pagination(client, site_tree):
    for number in range(5):
        publish(NewsArticlePageFactory(parent=site_tree, slug=f"p-{number}"))
    first = get(client, "/api/v2/releases/?limit=2")
    second = get(client, "/api/v2/releases/?limit=2&offset=2")
    assert first["meta"]["total_count"] == 5
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert client.get("/api/v2/releases/?limit=1000").status_code == 400


def test_no_draft_is_ever_exposed(client, site_tree, translate):
    never_published = NewsArticlePageFactory(parent=site_tree, title="Черновик", live=False)
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Опубликовано"))
    page.title = "Неопубликованная правка"
    page.save_revision()
    draft_translation = translate(page, {"Опубликовано": "Draft translation"}, publish=False)

    data = get(client, "/api/v2/releases/")
    text = str(data)
    assert [item["title"] for item in data["items"]] == ["Опубликовано"]
    assert "Неопубликованная правка" not in text
    assert "Draft translation" not in text
    assert data["items"][0]["translations"] == []
    for pk in (never_published.pk, draft_translation.pk):
        response = client.get(f"/api/v2/releases/{pk}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    # Other page types are not served by this endpoint.
    assert client.get("/api/v2/releases/?type=news.HomePage").status_code == 400
    assert client.get("/api/v2/pages/").status_code == 404


def test_api_is_read_only_and_open_to_partner_sites(client, release):
    response = client.get("/api/v2/releases/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/v2/releases/", {}).status_code == 405


def test_listing_query_count_does_not_grow_with_releases(
    client, site_tree, translate, django_assert_max_num_queries
):
    for number in range(12):
        page = publish(NewsArticlePageFactory(parent=site_tree, slug=f"q-{number}"))
        if number % 2:
            translate(page, {})
    with django_assert_max_num_queries(20):
        data = get(client, "/api/v2/releases/?limit=20")
    assert len(data["items"]) == 18
    assert sum(len(item["translations"]) for item in data["items"]) == 12
