"""New releases written in bulk: the rows Wagtail's save and publish and wagtail-localize
would write for them, in a few statements per batch instead of dozens per page.

Only releases whose original and translations are all new come here (see
Importer.bulk_eligible); anything already imported goes through Wagtail as before. The
content of every row is still made by Wagtail's and wagtail-localize's own code (the
page's validation, url_path and serializable_data, the log entry's title, segment
extraction); only the per-row saves are replaced. tests/news/importer/test_import_bulk.py
compares what both paths write.

The caller runs this in a savepoint and, if anything fails, imports the same records one
at a time instead, so a bad record is reported and rolled back alone as before.
"""

import dataclasses
from collections import Counter

from modelcluster.models import get_all_child_relations, get_field_value

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import StreamField
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail_localize.models import (
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments

from core.inserts import insert_rows
from news.importer.aside import Aside
from news.importer.html import html_to_blocks
from news.models import (
    ImportedRecord,
    NewsArticleGalleryItem,
    NewsArticlePage,
    PartnerCity,
    Topic,
)
from news.translation.sources import new_source, write_new_segments

CREATED = "created"
# Links of a new release that are checked for the whole batch (check_links).
LINKS_CHECKED = ["locale", "content_type"]
RELATIONS = [relation.get_accessor_name() for relation in get_all_child_relations(NewsArticlePage)]


def _checked():
    """Stands in for Wagtail's slug check of one page, which check_slugs made for the batch."""


class NotForBulk(Exception):
    """A release the bulk path does not write; the per-record path imports it."""


# The fields revise() sets on a page after its revision took the page's content.
REVISED = ("latest_revision", "live_revision", "latest_revision_created_at")


@dataclasses.dataclass
class _New:
    record: object
    page: NewsArticlePage
    parent: Page
    fingerprint: str
    warnings: list
    # The original's record tags in its order (originals), or the original's entry.
    topics: list = None
    original: "_New" = None
    # What wagtail-localize extracts from the page (_segments).
    segments: list = None
    # The page's serializable data as its revision took it (revise).
    content: dict = None

    def current_content(self):
        """The page's serializable data now: as its revision took it, with what revise()
        set on the page since. Serialising the page again would give the same."""
        content = dict(self.content)
        for name in REVISED:
            content[name] = get_field_value(self.page._meta.get_field(name), self.page)
        return content


class _NeedsItsImages(Exception):
    pass


def _refuse_images(src, caption):
    raise _NeedsItsImages


def _body(record):
    """A record's body blocks, or None where it has images, which only the importer
    can store."""
    try:
        return html_to_blocks(record.body, _refuse_images)
    except _NeedsItsImages:
        return None


def _with_block_ids(page):
    # Wagtail gives a stream's new blocks their ids as it prepares the stream for the
    # database, and the segments' paths are made of them: given here, before the rows.
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            field.get_prep_value(field.value_from_object(page))
    return page


def _pk(user):
    return user.pk if user is not None else None


def _own_texts(page):
    return page.analyse_own_texts()


def _segments(page):
    return list(extract_segments(page))


def write_new_pairs(importer, pairs):
    """Write new releases and their translations; [(record, outcome, warnings)] in order."""
    return _BulkWrite(importer).write(pairs)


class _BulkWrite:
    def __init__(self, importer):
        self.importer = importer
        self.parents = {}
        self.copies = []

    def aside(self, work, items):
        copy = Aside(work, items)
        self.copies.append(copy)
        return copy

    def write(self, pairs):
        try:
            return self.write_batch(pairs)
        finally:
            # A batch that failed leaves no copy of the importer working for it.
            for copy in self.copies:
                copy.close()

    def write_batch(self, pairs):
        importer = self.importer
        # The translations' bodies are made from their HTML on the side while the
        # originals are prepared.
        bodies = self.aside(
            _body, [record for _original, translations in pairs for record in translations]
        )
        originals = []
        for record, _translations in pairs:
            warnings = []
            fingerprint = record.content_hash(importer.export)
            page, topics = importer.prepare_original(record, warnings, None)
            page.slug = importer.free_slug(
                record.slug or record.title, record.old_id, importer.archive
            )
            originals.append(_New(record, page, importer.archive, fingerprint, warnings, topics))
        self.stored_order(originals)
        bodies = iter(bodies.results())
        entries = []
        for original, (_record, translations) in zip(originals, pairs, strict=True):
            entries.append(original)
            entries.extend(
                self.prepare_translation(record, original, next(bodies)) for record in translations
            )

        pages = [entry.page for entry in entries]
        self.place(entries)
        # The search texts are analysed on the side too, from the pages as placed.
        texts = self.aside(_own_texts, pages)
        # The segments of the pages in a translation (its own and its original's) are
        # extracted on the side while the rows are written; the pages are final once
        # place() has validated them.
        originals = {id(entry.original) for entry in entries if entry.original is not None}
        translated = [
            entry for entry in entries if entry.original is not None or id(entry) in originals
        ]
        segments = self.aside(_segments, [_with_block_ids(entry.page) for entry in translated])
        self.insert_pages(entries)
        self.revise(entries)
        self.log(pages)
        self.redirect(entries)
        self.remember(entries)
        for page, analysed in zip(pages, texts.results(), strict=True):
            page.keep_own_texts(analysed)
        # In this batch's savepoint, while the copy extracts segments.
        importer.index_written(pages)
        self.translate(entries, lambda: zip(translated, segments.results(), strict=True))
        for entry in entries:
            if entry.original is None:
                importer._record_tags[entry.page.pk] = entry.topics
            importer.touch(entry.page, as_stored=True)
            if importer.publication is not None:
                # What page_published would have queued; its immediate step (translation
                # sources) has nothing to do for a page no one translated yet.
                importer.publication.record("published", entry.page)
        return [(entry.record, CREATED, entry.warnings) for entry in entries]

    # Content

    def stored_order(self, originals):
        """Cities and tags in the order the database returns them, as a saved page reads them."""
        cities = {city.pk for entry in originals for city in entry.page.partner_cities.all()}
        tags = {tag.pk for entry in originals for tag in entry.page.tags.all()}
        city_rank = {
            pk: n
            for n, pk in enumerate(
                PartnerCity.objects.filter(pk__in=cities).values_list("pk", flat=True)
            )
        }
        tag_rank = {
            pk: n
            for n, pk in enumerate(Topic.objects.filter(pk__in=tags).values_list("pk", flat=True))
        }
        for entry in originals:
            page = entry.page
            page.partner_cities = sorted(
                {city.pk: city for city in page.partner_cities.all()}.values(),
                key=lambda city: city_rank[city.pk],
            )
            page.tags = sorted(
                {tag.pk: tag for tag in page.tags.all()}.values(), key=lambda tag: tag_rank[tag.pk]
            )

    def translated_parent(self, locale):
        if locale.pk not in self.parents:
            self.parents[locale.pk] = self.importer.archive.get_translation_or_none(locale)
        parent = self.parents[locale.pk]
        if parent is None:
            # The per-record path has wagtail-localize report it.
            raise NotForBulk("no translated archive")
        return parent

    def prepare_translation(self, record, original, body=None):
        """The translation's entry; `body` is its body's blocks if they were made already."""
        importer = self.importer
        locale = importer.locales[record.language]
        warnings = []
        fingerprint = record.content_hash(importer.export)
        if body is None:
            body = importer.body_blocks(record, warnings)
        source_items = list(original.page.gallery_items.all())
        refs = importer.translated_refs(record, source_items, warnings)
        parent = self.translated_parent(locale)
        page = NewsArticlePage(
            locale=locale,
            translation_key=original.page.translation_key,
            owner=importer.user,
            first_published_at=record.published,
        )
        importer.prepare_translation(
            record,
            warnings,
            original.page,
            page,
            body,
            (source_items, refs),
            (list(original.page.partner_cities.all()), list(original.page.tags.all())),
            original.topics,
        )
        page.slug = importer.free_slug(record.slug or original.page.slug, record.old_id, parent)
        return _New(record, page, parent, fingerprint, warnings, original=original)

    # The tree

    def place(self, entries):
        """Tree paths after each parent's last child, and what Wagtail's save checks and sets."""
        by_parent = {}
        for entry in entries:
            by_parent.setdefault(entry.parent.pk, (entry.parent, []))[1].append(entry)
        for parent, children in by_parent.values():
            # As treebeard's add_child: the parent's row locked and read again.
            stored = Page.objects.select_for_update().get(pk=parent.pk)
            self.check_slugs(stored, [entry.page for entry in children])
            last = stored.get_last_child() if stored.numchild else None
            number = Page._str2int(last.path[-Page.steplen :]) if last is not None else 0
            for entry in children:
                number += 1
                page = entry.page
                page.depth = parent.depth + 1
                page.path = Page._get_path(parent.path, page.depth, number)
                page._cached_parent_obj = parent
                # As publish_new and Page.save (clean=True) do for a new live page.
                page.live, page.has_unpublished_changes = True, False
                page.first_published_at = page.last_published_at = entry.record.published
                # Uniqueness (path; translation key and locale) is left to the database's
                # own constraints, which cost no query per page: a violation fails the
                # batch, which then goes record by record through Wagtail's full check.
                # The slug among its siblings and the links checked by check_slugs and
                # check_links are not checked again page by page (a query each).
                page._check_slug_is_unique = _checked
                try:
                    page.full_clean(
                        exclude=LINKS_CHECKED, validate_unique=False, validate_constraints=False
                    )
                finally:
                    del page._check_slug_is_unique
                page.set_url_path(parent)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
            parent.numchild = stored.numchild + len(children)
        self.check_links([entry.page for entry in entries])

    # A failed check is never shown: the batch goes record by record through Wagtail,
    # whose own validation then reports the record in the importer's words.
    @staticmethod
    def check_slugs(parent, pages):
        """Wagtail's check that a page's slug is free among its siblings, for a batch."""
        slugs = Counter(page.slug for page in pages)
        taken = set(parent.get_children().filter(slug__in=slugs).values_list("slug", flat=True))
        for page in pages:
            if page.slug in taken or slugs[page.slug] > 1:
                raise NotForBulk(f"slug {page.slug!r} taken under page {parent.pk}")

    @staticmethod
    def check_links(pages):
        """Django's check that a foreign key names an existing row, a query per batch."""
        for name in LINKS_CHECKED:
            field = NewsArticlePage._meta.get_field(name)
            wanted = {getattr(page, field.attname) for page in pages} - {None}
            found = field.remote_field.model._base_manager.filter(pk__in=wanted).count()
            if found != len(wanted):
                raise NotForBulk(f"{name} of a new release does not exist")

    def insert_pages(self, entries):
        pages = [entry.page for entry in entries]
        # Django's bulk_create writes one table: the Page rows first, then the releases'.
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
        fields = NewsArticlePage._meta.local_concrete_fields
        size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
        for start in range(0, len(pages), size):
            NewsArticlePage.objects._insert(pages[start : start + size], fields=fields)
        for page in pages:
            page._state.adding = False
            page._state.db = "default"
            # A page just written has no comments or related releases: held as empty, so
            # its revision and translation source do not read them back (a query each).
            unset = set(RELATIONS) - set(getattr(page, "_cluster_related_objects", {}))
            for name in unset:
                setattr(page, name, [])
        cities, tags, items = [], [], []
        city_link = NewsArticlePage.partner_cities.through
        tag_link = NewsArticlePage.tags.through
        for page in pages:
            cities.extend(
                city_link(newsarticlepage_id=page.pk, partnercity_id=city.pk)
                for city in page.partner_cities.all()
            )
            tags.extend(
                tag_link(newsarticlepage_id=page.pk, topic_id=tag.pk) for tag in page.tags.all()
            )
            for item in page.gallery_items.all():
                item.page = page
                items.append(item)
        city_link.objects.bulk_create(cities)
        tag_link.objects.bulk_create(tags)
        NewsArticleGalleryItem.objects.bulk_create(items)

    def revise(self, entries):
        """Each page's first revision, published (Importer.publish_new)."""
        user = self.importer.user
        revisions = []
        for entry in entries:
            page = entry.page
            entry.content = page.serializable_data()
            revisions.append(
                Revision(
                    content_object=page,
                    base_content_type=page.get_base_content_type(),
                    user=user,
                    content=entry.content,
                    object_str=str(page),
                    created_at=timezone.now(),
                )
            )
        Revision.objects.bulk_create(revisions)
        for entry, revision in zip(entries, revisions, strict=True):
            page = entry.page
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = revision.created_at
        # One statement reading each page's revision back, where bulk_update would build
        # a CASE of every page for each column.
        revision = Revision.objects.filter(
            base_content_type=entries[0].page.get_base_content_type(),
            object_id=Cast(OuterRef("pk"), CharField()),
        ).order_by("-pk")
        latest = Subquery(revision.values("pk")[:1])
        Page.objects.filter(pk__in=[entry.page.pk for entry in entries]).update(
            latest_revision=latest,
            live_revision=latest,
            latest_revision_created_at=Subquery(revision.values("created_at")[:1]),
        )

    def log(self, pages):
        """Creation and publication, as Page.save and Importer.publish_new log them."""
        context = get_active_log_context()
        rows = []
        for page in pages:
            title = PageLogEntry.objects.get_instance_title(page)
            creator = page.owner or context.user
            publisher = self.importer.user or context.user
            rows.append((page.pk, title, "wagtail.create", _pk(creator), None, True))
            rows.append(
                (page.pk, title, "wagtail.publish", _pk(publisher), page.latest_revision.pk, False)
            )
        # Two rows a page, none read back: plain rows (core.inserts).
        insert_rows(
            PageLogEntry,
            ["page", "label", "action", "user", "revision", "content_changed"],
            rows,
            content_type=ContentType.objects.get_for_model(
                NewsArticlePage, for_concrete_model=False
            ).pk,
            data={},
            timestamp=timezone.now(),
            uuid=context.uuid,
            deleted=False,
        )

    # Translation

    def translate(self, entries, extracted):
        """Translation sources of the originals, Translations, and the texts that line up.

        `extracted()` gives (entry, its segments) for the translations and their originals,
        once they are wanted.
        """
        translated = [entry for entry in entries if entry.original is not None]
        if not translated:
            return
        originals = {id(entry.original): entry.original for entry in translated}.values()
        page_type = ContentType.objects.get_for_model(Page)
        TranslatableObject.objects.bulk_create(
            [
                TranslatableObject(
                    translation_key=entry.page.translation_key, content_type=page_type
                )
                for entry in originals
            ]
        )
        # A source holds the page as it is once revised: its revision's content with the
        # revision set (current_content), instead of serialising the whole page again.
        sources = {
            id(entry): new_source(entry.page, content=entry.current_content())
            for entry in originals
        }
        TranslationSource.objects.bulk_create(list(sources.values()))
        translations = [
            Translation(
                source=sources[id(entry.original)], target_locale=entry.page.locale, enabled=True
            )
            for entry in translated
        ]
        Translation.objects.bulk_create(translations)

        for entry, segments in extracted():
            entry.segments = segments
        segments = write_new_segments(
            [(sources[id(entry)], entry.page, entry.segments) for entry in originals]
        )

        texts = []
        for entry in translated:
            source = sources[id(entry.original)]
            if source.pk not in segments:
                # Written by wagtail-localize itself (write_new_segments): read them back.
                segments[source.pk] = list(
                    source.stringsegment_set.select_related("string", "context").order_by("order")
                )
            pairs = self.importer.segment_pairs(
                source, segments[source.pk], entry.page, entry.segments
            )
            texts.extend(
                (string_id, context_id, entry.page.locale_id, text)
                for (string_id, context_id), (_segment, text) in pairs.items()
            )
        # What StringTranslation's defaults and bulk_create would write, without passing
        # each value of these many rows through its field (core.inserts).
        user = self.importer.user
        now = timezone.now()
        insert_rows(
            StringTranslation,
            ["translation_of", "context", "locale", "data"],
            texts,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            tool_name="",
            last_translated_by=_pk(user),
            created_at=now,
            updated_at=now,
            has_error=False,
            field_error="",
        )

    def redirect(self, entries):
        """The records' old addresses sent to their pages, as Importer.published does
        record by record with update_or_create: in a query or two for the batch."""
        self.importer.wrote = True
        wanted = {}
        for entry in entries:
            if old_path := entry.record.redirected_path:
                # A later record with the same address wins, as it would one at a time.
                wanted[old_path] = entry.page
        if not wanted:
            return
        existing = list(Redirect.objects.filter(site=None, old_path__in=list(wanted)))
        for redirect in existing:
            redirect.redirect_page = wanted.pop(redirect.old_path)
        Redirect.objects.bulk_update(existing, ["redirect_page"])
        Redirect.objects.bulk_create(
            [
                Redirect(old_path=path, site=None, redirect_page=page)
                for path, page in wanted.items()
            ]
        )

    def remember(self, entries):
        importer = self.importer
        records = [
            ImportedRecord(
                old_id=entry.record.old_id,
                language=entry.record.language,
                page_id=entry.page.pk,
                content_hash=entry.fingerprint,
                source=entry.record.where[:300],
            )
            for entry in entries
        ]
        ImportedRecord.objects.bulk_create(records)
        for entry, known in zip(entries, records, strict=True):
            importer.known_records[known.old_id] = known
            importer.known_pages[entry.page.pk] = (
                entry.page.translation_key,
                entry.page.locale_id,
            )
