"""The archive crawl reads every release address once, both languages (bench/crawl.py)."""

import importlib.util
from pathlib import Path

import pytest

from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db

CRAWL = Path(__file__).resolve().parents[2] / "bench" / "crawl.py"


@pytest.fixture
def crawl_paths(monkeypatch):
    # The bench's scripts import their shared helpers from their own folder.
    monkeypatch.syspath_prepend(str(CRAWL.parent))
    spec = importlib.util.spec_from_file_location("bench_crawl", CRAWL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.crawl_paths


def test_every_live_release_address_once_in_both_languages(crawl_paths, release, other_release):
    ru_page, en_page = release
    paths = crawl_paths(10)
    assert sorted(paths) == sorted([ru_page.url, en_page.url, other_release.url])
    assert {path.split("/")[1] for path in paths} == {"ru", "en"}
    # Fewer than there are: distinct ones still, from both languages' addresses.
    fewer = crawl_paths(2)
    assert len(set(fewer)) == 2
    assert set(fewer) <= set(paths)
