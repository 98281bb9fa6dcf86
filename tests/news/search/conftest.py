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
