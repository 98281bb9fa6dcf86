"""New releases written in bulk end up exactly as Wagtail's own save and publish and
wagtail-localize would leave them: the same export is imported once through the bulk path
and once record by record, and everything either writes is compared."""

import datetime
import gc
import json
import logging
import multiprocessing
import os
import re
import time
import uuid
from collections import Counter
from io import StringIO

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
)

from gallery.models import NewsImage
from news.importer import aside as importer_aside
from news.importer import bulk as importer_bulk
from news.importer import run as importer_run
from news.importer.reader import Export
from news.importer.run import Importer
from news.models import (
    ImportedRecord,
    NewsArticleGalleryItem,
    NewsArticlePage,
    PartnerCity,
    SearchEntry,
    SearchFacet,
    Topic,
)
from news.search import index as search_index
from news.text import analysis
from news.text.analysis import normalise
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures
from tests.news.importer import outside_search

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Set when a row is written; they differ between any two imports.
MOMENTS = {
    "created_at",
    "updated_at",
    "imported_at",
    "timestamp",
    "last_updated_at",
    "latest_revision_created_at",
    "translations_last_updated_at",
    "destination_last_updated_at",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Generated releases with photos, and one more release without a translation."""
    root = tmp_path_factory.mktemp("bulk") / "archive"
    call_command(
        "make_archive",
        "--releases",
        "12",
        "--images",
        "3",
        "--seed",
        "11",
        "--out",
        str(root),
        stdout=StringIO(),
    )
    with (root / "releases.jsonl").open("a") as lines:
        lines.write(
            json.dumps(
                {
                    "id": "alone",
                    "language": "ru",
                    "title": "Релиз без перевода",
                    "published": "2016-05-04T10:00:00+03:00",
                    "body": "<p>Текст <b>релиза</b>.</p><h2>Итоги</h2><p>Ещё абзац.</p>",
                    "url": "/old/alone.html",
                    "tags": ["форум"],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    return root


@pytest.fixture(scope="module")
def later(archive, tmp_path_factory):
    """A later export: one release changed, one translation changed, two new pairs."""
    root = tmp_path_factory.mktemp("bulk") / "later"
    root.mkdir()
    (root / "images").symlink_to(archive / "images")
    records = [json.loads(line) for line in (archive / "releases.jsonl").read_text().splitlines()]
    originals = [record for record in records if not record.get("translation_of")]
    changed = dict(originals[0], title=originals[0]["title"] + " (уточнено)")
    translation = next(r for r in records if r.get("translation_of") == originals[1]["id"])
    translation = dict(translation, body=translation["body"] + "<p>Updated.</p>")
    new = []
    for record in records:
        if record.get("translation_of") in (originals[2]["id"], originals[3]["id"]):
            new.append(
                dict(
                    record,
                    id="new-" + record["id"],
                    translation_of="new-" + record["translation_of"],
                )
            )
        elif record["id"] in (originals[2]["id"], originals[3]["id"]):
            new.append(dict(record, id="new-" + record["id"], url=None))
    (root / "releases.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [changed, translation, *new])
    )
    return root


def imported(path, bulk):
    with Export(str(path)) as export:
        importer = Importer(export, bulk=bulk)
        summary = importer.run()
    return importer, summary


class Keys:
    """Natural keys for rows whose ids and uuids differ between two imports."""

    def __init__(self, started):
        self.started = started
        self.pages = dict(Page.objects.values_list("pk", "url_path"))
        self.uuids = {}
        # Random uuids named in a fixed order: pages by address, then their blocks.
        for page in Page.objects.order_by("url_path"):
            self.name_uuid(page.translation_key)
        for page in NewsArticlePage.objects.order_by("url_path"):
            self.name_uuids(list(page.body.raw_data))
            for item in page.gallery_items.order_by("sort_order"):
                self.name_uuid(item.translation_key)
        # Blocks of earlier versions, in the order the versions were made.
        for page in NewsArticlePage.objects.order_by("url_path"):
            for revision in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk"):
                self.name_uuids(json.loads(revision.content.get("body") or "[]"))
        # Cities, tags and the other snippets: made as the import meets them, so by name.
        for model in sorted(apps.get_models(), key=lambda model: model._meta.label):
            names = {field.name for field in model._meta.concrete_fields}
            if issubclass(model, Page) or "translation_key" not in names or "locale" not in names:
                continue
            order = "slug" if "slug" in names else "pk"
            for row in model.objects.order_by("locale__language_code", order):
                self.name_uuid(row.translation_key)
        for row in Translation.objects.all():
            self.uuids.setdefault(
                str(row.uuid), f"translation of {self.ref(TranslationSource, row.source_id)}"
            )
        self.revisions = {}
        for row in Revision.objects.order_by("pk"):
            of = self.ref(
                ContentType.objects.get_for_id(row.content_type_id).model_class(), row.object_id
            )
            self.revisions[row.pk] = f"revision of {of}"

    def name_uuid(self, value):
        self.uuids.setdefault(str(value), f"uuid{len(self.uuids)}")

    def name_uuids(self, data):
        if isinstance(data, dict):
            if isinstance(data.get("id"), str) and UUID.fullmatch(data["id"]):
                self.name_uuid(data["id"])
            for value in data.values():
                self.name_uuids(value)
        elif isinstance(data, list):
            for value in data:
                self.name_uuids(value)

    def text(self, value):
        # A uuid not named here is one made the same way by both imports (a hash).
        return UUID.sub(lambda m: self.uuids.get(m.group(0), m.group(0)), value)

    def body(self, blocks):
        """A body's blocks with their photos named."""
        if isinstance(blocks, str):
            blocks = json.loads(blocks or "[]")
        blocks = json.loads(self.text(json.dumps(list(blocks))))
        for block in blocks:
            if block.get("type") == "image" and isinstance(block.get("value"), dict):
                block["value"]["image"] = self.ref(NewsImage, block["value"].get("image"))
        return blocks

    def ref(self, model, pk):
        if pk is None:
            return None
        model = model._meta.concrete_model
        if issubclass(model, Page):
            return self.pages.get(int(pk), f"missing page {pk}")
        if model is Revision:
            return self.revisions.get(int(pk), "other revision")
        if {"translation_key", "locale"} <= {field.name for field in model._meta.concrete_fields}:
            # Cities, tags, photo credits: by what they translate and into which language.
            row = model.objects.filter(pk=pk).first()
            if row is None:
                return (model.__name__, "missing", pk)
            return (model.__name__, row.locale.language_code, self.text(str(row.translation_key)))
        if model is get_user_model():
            return get_user_model().objects.get(pk=pk).get_username()
        if model is Locale:
            return Locale.objects.get(pk=pk).language_code
        if model is ContentType:
            return ContentType.objects.get_for_id(pk).model
        if model is NewsImage:
            if not NewsImage.objects.filter(pk=pk).exists():
                return ("missing image", pk)
            image = NewsImage.objects.get(pk=pk)
            return ("image", image.title, image.file_hash)
        if model is TranslatableObject:
            return self.text(str(pk))
        if model is TranslationSource:
            source = TranslationSource.objects.get(pk=pk)
            return ("source", self.text(str(source.object_id)), source.locale.language_code)
        if model is String:
            return String.objects.get(pk=pk).data
        if model is TranslationContext:
            context = TranslationContext.objects.get(pk=pk)
            return (self.text(str(context.object_id)), self.text(context.path))
        if model is Template:
            return Template.objects.get(pk=pk).template
        if model is SearchEntry:
            return self.pages[int(pk)]
        return (model.__name__, pk)

    def content(self, data, model):
        """An object's stored JSON (revision, translation source) with ids named."""
        data = dict(data)
        for name in ("pk", "id", "page_ptr", "alias_of"):
            if data.get(name) is not None:
                data[name] = self.ref(Page if name == "alias_of" else model, data[name])
        for name in ("latest_revision", "live_revision"):
            data[name] = self.ref(Revision, data.get(name))
        for name in MOMENTS & set(data):
            data[name] = data[name] is not None
        for name in ("first_published_at", "last_published_at"):
            # Publishing an update through Wagtail stamps the time, which the import then
            # sets to the release's own date; a source read in between holds the time.
            moment = data.get(name) and datetime.datetime.fromisoformat(data[name])
            if moment and moment >= self.started:
                data[name] = "during the import"
        for name, model in (("partner_cities", PartnerCity), ("tags", Topic)):
            if name in data:
                data[name] = [self.ref(model, pk) for pk in data[name]]
        data["locale"] = self.ref(Locale, data["locale"])
        data["owner"] = self.ref(get_user_model(), data.get("owner"))
        if "body" in data:
            data["body"] = self.body(data["body"])
        data["gallery_items"] = [
            {
                **item,
                "pk": None,
                "page": self.ref(Page, item["page"]),
                "image": self.ref(NewsImage, item["image"]),
                "locale": self.ref(Locale, item["locale"]),
            }
            for item in data.get("gallery_items", [])
        ]
        return json.loads(self.text(json.dumps(data, sort_keys=True)))

    def row(self, obj, skip=()):
        row = {}
        for field in obj._meta.concrete_fields:
            if field.name in skip:
                continue
            value = field.value_from_object(obj)
            if field.is_relation:
                value = self.ref(field.related_model, value)
            elif field.primary_key:
                continue
            elif field.name in MOMENTS:
                value = value is not None
            elif isinstance(value, uuid.UUID | str):
                value = self.text(str(value))
            elif isinstance(field, models.JSONField):
                value = json.loads(self.text(json.dumps(value, sort_keys=True)))
            row[field.name] = value
        return row


def snapshot(started):
    keys = Keys(started)
    rows = {}
    content_model = {ct.pk: ct.model_class() for ct in ContentType.objects.all()}

    def table(name, items):
        rows[name] = sorted(json.dumps(item, sort_keys=True, default=str) for item in items)

    site = Page.objects.exclude(content_type=ContentType.objects.get_for_model(NewsArticlePage))
    # The site's own pages are made when the import starts.
    made_now = {"first_published_at", "last_published_at"}
    table(
        "pages",
        [
            *(
                keys.row(page)
                for page in Page.objects.filter(pk__in=NewsArticlePage.objects.all())
            ),
            *(
                {**keys.row(page, skip=made_now), "made": page.first_published_at is not None}
                for page in site
            ),
        ],
    )
    table(
        "releases",
        (
            {**keys.row(page, skip={"body"}), "body": keys.body(page.body.raw_data)}
            for page in NewsArticlePage.objects.all()
        ),
    )
    table(
        "revisions",
        (
            {
                **keys.row(revision, skip={"content", "object_id"}),
                "object": keys.ref(content_model[revision.content_type_id], revision.object_id),
                "content": keys.content(revision.content, content_model[revision.content_type_id]),
            }
            for revision in Revision.objects.all()
        ),
    )
    # History in each page's order.
    history = {}
    for entry in PageLogEntry.objects.order_by("timestamp", "pk"):
        row = keys.row(entry, skip={"data"})
        # Wagtail's copy for translation names the pages it copied by id.
        row["data"] = json.loads(
            json.dumps(entry.data),
            object_hook=lambda data: (
                {**data, "id": keys.ref(Page, data["id"])}
                if "title" in data and "id" in data
                else data
            ),
        )
        history.setdefault(keys.ref(Page, entry.page_id), []).append(row)
    table("history", history.items())
    table("gallery", (keys.row(item) for item in NewsArticleGalleryItem.objects.all()))
    for model in (NewsArticlePage.partner_cities.through, NewsArticlePage.tags.through):
        table(model.__name__, (keys.row(link) for link in model.objects.all()))
    # Cities and tags are made, and published, as the import meets them.
    for model in (PartnerCity, Topic):
        table(model.__name__, (keys.row(row, skip=made_now) for row in model.objects.all()))
    table("translatable objects", (keys.row(row) for row in TranslatableObject.objects.all()))
    table(
        "translation sources",
        (
            {
                **keys.row(source, skip={"content_json"}),
                "content": keys.content(
                    json.loads(source.content_json),
                    content_model[source.specific_content_type_id],
                ),
            }
            for source in TranslationSource.objects.all()
        ),
    )
    # Segments in each source's order.
    for model in (StringSegment, TemplateSegment, OverridableSegment, RelatedObjectSegment):
        segments = {}
        for segment in model.objects.order_by("order", "pk"):
            row = keys.row(segment)
            if model is OverridableSegment and segment.context.path.endswith(".image"):
                # A photo, which is synchronised rather than translated, by its id.
                row["data_json"] = keys.ref(NewsImage, json.loads(segment.data_json))
            segments.setdefault(str(keys.ref(TranslationSource, segment.source_id)), []).append(
                row
            )
        table(model.__name__, segments.items())
    # A context's path_id is a hash of its path, which holds the block's random id.
    table(
        "contexts", (keys.row(row, skip={"path_id"}) for row in TranslationContext.objects.all())
    )
    for model in (String, Template, StringTranslation, Translation):
        table(model.__name__, (keys.row(row) for row in model.objects.all()))
    table("imported records", (keys.row(row) for row in ImportedRecord.objects.all()))
    table("redirects", (keys.row(row) for row in Redirect.objects.all()))
    table(
        "search entries",
        (
            {**keys.row(entry, skip={"recency"}), "recency": entry.recency - entry.page_id}
            for entry in SearchEntry.objects.all()
        ),
    )
    table("search facets", (keys.row(facet) for facet in SearchFacet.objects.all()))
    index_entry = apps.get_model("wagtailsearch", "IndexEntry")
    index_rows = {}
    for entry in index_entry.objects.all():
        row = keys.row(entry, skip={"object_id"})
        row["object"] = keys.ref(content_model[entry.content_type_id], entry.object_id)
        index_rows[entry.pk] = row
    table("admin search", index_rows.values())
    try:
        fts = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
    except LookupError:
        fts = None
    if fts is not None:
        table(
            "admin search text",
            (
                {
                    "of": index_rows[row.pk],
                    "title": row.title,
                    "body": row.body,
                    "autocomplete": row.autocomplete,
                }
                for row in fts.objects.all()
            ),
        )
    items = dict(NewsArticleGalleryItem.objects.values_list("pk", "sort_order"))
    references = []
    for ref in ReferenceIndex.objects.all():
        # A gallery photo's path names its item by id: by its place instead.
        ref.content_path = re.sub(
            r"^gallery_items\.(\d+)\.",
            lambda m: f"gallery_items.#{items[int(m.group(1))]}.",
            ref.content_path,
        )
        # The path's hash, like the path, holds the block's random id.
        row = keys.row(ref, skip={"object_id", "to_object_id", "content_path_hash"})
        row["object"] = keys.ref(content_model[ref.content_type_id], ref.object_id)
        row["to"] = keys.ref(content_model[ref.to_content_type_id], ref.to_object_id)
        references.append(row)
    table("references", references)
    return rows


def imported_snapshot(path, bulk, *later):
    """What importing `path` (and then `later` exports) writes, then rolled back."""
    started = timezone.now()
    with transaction.atomic():
        importer, summary = imported(path, bulk)
        for export in later:
            importer, summary = imported(export, bulk)
        taken = snapshot(started)
        transaction.set_rollback(True)
    return importer, summary, taken


def test_bulk_import_writes_what_wagtail_and_wagtail_localize_write(archive):
    one_by_one, summary, expected = imported_snapshot(archive, bulk=False)
    assert one_by_one.written_in_bulk == 0
    bulk, bulk_summary, written = imported_snapshot(archive, bulk=True)
    # Every record went through the bulk path, and was reported the same.
    assert bulk.written_in_bulk == 25
    assert dict(bulk_summary.counts) == dict(summary.counts) == {"created": 25}
    assert [str(issue) for issue in bulk_summary.warnings] == [
        str(issue) for issue in summary.warnings
    ]
    assert expected["pages"] and expected["StringTranslation"] and expected["references"]
    assert expected["admin search"] and expected["search entries"] and expected["history"]
    assert expected["gallery"] and expected["redirects"]
    assert_same(expected, written)


def test_bulk_import_then_updates_through_wagtail_as_before(archive, later):
    # Releases imported before are updated through Wagtail whichever path made them;
    # new ones in a later export go in bulk after pages the first import placed.
    one_by_one, summary, expected = imported_snapshot(archive, False, later)
    bulk, bulk_summary, written = imported_snapshot(archive, True, later)
    assert bulk.written_in_bulk == 4
    assert dict(bulk_summary.counts) == dict(summary.counts) == {"created": 4, "updated": 2}
    assert_same(expected, written)


def test_indexes_written_per_batch_are_what_wagtail_writes_per_object(archive, later):
    # Both paths index a batch's objects together (Importer.flush): here each object is
    # indexed again on its own by Wagtail, and the site's search rows are made again from
    # the pages as stored, which must find nothing to change.
    started = timezone.now()
    imported(archive, bulk=True)
    imported(later, bulk=True)
    indexes = ("references", "admin search", "admin search text", "search entries")
    indexes += ("search facets",)

    def taken():
        rows = {name: rows for name, rows in snapshot(started).items() if name in indexes}
        # PostgreSQL's backend weighs a title against the others indexed with it.
        rows["admin search"] = sorted(
            json.dumps({**json.loads(row), "title_norm": None}, sort_keys=True)
            for row in rows["admin search"]
        )
        return rows

    batched = taken()
    backend = get_search_backend()
    for model in (NewsArticlePage, PartnerCity, Topic, NewsImage):
        for obj in model.objects.all():
            ReferenceIndex.create_or_update_for_object(obj)
            backend.add(obj)
    search_index.refresh(NewsArticlePage.objects.values_list("pk", flat=True))
    again = taken()
    assert batched["references"] and batched["admin search"]
    assert_same(again, batched)


def assert_same(expected, written):
    assert set(written) == set(expected)
    differences = {
        name: (
            [row for row in expected[name] if row not in written[name]][:3],
            [row for row in written[name] if row not in expected[name]][:3],
        )
        for name in expected
        if written[name] != expected[name]
    }
    for name, (missing, extra) in differences.items():
        if missing and extra:
            at = next(
                (n for n, (a, b) in enumerate(zip(missing[0], extra[0], strict=False)) if a != b),
                0,
            )
            print(
                name,
                "first difference:",
                missing[0][at - 300 : at + 100],
                extra[0][at - 300 : at + 100],
                sep="\n",
            )
        print(name, "\n  one by one:", *missing, "\n  in bulk:", *extra, sep="\n")
    assert differences == {}


def test_a_bulk_imported_release_is_edited_and_translated_in_the_admin(archive, admin_client):
    imported(archive, bulk=True)
    english = NewsArticlePage.objects.filter(locale__language_code="en").first()
    russian = english.get_translation(Locale.objects.get(language_code="ru"))
    assert (
        admin_client.get(reverse("wagtailadmin_pages:edit", args=[russian.pk])).status_code == 200
    )
    # The English page opens in wagtail-localize's translation editor.
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    assert b"translation-editor" in response.content or b"TranslationEditor" in response.content

    russian.title = "Новая редакция"
    revision = russian.save_revision()
    revision.publish()
    russian.refresh_from_db()
    assert russian.title == "Новая редакция" and russian.live_revision == revision
    assert list(PageLogEntry.objects.filter(page=russian).values_list("action", flat=True)) == [
        "wagtail.publish",
        "wagtail.rename",
        "wagtail.publish",
        "wagtail.create",
    ]


def test_a_batch_with_a_bad_record_is_imported_one_record_at_a_time(archive, monkeypatch):
    lines = [json.loads(line) for line in (archive / "releases.jsonl").read_text().splitlines()]
    failing = lines[4]["id"]
    prepare_original = Importer.prepare_original

    def fails(self, record, *args):
        if record.old_id == failing:
            raise importer_run.RecordError("broken")
        return prepare_original(self, record, *args)

    monkeypatch.setattr(Importer, "prepare_original", fails)
    importer, summary = imported(archive, bulk=True)
    # The bulk write was rolled back whole; record by record, only the bad release and
    # its translation are left out.
    assert importer.written_in_bulk == 0
    assert [issue.old_id for issue in summary.skipped] == [
        failing,
        *(line["id"] for line in lines if line.get("translation_of") == failing),
    ]
    assert summary.counts["created"] == 23
    assert not ImportedRecord.objects.filter(old_id=failing).exists()
    assert ImportedRecord.objects.count() == 23
    assert NewsArticlePage.objects.count() == 23


def test_an_address_taken_during_the_import_sends_the_batch_through_wagtail(archive, monkeypatch):
    """A page given a release's address after the import read the archive's addresses
    (an editor publishing meanwhile): the bulk batch is not written; record by record,
    the other releases are imported and that one is reported."""
    lines = [json.loads(line) for line in (archive / "releases.jsonl").read_text().splitlines()]
    clashing = lines[2]["id"]
    free_slug = Importer.free_slug

    def taken_meanwhile(self, text, old_id, parent, page=None):
        slug = free_slug(self, text, old_id, parent, page)
        if old_id == clashing and not parent.get_children().filter(slug=slug).exists():
            parent.add_child(instance=Page(title="Страница редактора", slug=slug))
        return slug

    monkeypatch.setattr(Importer, "free_slug", taken_meanwhile)
    importer, summary = imported(archive, bulk=True)
    assert importer.written_in_bulk == 0
    assert [issue.old_id for issue in summary.skipped][:1] == [clashing]
    assert not ImportedRecord.objects.filter(old_id=clashing).exists()
    assert ImportedRecord.objects.count() == summary.counts["created"] > 0


def test_a_batch_s_segments_bodies_and_search_texts_are_worked_out_in_a_copy_of_the_importer(
    archive, monkeypatch, caplog
):
    # While the importer prepares the originals, a forked copy of it makes the
    # translations' bodies; while it writes the batch's rows, others analyse the pages'
    # search texts and extract their segments (news.importer.aside).
    importer_pid = os.getpid()
    done_by_importer = []
    analysed_by_importer = []
    terms = analysis.terms

    def analysing(text):
        if os.getpid() == importer_pid:
            analysed_by_importer.append(text)
        return terms(text)

    monkeypatch.setattr(analysis, "terms", analysing)

    def watched(name):
        work = getattr(importer_bulk, name)

        def watching(item):
            if os.getpid() == importer_pid:
                done_by_importer.append(name)
            return work(item)

        monkeypatch.setattr(importer_bulk, name, watching)

    watched("_segments")
    watched("_body")
    watched("_own_texts")
    # This export's batch has 12 translations, fewer than a copy is made for.
    monkeypatch.setattr(importer_aside, "MINIMUM", 1)
    with caplog.at_level(logging.INFO, logger="news.importer.aside"):
        importer, summary = imported(archive, bulk=True)
    assert importer.written_in_bulk == 25
    assert dict(summary.counts) == {"created": 25}
    assert done_by_importer == []
    assert caplog.records == []
    # What the copy sent back made the translations: the English texts are paired.
    assert StringTranslation.objects.filter(locale__language_code="en").exists()
    # ... and the search rows: no release's title or body was analysed by the importer.
    pages = NewsArticlePage.objects.all()
    assert len(pages) == 25
    assert not {text for page in pages for text in (page.title, page.plain_body)} & set(
        analysed_by_importer
    )
    assert SearchEntry.objects.filter(title_terms=normalise(pages[0].title)).exists()


def test_a_page_written_in_bulk_is_serialised_once_for_its_revision_and_its_source(
    archive, monkeypatch
):
    # Its translation source takes the revision's content with the revision set, which
    # test_bulk_import_writes_what_wagtail_and_wagtail_localize_write holds equal to what
    # wagtail-localize makes from the page.
    serialised = Counter()
    serialise = NewsArticlePage.serializable_data

    def counting(page):
        serialised[page.pk] += 1
        return serialise(page)

    monkeypatch.setattr(NewsArticlePage, "serializable_data", counting)
    importer, _summary = imported(archive, bulk=True)
    assert importer.written_in_bulk == 25
    release_type = ContentType.objects.get_for_model(NewsArticlePage)
    assert TranslationSource.objects.filter(specific_content_type=release_type).count() == 12
    assert sorted(serialised) == sorted(NewsArticlePage.objects.values_list("pk", flat=True))
    assert set(serialised.values()) == {1}


def test_a_copy_that_would_query_the_database_is_stopped_and_its_work_redone(
    archive, monkeypatch, caplog
):
    # The copy shares the importer's database connection, which a query would derail.
    extract = importer_bulk._segments

    def querying(page):
        Locale.objects.count()
        return extract(page)

    monkeypatch.setattr(importer_bulk, "_segments", querying)
    with caplog.at_level(logging.WARNING, logger="news.importer.aside"):
        one_by_one, _summary, expected = imported_snapshot(archive, bulk=False)
        bulk, summary, written = imported_snapshot(archive, bulk=True)
    assert bulk.written_in_bulk == 25
    assert dict(summary.counts) == {"created": 25}
    assert all("does not query the database" in r.getMessage() for r in caplog.records)
    assert caplog.records
    assert_same(expected, written)
    # The importer's connection was left as it was.
    assert Locale.objects.filter(language_code="en").exists()


def test_a_batch_that_fails_leaves_no_copy_of_the_importer_working(archive, monkeypatch):
    extract = importer_bulk._segments

    def slow(page):
        time.sleep(1)
        return extract(page)

    def fails(self, entries):
        raise RuntimeError("the revisions could not be written")

    # The batch fails while its copy is still extracting (25 pages, a second each).
    monkeypatch.setattr(importer_bulk, "_segments", slow)
    monkeypatch.setattr(importer_bulk._BulkWrite, "revise", fails)
    importer, summary = imported(archive, bulk=True)
    assert importer.written_in_bulk == 0
    assert dict(summary.counts) == {"created": 25}
    # The copy was stopped with the batch, not left to finish or to wait on its pipe.
    assert multiprocessing.active_children() == []


OUTSIDE = {"BACKEND": "tests.news.importer.outside_search"}


@pytest.fixture
def outside(settings):
    """The database search backend and a search service outside the database."""
    settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "outside": OUTSIDE}
    outside_search.SENT.clear()
    yield outside_search.SENT
    outside_search.SENT.clear()


def releases_sent(sent):
    return Counter(pk for model, pk, _title in sent if model == "NewsArticlePage")


def test_releases_written_in_bulk_reach_a_search_service_outside_the_database_once(
    archive, outside, monkeypatch
):
    segments_awaited_with = []
    results = importer_aside.Aside.results

    def awaited(self):
        if self.work is importer_bulk._segments:
            segments_awaited_with.append(SearchEntry.objects.count())
        return results(self)

    # 24 pages to extract segments of: a copy of the importer extracts them.
    monkeypatch.setattr(importer_aside.Aside, "results", awaited)
    importer, summary = imported(archive, bulk=True)
    assert importer.written_in_bulk == 25
    pages = set(NewsArticlePage.objects.values_list("pk", flat=True))
    # The site's search rows were written while the copy worked, before its segments
    # were awaited; the service outside got each release once, when the batch was done.
    assert segments_awaited_with == [25]
    assert releases_sent(outside) == Counter(pages)
    assert set(SearchEntry.objects.values_list("pk", flat=True)) == pages


def test_a_batch_failing_after_its_releases_were_indexed_leaves_every_index_right(
    archive, outside, monkeypatch, tmp_path
):
    imported(archive, bulk=True)
    lines = [json.loads(line) for line in (archive / "releases.jsonl").read_text().splitlines()]
    # A changed release (written record by record, before the new ones) and new ones
    # (in bulk, in the same transaction), whose batch fails after they were indexed.
    changed = dict(next(line for line in lines if line["language"] == "ru"))
    changed["title"] = "Заголовок изменён после первого импорта"
    new = []
    for line in lines:
        line = {**{k: v for k, v in line.items() if k != "url"}, "id": "n" + line["id"]}
        if line.get("translation_of"):
            line["translation_of"] = "n" + line["translation_of"]
        new.append(line)
    export = tmp_path / "later"
    export.mkdir()
    (export / "releases.jsonl").write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [changed, *new])
    )
    if (archive / "images").exists():
        (export / "images").symlink_to(archive / "images")

    def fails(self, entries, extracted):
        extracted()
        raise RuntimeError("the translations could not be written")

    monkeypatch.setattr(importer_bulk._BulkWrite, "translate", fails)
    outside.clear()
    importer, summary = imported(export, bulk=True)
    assert importer.written_in_bulk == 0
    assert summary.counts["created"] == len(new)
    page = NewsArticlePage.objects.get(pk=ImportedRecord.objects.get(old_id=changed["id"]).page_id)
    assert page.title == changed["title"]
    # The failed batch's rows went with its savepoint; the records written one at a
    # time after it, and the changed release before it, are indexed as they are now.
    entry = SearchEntry.objects.get(pk=page.pk)
    assert entry.title_terms == normalise(changed["title"])
    found = get_search_backend("default").search("изменён", NewsArticlePage.objects.all())
    assert [result.pk for result in found] == [page.pk]
    pages = set(NewsArticlePage.objects.values_list("pk", flat=True))
    assert set(SearchEntry.objects.values_list("pk", flat=True)) == pages
    # The service outside got what exists, once each.
    sent = releases_sent(outside)
    assert set(sent) <= pages
    assert set(sent.values()) == {1}
    assert page.pk in sent


def _collector(_item):
    return gc.isenabled(), gc.get_freeze_count() > 0


def test_the_copy_leaves_the_importer_s_memory_alone_and_the_importer_as_it_was():
    # The importer's objects are frozen when it forks, so that the copy's collections do
    # not write to every page of memory the two share; the copy does not collect at all.
    copy = importer_aside.Aside(_collector, range(importer_aside.MINIMUM))
    assert copy.process is not None
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert copy.results() == [(False, True)] * importer_aside.MINIMUM
