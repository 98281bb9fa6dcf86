"""The relevance set: queries readers type and the release each must find."""

import pytest

from .conftest import result_pages
from .corpus import RELEVANCE

pytestmark = pytest.mark.django_db


def test_relevance_set(client, archive):
    assert len(RELEVANCE) >= 40
    failures = []
    for language, query, key, rank in RELEVANCE:
        response = client.get(f"/{language}/search/", {"q": query})
        found = result_pages(response)
        expected = archive[key][0 if language == "ru" else 1]
        top = [page.pk for page in found[:rank]]
        if expected.pk not in top:
            failures.append(
                f"{language} {query!r}: expected {key} in top {rank}, got "
                + ", ".join(page.title for page in found[:3])
            )
    assert not failures, "\n".join(failures)
