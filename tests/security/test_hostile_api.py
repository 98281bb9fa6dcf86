"""Hostile query parameters on the public API: each is refused with a JSON 400 (or a 404
for a release that cannot exist), never a server error."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from django.utils import timezone

from news.distribution.api import ReleasesAPIViewSet
from news.models import NewsArticlePage
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/releases/"
FIND = "/api/v2/releases/find/"
TWENTY_DIGITS = "9" * 20


def refused(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
    return response.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"search": "\x00"},
        {"search": "визит\x00"},
        {"search": "визит", "search_operator": "xor"},
        {"offset": TWENTY_DIGITS},
        {"limit": TWENTY_DIGITS},
        {"date": "notadate"},
        {"date": "2024-13-45"},
        {"first_published_at": "x"},
        {"city": "minsk\x00"},
        {"tag": "\x00"},
        {"locale": "ru\x00"},
    ],
)
def test_bad_listing_parameters_are_refused_with_a_json_400(client, release, params):
    refused(client.get(LISTING, params))


@pytest.mark.parametrize("params", [{"id": "\x00"}, {"id": "abc"}, {"html_path": "/\x00/"}])
def test_bad_find_parameters_are_refused_with_a_json_400(client, release, params):
    refused(client.get(FIND, params))


def test_an_id_too_large_to_exist_is_not_found(client, release):
    for url in (f"{LISTING}{TWENTY_DIGITS}/", f"{FIND}?id={TWENTY_DIGITS}"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"message": "not found"}
    assert client.get(LISTING, {"id": TWENTY_DIGITS}).json()["items"] == []


@pytest.mark.parametrize("query", ['"', '"визит', "   ", "\u00a0"])
def test_quotes_and_blanks_in_a_search_are_only_punctuation(client, release, query):
    response = client.get(LISTING, {"search": query})
    assert response.status_code == 200
    assert client.get(LISTING, {"search": query + "визит "}).status_code == 200


def test_good_parameters_still_work(client, release, other_release):
    ru_page, en_page = release
    ok = client.get(LISTING, {"date": "2024-03-05", "offset": "0", "limit": "5"})
    assert sorted(item["id"] for item in ok.json()["items"]) == sorted([ru_page.pk, en_page.pk])
    assert client.get(LISTING, {"search": "Минск", "search_operator": "and"}).status_code == 200
    assert client.get(FIND, {"id": ru_page.pk}).status_code == 302


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_a_time_without_an_offset_is_the_site_s_time(client, release):
    ru_page, _ = release
    published = timezone.localtime(ru_page.first_published_at).replace(tzinfo=None)
    response = client.get(LISTING, {"first_published_at": published.isoformat()})
    assert [item["id"] for item in response.json()["items"]] == [ru_page.pk]
    # Before year 1 once in UTC: refused, not a failure.
    refused(client.get(LISTING, {"first_published_at": "0001-01-01T00:00:00"}))


def accepted_parameters():
    view = ReleasesAPIViewSet
    fields = view.get_available_fields(NewsArticlePage, db_fields_only=True)
    return sorted(set(fields) | view.known_query_parameters | view.find_query_parameters | {"id"})


PARAMETERS = accepted_parameters()
# Text that reaches the URL: no lone surrogates, which no client can encode.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
VALUES = st.one_of(
    TEXT,
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["", " ", "\x00", '"', "'", "*", "-", "root", "and", "or", "random"]),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.lists(TEXT, max_size=3).map(",".join),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["", "find/", "{pk}/"]),
    pk=st.integers(min_value=0, max_value=10**25),
    params=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4),
)
@example(path="", pk=0, params={"search": "\x00"})
@example(path="", pk=0, params={"search": "a", "search_operator": "xor"})
@example(path="", pk=0, params={"offset": TWENTY_DIGITS})
@example(path="{pk}/", pk=10**20, params={})
@example(path="", pk=0, params={"date": "notadate"})
@example(path="", pk=0, params={"first_published_at": "x"})
@example(path="", pk=0, params={"search": " "})
def test_no_parameter_value_makes_the_api_fail(client, release, path, pk, params):
    # The API only reads: the release fixture stays as it is across examples.
    response = client.get(LISTING + path.format(pk=pk), params)
    assert response.status_code < 500, (response.status_code, params)
    if response.status_code == 400:
        assert response.json()["message"]
