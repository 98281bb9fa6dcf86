"""The archive generator writes exports the importer takes in whole."""

import json
import zipfile
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.search.backends import get_search_backend

from news.models import NewsArticlePage
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures

pytestmark = pytest.mark.django_db


def test_generated_pairs_import_and_are_searchable(tmp_path):
    out = tmp_path / "archive"
    call_command("make_archive", releases=4, out=str(out), seed=3, stdout=StringIO())
    records = [json.loads(line) for line in (out / "releases.jsonl").read_text().splitlines()]
    assert len(records) == 8
    ru, en = records[0], records[1]
    assert (ru["language"], en["language"], en["translation_of"]) == ("ru", "en", ru["id"])
    assert any("\u0400" <= ch <= "\u04ff" for ch in ru["title"])
    assert all(ch < "\u0400" for ch in en["title"])
    for record in records:
        for image in record["images"]:
            assert (out / image["path"]).is_file()

    result = StringIO()
    call_command("import_news", str(out), stdout=result, stderr=StringIO())
    assert "created: 8 (en 4, ru 4)" in result.getvalue()
    backend = get_search_backend()
    for record in records:
        found = [p.title for p in backend.search(record["title"], NewsArticlePage.objects.live())]
        assert record["title"] in found

    again = StringIO()
    call_command("import_news", str(out), stdout=again, stderr=StringIO())
    assert "unchanged: 8 (en 4, ru 4)" in again.getvalue()


def test_zip_output_and_same_seed_same_archive(tmp_path):
    call_command("make_archive", releases=3, out=str(tmp_path / "a.zip"), stdout=StringIO())
    call_command("make_archive", releases=3, out=str(tmp_path / "b.zip"), stdout=StringIO())
    with zipfile.ZipFile(tmp_path / "a.zip") as a, zipfile.ZipFile(tmp_path / "b.zip") as b:
        assert a.read("releases.jsonl") == b.read("releases.jsonl")
        assert sorted(a.namelist()) == sorted(b.namelist())
    call_command(
        "make_archive", releases=3, images=0, out=str(tmp_path / "plain"), stdout=StringIO()
    )
    lines = (tmp_path / "plain" / "releases.jsonl").read_text().splitlines()
    assert all(json.loads(line)["images"] == [] for line in lines)
