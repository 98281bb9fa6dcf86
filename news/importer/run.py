"""Importing an export into the site: one record at a time, each atomically.

Originals (releases in the source language) become pages in the source-language archive;
translations become wagtail-localize translations of their original's page. Every record
that goes in is remembered in ImportedRecord with a fingerprint of its content, which makes
a second run skip what did not change, update what did, and resume after an interruption.

Records are written in batches: one transaction per batch, a savepoint per record, so a
bad record still rolls back alone while commits, search indexing and cache purges happen
once per batch instead of once per page. Releases whose original and translations are all
new are written together instead (news.importer.bulk), in one savepoint: if any of them
fails, or the import is interrupted meanwhile, none of them is kept, and on a failure they
are imported again one at a time.
"""

import contextlib
import dataclasses
import difflib
import json
import logging
import re
from collections import Counter, defaultdict

from modelcluster.models import ClusterableModel, get_all_child_relations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Locale, Page, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from gallery.images import check_image_bytes, load_image_file
from gallery.models import NewsImage
from news.importer.bulk import write_new_pairs
from news.importer.html import html_to_blocks, plain_text
from news.importer.reader import BadLine, PendingRecord, RecordError
from news.models import (
    ImportedRecord,
    NewsArticleGalleryItem,
    NewsArticlePage,
    PartnerCity,
    SegmentChange,
    Topic,
)
from news.publishing import pipeline
from news.search import index as search_index
from news.structure.tree import ensure_site_structure
from news.text.slugs import SLUG_LENGTH, slug_for
from news.translation.from_texts import translate_instance
from news.translation.sources import get_or_create_source, update_source

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"
LEAD_LENGTH = 300
# Records per transaction: large enough that commits and index updates stop counting,
# small enough that an interruption loses little and locks are held briefly (the archive
# page's row for about a second). 200 instead of 100 took a 1,000-pair PostgreSQL import
# from 11.6 to 11.0 s; 400 gained nothing more.
BATCH_SIZE = 200
# Ids per query when looking up what earlier runs imported (SQLite limits parameters).
LOOKUP_CHUNK = 500
# Publishing steps (news.publishing) that the import does not leave to catch up once per
# batch: a translation source is brought up to date as soon as its page is published,
# because the record's translation is written next; the search index is updated by the
# import itself for every object it writes, published or not (Importer.flush); and
# subscriber alerts are for news, not for an archive of past releases.
PUBLISH_AT_ONCE = ["translation sources"]
NOT_PUBLISHED = ["search index", "alerts"]
UUID_PART = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
LINK_IDS = re.compile(r'<a id="([^"]+)"')


@dataclasses.dataclass
class Issue:
    where: str
    old_id: str
    reason: str

    def __str__(self):
        return f"{self.where} [{self.old_id or '?'}] {self.reason}"


@dataclasses.dataclass
class Summary:
    counts: Counter = dataclasses.field(default_factory=Counter)
    skipped: list = dataclasses.field(default_factory=list)
    warnings: list = dataclasses.field(default_factory=list)
    by_language: Counter = dataclasses.field(default_factory=Counter)

    @property
    def total(self):
        return sum(self.counts.values())


def make_slug(text, limit=SLUG_LENGTH):
    # The rule of the admin's slug fields, so an imported title gets the address a press
    # officer typing it would see.
    return slug_for(text, limit)


@contextlib.contextmanager
def deferred_indexing():
    """Index each imported object once, in bulk, when its batch is complete.

    Saving a page while importing it (tree insert, revision, publish, translation copy)
    would otherwise update the search and reference indexes five to ten times per page
    and purge the page cache twice per page; the importer indexes once per batch (see
    Importer.flush), and the publishing pipeline catches up once per batch too.
    """
    models = [NewsArticlePage, PartnerCity, NewsImage]
    # modelsearch offers no switch for its save handler; it is connected again below.
    for model in models:
        post_save.disconnect(search_on_save, sender=model)
    try:
        with (
            disable_reference_index_auto_update(),
            pipeline.bulk(now=PUBLISH_AT_ONCE, skip=NOT_PUBLISHED) as publication,
        ):
            yield publication
    finally:
        for model in models:
            post_save.connect(search_on_save, sender=model)


def _chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def child_relations(model):
    """What Wagtail's reference index reads of each object besides its own fields."""
    if not issubclass(model, ClusterableModel):
        return []
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def update_reference_index(model, objects):
    """ReferenceIndex.create_or_update_for_object for many objects of a model at once.

    Wagtail's method reads and writes each object's references in two to three queries;
    an import batch indexes hundreds of objects. Their references are extracted by
    Wagtail as before; the rows already there are read, and the missing ones written,
    once for the whole list. What is added or deleted is what Wagtail's method would.
    """
    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(each, for_concrete_model=False)
        for each in [model, *model._meta.get_parent_list()]
    ]
    known = {content_type.id for content_type in content_types}
    existing = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=content_types[-1], object_id__in=[str(obj.pk) for obj in objects]
    ).values_list(
        "object_id",
        "id",
        "content_type_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for object_id, pk, content_type_id, *reference in rows:
        existing[object_id][tuple(reference)] = (content_type_id, pk)
    new, stale = [], []
    for obj in objects:
        references = set(ReferenceIndex._extract_references_from_object(obj))
        stored = existing.get(str(obj.pk), {})
        new.extend(
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=obj.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
            if (to_content_type_id, to_object_id, model_path, content_path) not in stored
        )
        # As Wagtail: a row recorded for a more specific model than this one is kept.
        stale.extend(
            pk
            for reference, (content_type_id, pk) in stored.items()
            if reference not in references and content_type_id in known
        )
    ReferenceIndex.objects.bulk_create(
        new, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def _stream_blocks(stream):
    """Block id -> block type of a body, from a StreamValue or its stored JSON."""
    if isinstance(stream, str):
        stream = json.loads(stream or "[]")
    if isinstance(stream, list):
        return {block.get("id"): block.get("type") for block in stream if isinstance(block, dict)}
    return {child.id: child.block_type for child in stream if child.id}


def _aligned_segments(theirs, ours, source_blocks, page_blocks):
    """Pairs (source segment, own text value) that stand for the same thing.

    Fields outside the body pair by their path (title, lead, a photo's caption). A body
    of the same shape as the source (same blocks, same number of paragraphs in each) pairs
    segment by segment. Otherwise paragraphs are not paired at all, since one joined or
    split paragraph would shift every pairing after it onto the wrong text; headings,
    quotes and image captions still pair where the sequence of blocks lines up.
    """

    def grouped(segments, path_of, blocks):
        fields, body = {}, defaultdict(list)
        for segment in segments:
            field, _sep, rest = path_of(segment).partition(".")
            if field == "body" and rest:
                block_id, _sep, inner = rest.partition(".")
                inner = ".".join(
                    "*" if UUID_PART.match(part) else part for part in inner.split(".")
                )
                body[block_id].append((inner, segment))
            else:
                fields.setdefault(path_of(segment), segment)
        order = [(block_id, blocks.get(block_id, "?")) for block_id in body]
        return fields, body, order

    their_fields, their_body, their_order = grouped(
        theirs, lambda segment: segment.context.path, source_blocks
    )
    own_fields, own_body, own_order = grouped(ours, lambda value: value.path, page_blocks)
    pairs = [(their_fields[path], own_fields[path]) for path in their_fields if path in own_fields]
    matcher = difflib.SequenceMatcher(
        None,
        [kind for _id, kind in their_order],
        [kind for _id, kind in own_order],
        autojunk=False,
    )

    def shape(body, order):
        return [(kind, [inner for inner, _s in body[block_id]]) for block_id, kind in order]

    same_shape = shape(their_body, their_order) == shape(own_body, own_order)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for (their_id, kind), (own_id, _same) in zip(
            their_order[i1:i2], own_order[j1:j2], strict=True
        ):
            their_segments, own_segments = their_body[their_id], own_body[own_id]
            if (same_shape or kind != "paragraph") and [inner for inner, _s in their_segments] == [
                inner for inner, _s in own_segments
            ]:
                pairs.extend(
                    (segment, value)
                    for (_i, segment), (_j, value) in zip(
                        their_segments, own_segments, strict=True
                    )
                )
    return pairs


class Importer:
    """Imports one export. `progress(n)` is called after each record."""

    def __init__(self, export, dry_run=False, user=None, progress=None, bulk=True):
        self.export = export
        # New releases are written in bulk (news.importer.bulk) unless this is False.
        self.bulk = bulk
        self.written_in_bulk = 0
        self.dry_run = dry_run
        self.user = user
        self.progress = progress or (lambda n=1: None)
        self.summary = Summary()
        self.source_code = settings.LANGUAGE_CODE
        self.locales = {}
        self.archive = None
        # Images already handled in this run: path -> NewsImage, or the reason it failed.
        self.images = {}
        self._scanned = None
        # What earlier runs imported, read once: old id -> ImportedRecord, and for their
        # pages, page id -> (translation key, locale id).
        self.known_records = {}
        self.known_pages = {}
        # Read on first use and dropped when a record is rolled back (see forget_rolled_back).
        self._cities = None
        self._translated_cities = None
        self._translated_topics = None
        # Tags of each locale by lower-cased name, as found or made (source_topics).
        self._topics = {}
        # Each original's tags in the order its record lists them, for its translation.
        self._record_tags = {}
        self._slugs = {}
        # Objects written in the current batch, to index when it is committed: model ->
        # {pk: the object as held, to index as it is, or None to read it again} (see touch).
        self.touched = defaultdict(dict)
        self.publication = None
        self.wrote = False

    # Reading

    def scan(self):
        """Read every line once: originals in export order, translations by original id.

        Records are kept as PendingRecord, compressed, and parsed again when imported.
        """
        originals, translations, bad, seen = [], defaultdict(list), [], set()
        for entry in self.export.pending():
            if isinstance(entry, BadLine):
                bad.append(entry)
                continue
            if entry.old_id in seen:
                bad.append(
                    BadLine(
                        entry.file,
                        entry.line,
                        entry.old_id,
                        _("the id appears more than once in the export"),
                    )
                )
                continue
            seen.add(entry.old_id)
            if entry.translation_of:
                translations[entry.translation_of].append(entry)
            else:
                originals.append(entry)
        return originals, translations, bad

    def count(self):
        """How many records the export holds (reads it once; run() reuses the reading)."""
        if self._scanned is None:
            self._scanned = self.scan()
        originals, translations, bad = self._scanned
        return len(originals) + sum(len(v) for v in translations.values()) + len(bad)

    # Running

    def run(self):
        with deferred_indexing() as self.publication:
            summary = self._run()
        self.refresh_statistics()
        return summary

    def refresh_statistics(self):
        """Bring PostgreSQL's planner statistics up to date after a large import.

        Autovacuum analyses a table only once a tenth of it has changed and its worker gets
        round to it (never, where it is turned off). Until then the planner takes the
        freshly filled tables for nearly empty and plans the site's queries for a handful of
        rows. SQLite's planner does without statistics. The search index is then put in
        date order, which an import in the export's order does not leave it in.
        """
        if self.dry_run or not self.wrote or connection.vendor != "postgresql":
            return
        written = self.summary.counts[CREATED] + self.summary.counts[UPDATED]
        if written * 10 < NewsArticlePage.objects.count():
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        search_index.reorder()

    def rows_inserted(self):
        """{table: (rows this transaction inserted, the planner's row count)} on PostgreSQL,
        for tables analysed at least once."""
        if connection.vendor != "postgresql":
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT written.relid::regclass::text, written.n_tup_ins, pg_class.reltuples "
                "FROM pg_stat_xact_user_tables written "
                "JOIN pg_class ON pg_class.oid = written.relid "
                "WHERE written.n_tup_ins > 0 AND pg_class.reltuples >= 0"
            )
            return {table: (inserted, known) for table, inserted, known in cursor.fetchall()}

    def keep_statistics_current(self, before):
        """ANALYZE the tables this batch has more than doubled, before it commits; `before`
        is what rows_inserted() gave as the batch began.

        PostgreSQL checks every reference a batch wrote when the batch commits, with a plan
        it keeps for the connection. A table analysed while (nearly) empty, as autovacuum
        leaves a new site's, is then read whole for each check, and each commit of an
        import took longer than the last: 0.2 s for the first of a 1,000-pair import,
        2.1 s for the tenth. Fresh statistics make the checks use the primary keys. Tables
        never analysed are left alone: the planner already assumes they hold rows.
        """
        grown = [
            table
            for table, (inserted, known) in self.rows_inserted().items()
            if inserted - before.get(table, (0, 0))[0] > known
        ]
        if grown:
            with connection.cursor() as cursor:
                for table in grown:
                    cursor.execute(f"ANALYZE {table}")

    def _run(self):
        originals, translations, bad = self._scanned or self.scan()
        self._scanned = None
        for line in bad:
            self.skip(line, line.reason)
            self.progress(1)
        if not self.dry_run:
            _home, self.archive = ensure_site_structure()
        self.locales = {
            code: Locale.objects.filter(language_code=code).first()
            for code, _name in settings.LANGUAGES
        }
        self.load_known(
            [record.old_id for record in originals]
            + [record.old_id for records in translations.values() for record in records]
            + list(translations)
        )
        with self.batches() as record_done:
            # New releases wait here to be written together (news.importer.bulk).
            waiting = []
            for pending in originals:
                record = pending.load()
                own = translations.pop(record.old_id, [])
                if self.bulk_eligible(record, own):
                    own = [translation.load() for translation in own]
                    if all(self.locales.get(translation.language) for translation in own):
                        waiting.append((record, own))
                        if sum(1 + len(loaded) for _r, loaded in waiting) >= BATCH_SIZE:
                            self.write_waiting(waiting, record_done)
                        continue
                self.write_waiting(waiting, record_done)
                self.import_pair(record, own, record_done)
            self.write_waiting(waiting, record_done)
            # Translations of releases imported by an earlier run (e.g. a later English export).
            for original_id, records in translations.items():
                _known, page = self.known_by_id(original_id)
                for translation in records:
                    if page is None:
                        self.skip(
                            translation,
                            _("its original %(id)s is neither in the export nor imported before")
                            % {"id": original_id},
                        )
                    else:
                        self.guarded(self.import_translation, translation.load(), page, False)
                    self.progress(1)
                    record_done()
        return self.summary

    def import_pair(self, record, translations, record_done):
        """One release and its translations, record by record."""
        outcome, page = self.guarded(self.import_original, record)
        self.progress(1)
        record_done()
        for translation in translations:
            if outcome == SKIPPED:
                self.skip(
                    translation,
                    _("its original %(id)s was skipped") % {"id": record.old_id},
                )
            else:
                self.guarded(
                    self.import_translation,
                    translation.load() if isinstance(translation, PendingRecord) else translation,
                    page,
                    outcome in (CREATED, UPDATED),
                )
            self.progress(1)
            record_done()

    def bulk_eligible(self, record, translations):
        """Whether a release and its translations are all new, for the bulk path."""
        if not self.bulk or self.dry_run:
            return False
        ids = [record.old_id, *(translation.old_id for translation in translations)]
        return not any(old_id in self.known_records for old_id in ids)

    def write_waiting(self, waiting, record_done):
        """Write the waiting new releases in bulk, or record by record if anything fails."""
        if not waiting:
            return
        pairs, waiting[:] = list(waiting), []
        try:
            # A savepoint: the bulk write goes in whole or not at all.
            with transaction.atomic():
                done = write_new_pairs(self, pairs)
        except Exception:
            # Whatever failed (a bad record, most likely) is found and reported by the
            # per-record path, which rolls back that record alone.
            logger.info(
                "Bulk import of %d releases fell back to one at a time", len(pairs), exc_info=True
            )
            for record, translations in pairs:
                self.forget_rolled_back(record, None)
                for translation in translations:
                    self.known_records.pop(translation.old_id, None)
            for record, translations in pairs:
                self.import_pair(record, translations, record_done)
            return
        self.written_in_bulk += len(done)
        for record, outcome, warnings in done:
            self.summary.counts[outcome] += 1
            self.summary.by_language[(record.language, outcome)] += 1
            self.summary.warnings.extend(Issue(record.where, record.old_id, w) for w in warnings)
            self.progress(1)
            record_done()

    @contextlib.contextmanager
    def batches(self):
        """One transaction per BATCH_SIZE records; yields the function to call after each."""
        if self.dry_run:
            yield lambda: None
            return
        batch = _Batch(self)
        batch.open()
        try:
            yield batch.record_done
        except KeyboardInterrupt:
            # Records completed before the interruption are kept; the interrupted one (or
            # the new releases being written in bulk) was rolled back with its savepoint.
            batch.commit()
            raise
        except BaseException as exc:
            batch.abort(exc)
            raise
        else:
            batch.commit()

    def guarded(self, method, record, *args):
        """Run one record's import; a failure is reported and rolls back that record only."""
        warnings = []
        previous = self.known_records.get(record.old_id)
        try:
            outcome, page = method(record, warnings, *args)
        except (RecordError, ValidationError) as exc:
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.forget_rolled_back(record, previous)
            self.skip(record, reason)
            return SKIPPED, None
        except Exception as exc:
            # An administrator needs the rest of the archive in even when one record trips
            # over something unforeseen; the reason is reported with the record's place.
            self.forget_rolled_back(record, previous)
            self.skip(record, f"{type(exc).__name__}: {exc}")
            return SKIPPED, None
        except KeyboardInterrupt:
            self.forget_rolled_back(record, previous)
            raise
        self.summary.counts[outcome] += 1
        self.summary.by_language[(record.language, outcome)] += 1
        self.summary.warnings.extend(Issue(record.where, record.old_id, w) for w in warnings)
        return outcome, page

    def forget_rolled_back(self, record, previous):
        """What a rolled-back record wrote is gone: drop it from what this run remembers."""
        self.images = {
            path: found for path, found in self.images.items() if isinstance(found, str)
        }
        if previous is None:
            self.known_records.pop(record.old_id, None)
        else:
            self.known_records[record.old_id] = previous
        self._cities = self._translated_cities = self._translated_topics = None
        self._topics = {}
        self._record_tags = {}
        self._slugs = {}

    def skip(self, record, reason):
        self.summary.counts[SKIPPED] += 1
        self.summary.skipped.append(Issue(record.where, record.old_id, reason))

    # What earlier runs left

    def load_known(self, old_ids):
        for chunk in _chunks(set(old_ids), LOOKUP_CHUNK):
            for known in ImportedRecord.objects.filter(old_id__in=chunk):
                self.known_records[known.old_id] = known
        page_ids = {known.page_id for known in self.known_records.values() if known.page_id}
        for chunk in _chunks(page_ids, LOOKUP_CHUNK):
            rows = Page.objects.filter(pk__in=chunk).values_list(
                "pk", "translation_key", "locale_id"
            )
            for pk, translation_key, locale_id in rows:
                self.known_pages[pk] = (translation_key, locale_id)

    def known_by_id(self, old_id):
        """The ImportedRecord of an old id and the id of its page, if that page still exists."""
        known = self.known_records.get(old_id)
        if known is None or known.page_id not in self.known_pages:
            return known, None
        return known, known.page_id

    def known(self, record):
        return self.known_by_id(record.old_id)

    @staticmethod
    def page(page):
        """A page given as itself or by its id (unchanged records are not loaded)."""
        if page is None or isinstance(page, Page):
            return page
        return NewsArticlePage.objects.get(pk=page)

    def translation_key(self, page):
        if isinstance(page, Page):
            return page.translation_key
        return self.known_pages[page][0]

    # Originals

    def import_original(self, record, warnings):
        fingerprint = record.content_hash(self.export)
        known, page_id = self.known(record)
        if page_id is not None and known.content_hash == fingerprint:
            return UNCHANGED, page_id
        outcome = UPDATED if page_id is not None else CREATED
        if self.dry_run:
            self.check(record, warnings)
            return outcome, page_id
        # A savepoint: the record goes in whole or not at all, inside its batch.
        with transaction.atomic():
            return outcome, self.write_original(record, warnings, page_id, fingerprint)

    def write_original(self, record, warnings, page_id, fingerprint):
        page, topics = self.prepare_original(record, warnings, page_id)
        if page.pk is None:
            page.slug = self.free_slug(record.slug or record.title, record.old_id, self.archive)
            self.publish_new(page, record, self.archive)
        else:
            self.publish(page, record)
        self._record_tags[page.pk] = topics
        self.remember(record, page, fingerprint)
        self.touch(page)
        return page

    def prepare_original(self, record, warnings, page_id):
        """The original's page with the record's content, not saved; and its tags."""
        locale = self.locales[self.source_code]
        body = self.body_blocks(record, warnings)
        gallery = self.gallery_images(record, warnings)
        cities = [self.source_city(ref, locale) for ref in record.cities]
        page = self.page(page_id)
        if page is None:
            page = NewsArticlePage(locale=locale, owner=self.user)
        page.title = plain_text(record.title)
        page.lead = plain_text(record.lead) or self.lead_from(body)
        page.body = body
        page.date = timezone.localtime(record.published).date()
        page.partner_cities = cities
        existing = {}
        if page.pk is not None:
            existing = {item.image_id: item for item in page.gallery_items.all()}
        items = []
        for number, (image, ref) in enumerate(gallery):
            item = existing.pop(image.pk, None) or NewsArticleGalleryItem(
                image=image, locale=locale
            )
            item.caption = plain_text(ref.caption)[:300]
            item.alt_text = (plain_text(ref.alt) or item.caption or page.title)[:300]
            item.sort_order = number
            items.append(item)
        page.gallery_items = items
        topics = self.source_topics(record, locale)
        page.tags = topics
        return page, topics

    def source_city(self, ref, locale):
        slug = make_slug(ref.slug or ref.name, 100) or "city"
        name = plain_text(ref.name)[:100]
        if self._cities is None:
            self._cities = {}
            # Lowest id last, so it wins, as the first match of a query ordered by id would.
            for city in PartnerCity.objects.filter(locale=locale).order_by("-pk"):
                self._cities[("slug", city.slug)] = city
                self._cities[("name", city.name.casefold())] = city
        found = [
            city
            for city in (
                self._cities.get(("slug", slug)),
                self._cities.get(("name", name.casefold())),
            )
            if city is not None
        ]
        if found:
            return min(found, key=lambda city: city.pk)
        city = PartnerCity.objects.create(
            locale=locale, slug=slug, name=name, country=plain_text(ref.country)[:100]
        )
        self._cities[("slug", city.slug)] = city
        self._cities.setdefault(("name", city.name.casefold()), city)
        self.touch(city)
        return city

    # Translations

    def import_translation(self, record, warnings, original, original_changed):
        fingerprint = record.content_hash(self.export)
        known, page_id = self.known(record)
        locale = self.locales.get(record.language)
        if locale is None:
            raise RecordError(
                _("the site has no locale “%(language)s”") % {"language": record.language}
            )
        if self.dry_run:
            if page_id is not None and known.content_hash == fingerprint:
                return UNCHANGED, page_id
            self.check(record, warnings)
            return (UPDATED if page_id is not None else CREATED), page_id
        if (
            page_id is not None
            and not original_changed
            and known.content_hash == fingerprint
            and self.known_pages[page_id] == (self.translation_key(original), locale.pk)
        ):
            return UNCHANGED, page_id
        original = self.page(original)
        translated = original.get_translation_or_none(locale)
        outcome = UPDATED if translated is not None else CREATED
        with transaction.atomic():
            return outcome, self.write_translation(
                record, warnings, original, translated, original_changed, fingerprint
            )

    def write_translation(self, record, warnings, original, translated, original_changed, fp):
        locale = self.locales[record.language]
        body = self.body_blocks(record, warnings)
        source_items = list(original.gallery_items.select_related("image__credit"))
        source_cities = list(original.partner_cities.all())
        refs = self.translated_refs(record, source_items, warnings)
        # Through wagtail-localize, so the pages are linked by a Translation and the switch,
        # the translation editor and sync work on them.
        source, created = get_or_create_source(original)
        if not created and original_changed:
            update_source(source)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        parent = None
        if translated is not None:
            translated = NewsArticlePage.objects.get(pk=translated.pk)
        elif (parent := original.get_parent().get_translation_or_none(locale)) is not None:
            # Created directly in the translated archive under the original's translation
            # key, which is what links translations in Wagtail: neither written by
            # wagtail-localize (save_target) nor copied (copy_for_translation) with the
            # Russian text, saved and revised only for the import to replace it.
            translated = NewsArticlePage(
                locale=locale,
                translation_key=original.translation_key,
                owner=self.user,
                first_published_at=record.published,
            )
        else:
            # wagtail-localize's copy reports a missing translated archive clearly.
            translated = NewsArticlePage.objects.get(pk=original.copy_for_translation(locale).pk)
        self.prepare_translation(
            record,
            warnings,
            original,
            translated,
            body,
            (source_items, refs),
            (source_cities, list(original.tags.all())),
        )
        if record.slug or translated.pk is None:
            parent = parent or translated.get_parent()
            translated.slug = self.free_slug(
                record.slug or original.slug, record.old_id, parent, translated
            )
        if translated.pk is None:
            self.publish_new(translated, record, parent)
        else:
            self.publish(translated, record)
        self.map_segments(source, translation, translated)
        self.remember(record, translated, fp)
        self.touch(translated)
        return translated

    def prepare_translation(
        self, record, warnings, original, translated, body, gallery, linked, topics=None
    ):
        """Give a translation's page the record's content, not saving it.

        `gallery` is the original's gallery items and the record's photo for each,
        `linked` the original's partner cities and tags as stored, `topics` the original
        record's tags in its order when known.
        """
        locale = self.locales[record.language]
        source_items, refs = gallery
        source_cities, source_tags = linked
        title = plain_text(record.title)
        lead = plain_text(record.lead) or self.lead_from(body)
        # The English text may not follow the Russian one paragraph by paragraph, so the
        # page gets the record's own text; map_segments then records what lines up.
        translated.title = title
        translated.lead = lead
        translated.body = body
        translated.date = timezone.localtime(record.published).date()
        translated.partner_cities = source_cities
        self.translated_cities(record, source_cities)
        existing = {item.translation_key: item for item in translated.gallery_items.all()}
        items = []
        for number, (source_item, ref) in enumerate(zip(source_items, refs, strict=True)):
            item = existing.get(source_item.translation_key) or NewsArticleGalleryItem(
                translation_key=source_item.translation_key, locale=locale
            )
            if NewsArticleGalleryItem.image.is_cached(source_item):
                # The photo already read: the segment extraction looks at it.
                item.image = source_item.image
            else:
                item.image_id = source_item.image_id
            item.caption = plain_text(ref.caption)[:300] if ref else source_item.caption
            item.alt_text = (plain_text(ref.alt) if ref and ref.alt else item.caption or title)[
                :300
            ]
            item.sort_order = number
            items.append(item)
        translated.gallery_items = items
        # Like cities, a translation links its original's tags and shows their translations.
        translated.tags = list(source_tags)
        self.translated_topics(record, original, topics)
        self.translated_credits(record, source_items, refs)

    def map_segments(self, source, translation, page):
        """Record the page's own texts as translations of the source's segments.

        The translation editor then shows the English text against the Russian one, and a
        later change of the Russian text is carried over by sync. Segments are paired by
        what they are (see _aligned_segments): a body whose blocks follow the Russian ones
        maps whole; where the English text is built differently, what cannot be paired
        is left for the translator.
        """
        theirs = list(
            source.stringsegment_set.select_related("string", "context").order_by("order")
        )
        pairs = self.segment_pairs(source, theirs, page)
        if not pairs:
            return
        locale = translation.target_locale_id
        existing = {
            (found.translation_of_id, found.context_id): found
            for found in StringTranslation.objects.filter(
                locale_id=locale, context_id__in={key[1] for key in pairs}
            )
        }
        new, changed, now = [], [], timezone.now()
        for key, (_segment, text) in pairs.items():
            found = existing.get(key)
            if found is None:
                new.append(
                    StringTranslation(
                        translation_of_id=key[0],
                        context_id=key[1],
                        locale_id=locale,
                        data=text,
                        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                        last_translated_by=self.user,
                    )
                )
            elif (found.data, found.translation_type, found.tool_name, found.has_error) != (
                text,
                StringTranslation.TRANSLATION_TYPE_MANUAL,
                "",
                False,
            ):
                found.data = text
                found.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
                found.tool_name = ""
                found.has_error = False
                found.last_translated_by = self.user
                found.updated_at = now
                changed.append(found)
        # In bulk: wagtail-localize's save signal only copies a title translation to the
        # page's draft title, which the import has set already.
        StringTranslation.objects.bulk_create(new)
        StringTranslation.objects.bulk_update(
            changed,
            [
                "data",
                "translation_type",
                "tool_name",
                "has_error",
                "last_translated_by",
                "updated_at",
            ],
        )
        # Changes that sync recorded for these texts are answered by the imported ones.
        SegmentChange.objects.filter(
            translation=translation,
            new_source__in=[segment.string.data for segment, _text in pairs.values()],
        ).delete()

    @staticmethod
    def segment_pairs(source, theirs, page, extracted=None):
        """(string id, context id) -> (source segment, page's text) for what lines up.

        `theirs` is the source's string segments in order, with their strings and contexts;
        `extracted`, the page's segments if they were extracted already.
        """
        source_blocks = _stream_blocks(json.loads(source.content_json).get("body") or "[]")
        if extracted is None:
            extracted = extract_segments(page)
        ours = [s for s in extracted if isinstance(s, StringSegmentValue)]
        page_blocks = _stream_blocks(page.body)
        pairs = {}
        for segment, value in _aligned_segments(theirs, ours, source_blocks, page_blocks):
            text = value.string.data
            # A link in one text and not the other cannot be restored by wagtail-localize.
            if text.strip() and set(LINK_IDS.findall(text)) == set(
                LINK_IDS.findall(segment.string.data)
            ):
                pairs.setdefault((segment.string_id, segment.context_id), (segment, text))
        return pairs

    def translated_refs(self, record, source_items, warnings):
        """The translation's entry for each photo of the original: same file, else same place."""
        by_image = {}
        for ref in record.images:
            image = self.image(ref.path, plain_text(ref.caption), ref.credit, warnings)
            if image is not None:
                by_image.setdefault(image.pk, ref)
        ordered = list(record.images)
        return [
            by_image.get(item.image_id) or (ordered[n] if n < len(ordered) else None)
            for n, item in enumerate(source_items)
        ]

    def source_topics(self, record, locale):
        """The record's tags as tags of its language, made when new."""
        # A new tag is indexed as it is saved: tags are few and soon all known, and
        # touching every record's tags would rewrite their index entries each batch.
        # The tags found and made are kept for the run: a query per record otherwise.
        known = self._topics.setdefault(locale.pk, {})
        return Topic.named([plain_text(name) for name in record.tags], locale, known)

    def translated_topics(self, record, original, topics=None):
        """Give the original's tags the names the translation lists, in the same order."""
        locale = self.locales[record.language]
        topics = topics or self._record_tags.get(original.pk) or list(original.tags.all())
        if self._translated_topics is None:
            # Read once, as for cities: asking each tag for its translation cost a query
            # per tag of every translated record.
            self._translated_topics = set(
                Topic.objects.values_list("translation_key", "locale_id")
            )
        for topic, name in zip(topics, record.tags, strict=False):
            name = plain_text(name)[:100]
            if not name or (topic.translation_key, locale.pk) in self._translated_topics:
                continue
            if Topic.named_in([name], locale).exists():
                # Another tag already has that name in this language.
                continue
            translate_instance(topic, locale, {topic.name: name}.get, user=self.user)
            self._translated_topics.add((topic.translation_key, locale.pk))

    def translated_credits(self, record, source_items, refs):
        """Give the photos' credits the wording the translation uses, once per credit."""
        locale = self.locales[record.language]
        for item, ref in zip(source_items, refs, strict=True):
            credit = item.image.credit
            name = plain_text(ref.credit)[:255] if ref else ""
            if credit is None or not name or name == credit.name:
                continue
            if credit.get_translation_or_none(locale) is None:
                translate_instance(credit, locale, {credit.name: name}.get, user=self.user)

    def translated_cities(self, record, cities):
        """Give the original's cities their names in the record's language, once."""
        locale = self.locales[record.language]
        if self._translated_cities is None:
            self._translated_cities = set(
                PartnerCity.objects.values_list("translation_key", "locale_id")
            )
        for number, ref in enumerate(record.cities):
            slug = make_slug(ref.slug, 100) if ref.slug else ""
            city = next((c for c in cities if slug and c.slug == slug), None)
            if city is None and number < len(cities):
                city = cities[number]
            if city is None or (city.translation_key, locale.pk) in self._translated_cities:
                continue
            names = {city.name: plain_text(ref.name)[:100]}
            if ref.country:
                names[city.country] = plain_text(ref.country)[:100]
            self.touch(translate_instance(city, locale, names.get, user=self.user))
            self._translated_cities.add((city.translation_key, locale.pk))

    # Shared steps

    def publish(self, page, record):
        """Publish a new revision of a page imported before, through Wagtail."""
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user, skip_permission_checks=True)
        # Imported releases keep the date they were first published on the old site.
        NewsArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=record.published, last_published_at=record.published
        )
        page.first_published_at = page.last_published_at = record.published
        self.published(page, record)

    def publish_new(self, page, record, parent):
        """Add a page to the tree already published, with its first revision.

        What Wagtail's publish does to a new page with no workflow, schedule or alias,
        in one save instead of three: saving a revision, then publishing it, validate and
        save the page again and read it back from the revision's JSON.
        """
        page.live, page.has_unpublished_changes = True, False
        # Imported releases keep the date they were first published on the old site.
        page.first_published_at = page.last_published_at = record.published
        parent.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        NewsArticlePage.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        # Saving a new page logs its creation; the publication is logged here.
        log(instance=page, action="wagtail.publish", user=self.user, revision=revision)
        page_published.send(sender=NewsArticlePage, instance=page, revision=revision)
        self.published(page, record)

    def published(self, page, record):
        self.wrote = True
        if old_path := record.redirected_path:
            Redirect.objects.update_or_create(
                old_path=old_path, site=None, defaults={"redirect_page": page}
            )

    def touch(self, *objects, as_stored=False):
        """Have the search and reference indexes updated for these when the batch ends.

        `as_stored`: the objects hold exactly what was written, relations included, and
        their references and site search rows are written already (index_written): the
        bulk path's new releases. The search backends get them as they are.
        """
        for obj in objects:
            self.touched[type(obj)][obj.pk] = obj if as_stored else None

    def flush(self):
        """Index what the batch wrote, in bulk: search and references.

        Done before the batch commits, so a committed record is always indexed: a later
        run skips unchanged records and could not make up for a missed update.
        """
        touched, self.touched = self.touched, defaultdict(dict)
        if self.publication is not None:
            self.publication.flush()
        for model, held in touched.items():
            releases = model is NewsArticlePage and search_index.enabled()
            for chunk in _chunks(sorted(held), LOOKUP_CHUNK):
                kept = [held[pk] for pk in chunk if held[pk] is not None]
                again = [pk for pk in chunk if held[pk] is None]
                read = []
                if again:
                    read = model.get_indexed_objects().filter(pk__in=again)
                    read = read.prefetch_related(*child_relations(model))
                    if releases:
                        read = read.select_related("locale")
                    read = list(read)
                    update_reference_index(model, read)
                objects = sorted([*kept, *read], key=lambda obj: obj.pk)
                if hasattr(model, "analyse_keywords"):
                    model.analyse_keywords(objects)
                for name, backend in get_search_backends_with_name(with_auto_update=True):
                    try:
                        backend.add_bulk(model, objects)
                    except Exception:
                        # As Wagtail does on save: an external search service that is down
                        # must not lose the import; `update_index` catches up later.
                        logger.exception("Could not index imported %s in %r", model.__name__, name)
                        if not backend.catch_indexing_errors:
                            raise
                if releases and again:
                    # The same pages, with the text the backends have just analysed.
                    search_index.refresh(again, pages=read)

    def index_written(self, pages):
        """References and site search rows of new releases just written in bulk, held as
        written: made while the batch's copy extracts segments. The search backends get
        them at flush (touch with as_stored), in the order the other objects are indexed,
        since their title weights depend on what was indexed before.
        """
        update_reference_index(NewsArticlePage, pages)
        if search_index.enabled():
            search_index.refresh([page.pk for page in pages], pages=pages)

    def remember(self, record, page, fingerprint):
        known = self.known_records.get(record.old_id)
        if known is None:
            known = ImportedRecord(old_id=record.old_id)
        known.language = record.language
        known.page_id = page.pk
        known.content_hash = fingerprint
        known.source = record.where[:300]
        known.save()
        self.known_records[record.old_id] = known
        self.known_pages[page.pk] = (page.translation_key, page.locale_id)

    def free_slug(self, text, old_id, parent, page=None):
        base = make_slug(text) or make_slug(f"release-{old_id}")
        if page is not None and page.pk is not None and page.slug == base:
            return base
        # A parent's slugs are read once per run: the archives take thousands of releases.
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(
                Page.objects.child_of(parent).values_list("slug", flat=True)
            )
        taken = self._slugs[parent.pk]
        slug = base if base not in taken else f"{base[:60]}-{make_slug(old_id, 30)}"
        taken.add(slug)
        return slug

    @staticmethod
    def lead_from(body):
        for block_type, value in body:
            if block_type == "paragraph":
                text = plain_text(value.source.split("</p>", 1)[0])
                if text:
                    return text if len(text) <= LEAD_LENGTH else text[: LEAD_LENGTH - 1] + "…"
        return ""

    def image(self, path, caption, credit, warnings):
        """A stored image for a path in the export, or None with a warning."""
        if path not in self.images:
            try:
                data = self.export.read_file(path)
                if self.dry_run:
                    check_image_bytes(data, path)
                    self.images[path] = True
                else:
                    self.images[path] = load_image_file(
                        data, name=path, title=caption[:255], credit=credit, user=self.user
                    )
                    self.touch(self.images[path])
            except (RecordError, ValidationError) as exc:
                reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.images[path] = reason
        found = self.images[path]
        if isinstance(found, str):
            warnings.append(_("image skipped: %(reason)s") % {"reason": found})
            return None
        return found

    def body_blocks(self, record, warnings):
        return html_to_blocks(record.body, self.body_image(record, warnings))

    def body_image(self, record, warnings):
        credits = {ref.path: ref.credit for ref in record.images}

        def image_for(src, caption):
            return self.image(src, caption, credits.get(src, ""), warnings)

        return image_for

    def gallery_images(self, record, warnings):
        found = []
        for ref in record.images:
            image = self.image(ref.path, plain_text(ref.caption), ref.credit, warnings)
            if image is not None and all(image.pk != other.pk for other, _ref in found):
                found.append((image, ref))
        return found

    def check(self, record, warnings):
        """What a dry run can verify without writing: the body and every image."""
        html_to_blocks(record.body, self.body_image(record, warnings))
        for ref in record.images:
            self.image(ref.path, ref.caption, ref.credit, warnings)


class _Batch:
    """The transaction around one batch of records, opened and committed by hand.

    A `with` block cannot span the loop over records and be renewed every BATCH_SIZE of
    them, so the atomic block is entered and left explicitly.
    """

    def __init__(self, importer):
        self.importer = importer
        self.atomic = None
        self.count = 0
        self.inserted = {}

    def open(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.count = 0
        self.inserted = self.importer.rows_inserted()

    def record_done(self):
        self.count += 1
        if self.count >= BATCH_SIZE:
            self.commit()
            self.open()

    def commit(self):
        try:
            self.importer.flush()
            self.importer.keep_statistics_current(self.inserted)
        except BaseException as exc:
            self.abort(exc)
            raise
        atomic, self.atomic = self.atomic, None
        atomic.__exit__(None, None, None)

    def abort(self, exc):
        atomic, self.atomic = self.atomic, None
        if atomic is not None:
            atomic.__exit__(type(exc), exc, exc.__traceback__)
