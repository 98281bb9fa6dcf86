"""The archive crawl reads every release address once, both languages (bench/crawl.py)."""

import pytest

from tests.bench_scripts import bench_module
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def crawl_paths(monkeypatch):
    return bench_module(monkeypatch, "crawl").crawl_paths


def test_every_live_release_address_once_in_both_languages(crawl_paths, release, other_release):
    ru_page, en_page = release
    paths = crawl_paths(10)
    assert sorted(paths) == sorted([ru_page.url, en_page.url, other_release.url])
    assert {path.split("/")[1] for path in paths} == {"ru", "en"}
    # Fewer than there are: distinct ones still, from both languages' addresses.
    fewer = crawl_paths(2)
    assert len(set(fewer)) == 2
    assert set(fewer) <= set(paths)
