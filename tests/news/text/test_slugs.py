"""Addresses of Russian releases: one transliteration in the page editor and in the importer.

The editor's side is read in Chromium, where Wagtail's slug field does its work; the
importer's through the import_news command. Both are held to the same titles.
"""

import importlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.apps import apps
from django.core.management import call_command

from news.models import ImportedRecord, NewsArticlePage
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory
from tests.migrated import restore_migrated_data
from tests.workflow_helpers import edit_url, release_form

create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

# The first is the title of a real release; the others carry what titles often do.
TITLES = {
    "Москва и Республика Беларусь подписали дорожную карту на 2024–2026 годы": (
        "moskva-i-respublika-belarus-podpisali-dorozhnuyu-kartu-na-2024-2026-gody"
    ),
    "Щёлково — Хабаровск: «Дни культуры» №3": "shchelkovo-khabarovsk-dni-kultury-no3",
    "— Объём ЖКХ, подъезды и «Ёлки» —": "obem-zhkkh-podezdy-i-elki",
    "Форум городов-партнёров о сотрудничестве в сфере образования, науки, культуры и спорта": (
        "forum-gorodov-partnerov-o-sotrudnichestve-v-sfere-obrazovaniya-nauki-kultury-i-s"
    ),
}

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "archive"


@pytest.fixture
def newsroom(transactional_db):
    restore_migrated_data()
    create_roles(apps, None)
    _home, archive = ensure_site_structure()
    make_user("press", roles.PRESS_OFFICERS)
    return archive


@pytest.mark.browser
def test_the_editor_writes_a_russian_title_in_latin_letters(live_server, newsroom, browser_page):
    page, base = browser_page, live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "press")
    page.fill("#id_password", "pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base + "/admin/")
    page.goto(f"{base}/admin/pages/add/news/newsarticlepage/{newsroom.pk}/")

    title, slug = page.locator("#id_title"), page.locator("#id_slug")
    for text, address in TITLES.items():
        title.fill("")
        title.press_sequentially(text)
        expect(slug).to_have_value(address)

    # Leaving the title syncs the slug once more, a moment later: let it land first, or it
    # overwrites the slug typed below on a slow machine.
    title.blur()
    expect(slug).to_have_value(address)
    page.wait_for_timeout(500)

    # A slug typed by hand in Russian is written in Latin letters when the field is left.
    page.get_by_role("tab", name="Продвижение").click()
    slug.fill("Дни Москвы – 2024")
    slug.blur()
    expect(slug).to_have_value("dni-moskvy-2024")


def test_the_importer_gives_a_russian_title_the_same_address(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    export = tmp_path / "export"
    shutil.copytree(EXAMPLE, export)
    records = []
    for line in (export / "releases.jsonl").read_text().splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue  # the example export keeps a few broken lines on purpose
    russian = [r for r in records if isinstance(r, dict) and r.get("language") == "ru"]
    russian = russian[: len(TITLES)]
    assert len(russian) == len(TITLES)
    for record, text in zip(russian, TITLES, strict=True):
        record["title"], record["slug"] = text, ""
    (export / "releases.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in russian) + "\n"
    )

    call_command("import_news", str(export), stdout=StringIO(), stderr=StringIO())

    for record, address in zip(russian, TITLES.values(), strict=True):
        page_id = ImportedRecord.objects.get(old_id=record["id"]).page_id
        assert NewsArticlePage.objects.get(pk=page_id).slug == address


def test_an_existing_cyrillic_address_is_kept_when_the_release_is_edited(client, staff, site_tree):
    release = NewsArticlePageFactory(parent=site_tree, owner=staff["press"], slug="дни-москвы")
    client.force_login(staff["press"])
    data = release_form(release.title, release.slug, "Лид.", paragraphs=["Текст."])
    response = client.post(edit_url(release), data)
    assert response.status_code == 302
    draft = NewsArticlePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    assert draft.slug == "дни-москвы"


def test_a_release_made_without_an_address_gets_one_by_the_same_rule(site_tree):
    title = next(iter(TITLES))
    release = site_tree.add_child(instance=NewsArticlePage(title=title, lead="Лид."))
    assert release.slug == TITLES[title]
    again = site_tree.add_child(instance=NewsArticlePage(title=title, lead="Лид."))
    assert again.slug == TITLES[title] + "-2"
