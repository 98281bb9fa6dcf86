import pytest

from .corpus import build_archive


@pytest.fixture
def archive(site_tree, ru, en):
    """Every corpus release, published in Russian and English: {key: (ru page, en page)}."""
    return build_archive()


def result_pages(response):
    """Release pages in the order the search page lists them."""
    assert response.status_code == 200, response.status_code
    return [result["page"] for result in response.context["results"]]


def every_page(client, params, language="ru", most=100):
    """The responses of every page of a search, following its "next" links."""
    responses, number = [], 1
    while number:
        response = client.get(f"/{language}/search/", {**params, "page": number})
        assert response.status_code == 200, response.status_code
        responses.append(response)
        page = response.context["page_obj"]
        number = page.next_page_number() if page.has_next() else None
        assert len(responses) < most, "the pages do not end"
    return responses
