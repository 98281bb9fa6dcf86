"""The archive import, driven through the import_news command as an administrator runs it."""

import datetime
import html as htmllib
import json
import re
import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry
from wagtail.search.backends import get_search_backend
from wagtail_localize.models import Translation, TranslationSource

from gallery.models import NewsImage
from news.models import ImportedRecord, NewsArticlePage, PartnerCity, Topic
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures
from tests.workflow_helpers import segment_rows

pytestmark = pytest.mark.django_db


EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "archive"


@pytest.fixture
def export(tmp_path):
    """A writable copy of the example export in tests/data/archive."""
    target = tmp_path / "export"
    shutil.copytree(EXAMPLE, target)
    return target


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_news", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def read_records(path):
    return [
        json.loads(line) if line.startswith("{") and line.rstrip().endswith("}") else line
        for line in (path / "releases.jsonl").read_text().splitlines()
    ]


def write_records(path, records):
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    (path / "releases.jsonl").write_text("\n".join(lines) + "\n")


def page_for(old_id):
    return NewsArticlePage.objects.get(pk=ImportedRecord.objects.get(old_id=old_id).page_id)


def snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list("id", "url_path", "live", "latest_revision_id", "title")
        ),
        "images": NewsImage.objects.count(),
        "cities": PartnerCity.objects.count(),
        "translations": Translation.objects.count(),
        "records": sorted(ImportedRecord.objects.values_list("old_id", "content_hash")),
    }


def test_example_export_is_imported_with_a_summary(export):
    out, err = run(export)

    assert "created: 5 (en 2, ru 3)" in out
    assert "skipped: 3" in out
    # Each skipped record is named by file, line, id and reason.
    assert "releases.jsonl:6 [?] invalid JSON" in err
    assert "releases.jsonl:7 [105]" in err and "“title”" in err
    assert "releases.jsonl:8 [106-en]" in err and "999" in err
    assert NewsArticlePage.objects.filter(locale__language_code="ru", live=True).count() == 3
    assert NewsArticlePage.objects.filter(locale__language_code="en", live=True).count() == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_release_fields_dates_cities_and_redirect(export, client):
    run(export)
    ru = page_for("101")
    assert ru.title == "Город и Минск подписали дорожную карту сотрудничества"
    assert ru.lead == "Стороны утвердили план совместных проектов на три года."
    assert ru.slug == "minsk-roadmap-2024-2026"
    assert ru.date == datetime.date(2023, 11, 15)
    published = datetime.datetime(2023, 11, 15, 9, 30, tzinfo=datetime.UTC)
    assert ru.first_published_at == published
    assert ru.last_published_at == published
    assert sorted(tag.name for tag in ru.tags.all()) == ["визит", "дорожная карта"]
    assert [str(city) for city in ru.cities] == ["Минск (Беларусь)"]
    [item] = ru.gallery_items.all()
    assert item.caption == "Участники встречи"
    assert item.alt_text == "Делегации за столом переговоров"
    assert item.image.credit.name == "Пресс-служба"

    # A city is created once and matched by name in later records.
    assert PartnerCity.objects.filter(locale__language_code="ru", slug="minsk").count() == 1
    assert [c.slug for c in page_for("103").partner_cities.all()] == ["minsk"]
    # Its English name comes from the English record, as a translation of the snippet.
    minsk_en = PartnerCity.objects.get(locale__language_code="en", slug="minsk")
    assert (minsk_en.name, minsk_en.country) == ("Minsk", "Belarus")
    assert (
        minsk_en.translation_key
        == PartnerCity.objects.get(slug="minsk", locale=ru.locale).translation_key
    )

    # A Russian title without a slug gets a Latin address.
    assert page_for("102").slug == "v-belgrade-proshel-delovoy-forum-gorodov-partnerov"

    # The old site's address leads to the imported release.
    assert Redirect.objects.get(old_path="/press/2023/11/15/101.html").redirect_page_id == ru.pk
    response = client.get("/press/2023/11/15/101.html")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(ru.url)

    html = client.get(ru.url).content.decode()
    assert "15 ноября 2023" in html
    assert "Участники встречи" in html


def test_english_record_becomes_a_wagtail_localize_translation(export, client):
    run(export)
    ru, en = page_for("101"), page_for("101-en")
    assert en.locale.language_code == "en"
    assert en.translation_key == ru.translation_key
    assert ru.get_translation(en.locale).pk == en.pk
    source = TranslationSource.objects.get(object_id=ru.translation_key)
    assert Translation.objects.filter(source=source, target_locale=en.locale).exists()

    # The English text is the English record's, even with a different paragraph count.
    assert en.title == "The city and Minsk sign a cooperation roadmap"
    assert en.lead == "The sides approved a three-year plan of joint projects."
    text = str(en.body)
    assert "Trade grew by 37.6%" in text
    assert "Товарооборот" not in text
    assert [b.block_type for b in en.body] == ["paragraph", "quote"]
    # Both languages link the same tags; the English record names their translations.
    assert sorted(t.pk for t in en.tags.all()) == sorted(t.pk for t in ru.tags.all())
    assert [tag.name for tag in en.tag_list] == ["roadmap", "visit"]
    assert [tag.locale.language_code for tag in en.tag_list] == ["en", "en"]
    [item] = en.gallery_items.all()
    assert item.caption == "Participants of the meeting"
    # The English record's credit is the Russian credit's translation.
    assert item.image.credit.get_translation(en.locale).name == "Press office"
    assert item.image_id == ru.gallery_items.get().image_id
    # Photos shared by both languages are stored once.
    assert NewsImage.objects.count() == 3

    # The "Ru | En" switch leads from one to the other.
    html = client.get(ru.url).content.decode()
    assert f'href="{en.url}" hreflang="en"' in html
    html = client.get(en.url).content.decode()
    assert f'href="{ru.url}" hreflang="ru"' in html
    assert ">Minsk<" in html


def test_a_bad_image_skips_the_image_not_the_release(export):
    _out, err = run(export)
    assert "releases.jsonl:3 [102] image skipped: images/102-broken.jpg" in err
    page = page_for("102")
    assert page.live
    assert [item.caption for item in page.gallery_items.all()] == ["Пленарная сессия"]


def test_imported_releases_are_in_the_search_index(export):
    run(export)
    backend = get_search_backend()
    ru_results = list(backend.search("дорожную карту", NewsArticlePage.objects.live()))
    assert page_for("101").pk in [p.pk for p in ru_results]
    en_results = list(backend.search("Belgrade", NewsArticlePage.objects.live()))
    assert page_for("102-en").pk in [p.pk for p in en_results]


def test_imported_releases_are_found_by_the_public_search(export, client):
    run(export)
    response = client.get("/ru/search/", {"q": "подписание дорожной карты"})
    assert response.status_code == 200
    # Titles come back with the matched words highlighted.
    results = strip_tags(response.content.decode())
    assert "Город и Минск подписали дорожную карту сотрудничества" in results
    response = client.get("/en/search/", {"q": "Belgrade business forums"})
    assert "Partner cities' business forum held in Belgrade" in htmllib.unescape(
        strip_tags(response.content.decode())
    )


def test_tags_differing_only_in_case_are_one_tag_within_a_run(export):
    write_records(
        export,
        [
            {
                "id": "c1",
                "language": "ru",
                "title": "Один",
                "published": "2023-01-01",
                "body": "<p>Первый релиз.</p>",
                "tags": ["Экология", "визит"],
            },
            {
                "id": "c2",
                "language": "ru",
                "title": "Два",
                "published": "2023-01-02",
                "body": "<p>Второй релиз.</p>",
                "tags": ["экология"],
            },
        ],
    )
    out, _err = run(export)
    assert "created: 2" in out
    # SQLite's own matching ignores the case of Latin letters only.
    assert page_for("c1").tags.get(name="Экология") == page_for("c2").tags.get()
    assert Topic.objects.filter(name__in=["Экология", "экология"]).count() == 1


def test_second_run_changes_nothing(export):
    run(export)
    before = snapshot()
    out, _err = run(export)
    assert "unchanged: 5 (en 2, ru 3)" in out
    assert "created: 0" in out and "updated: 0" in out
    assert snapshot() == before


def test_changed_records_update_their_pages_with_a_new_revision(export):
    run(export)
    ru, en = page_for("101"), page_for("101-en")
    ru_revisions, en_revisions = ru.revisions.count(), en.revisions.count()
    pages = Page.objects.count()

    records = read_records(export)
    records[0]["title"] = "Город и Минск продлили дорожную карту"
    records[0]["images"].append({"path": "images/101-2.png", "caption": "Вторая фотография"})
    records[1]["body"] = "<p>The roadmap was extended.</p>"
    write_records(export, records)

    out, _err = run(export)
    assert "updated: 2 (en 1, ru 1)" in out
    assert "unchanged: 3" in out
    assert Page.objects.count() == pages
    ru.refresh_from_db()
    en.refresh_from_db()
    assert ru.title == "Город и Минск продлили дорожную карту"
    assert ru.revisions.count() == ru_revisions + 1
    assert en.revisions.count() == en_revisions + 1
    assert str(en.body).count("The roadmap was extended.") == 1
    assert ImportedRecord.objects.filter(old_id="101").count() == 1
    # The English gallery follows the new photo, keeping the link to its original item.
    ru_items = list(ru.gallery_items.order_by("sort_order"))
    en_items = list(en.gallery_items.order_by("sort_order"))
    assert [i.translation_key for i in en_items] == [i.translation_key for i in ru_items]
    assert len(en_items) == 2


def test_dry_run_reports_and_writes_nothing(export):
    out, err = run(export, "--dry-run")
    assert "Dry run" in out
    assert "created: 5 (en 2, ru 3)" in out
    assert "image skipped: images/102-broken.jpg" in err
    assert not NewsArticlePage.objects.exists()
    assert not ImportedRecord.objects.exists()
    assert not NewsImage.objects.exists()
    assert not PartnerCity.objects.exists()

    run(export)
    records = read_records(export)
    records[0]["lead"] = "Новый лид."
    write_records(export, records)
    before = snapshot()
    out, _err = run(export, "--dry-run")
    assert "updated: 1 (ru 1)" in out
    assert "unchanged: 4" in out
    assert snapshot() == before


def test_a_record_failing_while_written_is_rolled_back_alone(export, monkeypatch):
    import news.importer.run as importer

    real = importer.load_image_file

    def failing(data, name=None, **kwargs):
        if name == "images/102-1.webp":
            raise RuntimeError("storage is full")
        return real(data, name=name, **kwargs)

    monkeypatch.setattr(importer, "load_image_file", failing)
    out, err = run(export)
    assert "releases.jsonl:3 [102] RuntimeError: storage is full" in err
    assert "releases.jsonl:4 [102-en] its original 102 was skipped" in err
    assert "created: 3 (en 1, ru 2)" in out
    assert not ImportedRecord.objects.filter(old_id__in=["102", "102-en"]).exists()
    assert not PartnerCity.objects.filter(slug="belgrad").exists()
    assert not NewsArticlePage.objects.filter(title__contains="Белград").exists()


@pytest.mark.parametrize("bulk", [False, True], ids=["one by one", "in bulk"])
def test_interrupted_import_resumes_where_it_stopped(export, monkeypatch, bulk):
    import news.importer.run as importer

    if not bulk:
        monkeypatch.setattr(importer.Importer, "bulk_eligible", lambda *args: False)

    real = importer.html_to_blocks
    calls = []

    def interrupt_on_third_body(source, image_for):
        calls.append(source)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(source, image_for)

    monkeypatch.setattr(importer, "html_to_blocks", interrupt_on_third_body)
    with pytest.raises(CommandError, match="Interrupted"):
        run(export)
    # Nothing of the interrupted record went in. Record by record, the first pair went in
    # whole; new releases written in bulk go in together, so the interrupted batch (here
    # the whole export) is left out whole.
    kept = set() if bulk else {"101", "101-en"}
    assert set(ImportedRecord.objects.values_list("old_id", flat=True)) == kept
    assert NewsArticlePage.objects.count() == len(kept)

    monkeypatch.setattr(importer, "html_to_blocks", real)
    out, _err = run(export)
    if bulk:
        assert "created: 5 (en 2, ru 3)" in out
    else:
        assert "unchanged: 2 (en 1, ru 1)" in out
        assert "created: 3 (en 1, ru 2)" in out
    assert NewsArticlePage.objects.count() == 5
    assert ImportedRecord.objects.count() == 5


def test_zip_export_gives_the_same_result(export, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in export.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(export).as_posix())
    out, _err = run(archive)
    assert "created: 5 (en 2, ru 3)" in out
    assert page_for("101-en").gallery_items.count() == 1


def test_translation_exported_later_joins_its_original(export):
    records = read_records(export)
    write_records(export, [records[0]])
    run(export)
    assert not NewsArticlePage.objects.filter(locale__language_code="en").exists()

    write_records(export, [records[1]])
    out, _err = run(export)
    assert "created: 1 (en 1)" in out
    assert page_for("101-en").translation_key == page_for("101").translation_key


def test_paths_outside_the_export_are_refused(export):
    records = read_records(export)
    records[4]["images"] = [{"path": "../../etc/passwd"}, {"path": "/etc/hostname"}]
    write_records(export, records)
    _out, err = run(export)
    assert "../../etc/passwd points outside the export" in err
    assert "/etc/hostname points outside the export" in err
    assert page_for("103").live


@pytest.mark.parametrize(
    "problem",
    [
        {"id": "x1", "language": "de", "title": "T", "published": "2023-01-01"},
        {"id": "x1", "language": "en", "title": "T", "published": "2023-01-01"},
        {"id": "x1", "language": "ru", "title": "T", "published": "вчера"},
        {"id": "x1", "language": "ru", "title": "T", "published": "2023-01-01", "tags": "a"},
        ["not", "an", "object"],
    ],
)
def test_invalid_records_are_reported_not_imported(export, problem):
    write_records(export, [json.dumps(problem)])
    out, err = run(export)
    assert "skipped: 1" in out
    assert "releases.jsonl:1" in err
    assert not NewsArticlePage.objects.exists()


def test_missing_export_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="no .jsonl file"):
        run(tmp_path / "empty")


def test_progress_lines_without_a_terminal(export):
    out, err = StringIO(), StringIO()
    call_command("import_news", str(export), stdout=out, stderr=err)
    assert "8 of 8 records (100%)" in err.getvalue()


def test_summary_speaks_the_site_language(export):
    with translation.override("ru"):
        out, err = run(export)
    assert "создано: 5 (en 2, ru 3)" in out
    assert "изображение пропущено: images/102-broken.jpg" in err
    assert "поле «title» отсутствует или пусто" in err


def test_publication_date_is_taken_in_the_site_time_zone(export):
    record = read_records(export)[4]
    record["published"] = "2023-09-11T22:30:00+00:00"  # 01:30 on the 12th in Moscow
    write_records(export, [record])
    run(export)
    page = page_for("103")
    assert page.date == datetime.date(2023, 9, 12)
    assert page.first_published_at == datetime.datetime(2023, 9, 11, 22, 30, tzinfo=datetime.UTC)


def test_translators_get_the_translation_editor_and_sync(export, client, django_user_model):

    run(export)
    ru, en = page_for("101"), page_for("101-en")
    admin = django_user_model.objects.create_superuser("admin", "admin@localhost", "pw")
    client.force_login(admin)

    # The English page opens in wagtail-localize's editor, with the imported title.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[en.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The city and Minsk sign a cooperation roadmap" in html
    assert "translation-editor" in html

    # "Sync translated pages" is offered for the Russian original.
    source = TranslationSource.objects.get(object_id=ru.translation_key)
    response = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert response.status_code == 200
    assert "The city and Minsk sign a cooperation roadmap" in response.content.decode()


def editor_pairs(client, page):
    """Source text -> translation as wagtail-localize's translation editor shows them."""

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    props = json.loads(htmllib.unescape(re.search(r'data-props="([^"]*)"', html).group(1)))
    sources = {
        segment["id"]: segment["source"]
        for segment in props["segments"]
        if segment.get("type") == "string"
    }
    return {
        sources[item["segment_id"]]: item["data"]
        for item in props["initialStringTranslations"]
        if item["segment_id"] in sources
    }


PARALLEL_BODY = (
    "<p>The head of the department held a working meeting with the <b>Minsk</b> delegation.</p>"
    "<h2>Trade</h2>"
    '<p>Trade grew by 37.6%. Details are on the <a href="https://minsk.example.org/news">'
    "partners' website</a>.</p><ul><li>science</li><li>education</li></ul>"
    "<blockquote><p>Minsk remains a strategic partner for us.</p>"
    "<cite>Anna Sokolova, Head of the Department</cite></blockquote>"
    '<figure><img src="images/101-2.png"><figcaption>Signing the roadmap</figcaption></figure>'
    "<p>Text from the old editor.</p>"
)


@pytest.fixture
def parallel_export(export):
    """The example export with an English body that follows the Russian one block by block."""
    records = read_records(export)
    records[1]["body"] = PARALLEL_BODY
    write_records(export, records)
    return export


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@localhost", "pw")
    client.force_login(admin)
    client.user = admin
    return client


def test_english_body_is_mapped_onto_the_russian_segments(parallel_export, admin_client):
    run(parallel_export)
    ru, en = page_for("101"), page_for("101-en")

    pairs = editor_pairs(admin_client, en)
    source = TranslationSource.objects.get(object_id=ru.translation_key)
    # Every text of the Russian release shows its English counterpart in the editor.
    assert set(pairs) == {segment.string.data for segment in source.stringsegment_set.all()}
    assert pairs[
        "Руководитель департамента провела рабочую встречу с делегацией <b>Минска</b>."
    ] == ("The head of the department held a working meeting with the <b>Minsk</b> delegation.")
    assert pairs["Торговля"] == "Trade"
    assert pairs["наука"] == "science"
    assert pairs["Минск остаётся для нас стратегическим партнёром."] == (
        "Minsk remains a strategic partner for us."
    )
    assert pairs["руководитель департамента"] == "Head of the Department"
    assert pairs["Подписание дорожной карты"] == "Signing the roadmap"
    assert pairs["Участники встречи"] == "Participants of the meeting"
    assert ru.get_translation(en.locale).pk == en.pk


def test_a_differently_built_english_body_maps_only_what_lines_up(export, admin_client):
    run(export)
    en = page_for("101-en")
    pairs = editor_pairs(admin_client, en)
    # Title, lead, quote and captions line up with the Russian ones...
    assert pairs["Стороны утвердили план совместных проектов на три года."] == (
        "The sides approved a three-year plan of joint projects."
    )
    assert pairs["Анна Соколова"] == "Anna Sokolova"
    assert pairs["Участники встречи"] == "Participants of the meeting"
    # ...while the paragraphs, split differently in English, are left to the translator
    # rather than paired with the wrong text.
    assert "наука" not in pairs
    assert "Текст из старого редактора." not in pairs
    # The page itself has the English record's text as imported.
    assert [block.block_type for block in en.body] == ["paragraph", "quote"]


def test_source_changes_sync_onto_the_imported_translation(parallel_export, admin_client):

    run(parallel_export)
    ru, en = page_for("101"), page_for("101-en")

    # The press office rewrites the quote of the imported release.
    for block in ru.body:
        if block.block_type == "quote":
            block.value["text"] = "Минск остаётся нашим главным партнёром."
    ru.save_revision(user=admin_client.user).publish(user=admin_client.user)

    # The translator sees the change next to the English text imported for the old one.
    source = TranslationSource.objects.get(object_id=ru.translation_key)
    translation = Translation.objects.get(source=source, target_locale=en.locale)
    html = admin_client.get(reverse("news_source_changes", args=[translation.pk])).content
    # The changed words are marked; the sentence reads whole without the marks.
    assert "Минск остаётся нашим главным партнёром." in re.sub(r"</?(ins|del)>", "", html.decode())
    assert "Minsk remains a strategic partner for us." in html.decode()

    # Updating the translation keeps the imported English text of everything else.
    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {}
    )
    assert response.status_code == 302
    draft = NewsArticlePage.objects.get(pk=en.pk).get_latest_revision_as_object()
    text = str(draft.body)
    assert "The head of the department held a working meeting" in text
    assert "Text from the old editor." in text
    assert "Руководитель департамента" not in text
    assert "Текст из старого редактора" not in text
    assert draft.title == "The city and Minsk sign a cooperation roadmap"


def test_imported_sources_hold_the_segments_wagtail_localize_would_extract(export):
    """The import writes a source's segments in bulk; refreshing them through
    wagtail-localize must find every one already there, and change or add none."""
    run(export)
    source = TranslationSource.objects.get(object_id=page_for("101").translation_key)
    imported = segment_rows(source)
    kinds = {row[0] for row in imported}
    assert {"string", "template", "override"} <= kinds, kinds

    source.refresh_segments()
    assert segment_rows(source) == imported


def test_imported_pages_are_published_with_their_first_revision_and_history(export, admin_client):
    run(export)
    for old_id in ("101", "101-en"):
        page = page_for(old_id)
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id
        assert page.revisions.count() == 1
        assert page.draft_title == page.title
        assert page.get_latest_revision_as_object().title == page.title
        revision_tags = page.get_latest_revision_as_object().tags.all()
        assert sorted(t.pk for t in revision_tags) == sorted(t.pk for t in page.tags.all())
        actions = list(
            PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
        )
        assert actions == ["wagtail.create", "wagtail.publish"]
        # The editor opens on the imported text, with nothing waiting to be published.
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
        assert page.title in response.content.decode()
        history = admin_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert history.status_code == 200
