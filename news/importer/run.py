"""Importing an export into the site: one record at a time, each in its own transaction.

Originals (releases in the source language) become pages in the source-language archive;
translations become wagtail-localize translations of their original's page. Every record
that goes in is remembered in ImportedRecord with a fingerprint of its content, which makes
a second run skip what did not change, update what did, and resume after an interruption.
"""

import contextlib
import dataclasses
from collections import Counter, defaultdict

from anyascii import anyascii

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as search_on_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from gallery.images import check_image_bytes, load_image_file
from gallery.models import NewsImage
from news.models import ImportedRecord, NewsArticleGalleryItem, NewsArticlePage, PartnerCity
from news.site_structure import ensure_site_structure
from news.translation import translate_instance

from .html import html_to_blocks, plain_text
from .reader import BadLine, RecordError

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"
LEAD_LENGTH = 300


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


def make_slug(text, limit=80):
    # anyascii (a Wagtail dependency) transliterates Cyrillic so addresses stay Latin, like
    # the ones press officers type; Django's slugify alone would drop every Russian letter.
    return slugify(anyascii(text or ""))[:limit].strip("-")


@contextlib.contextmanager
def deferred_indexing():
    """Index each imported page once, when its record is complete.

    Saving a page while importing it (tree insert, revision, publish, translation copy)
    would otherwise update the search and reference indexes five to ten times per page;
    the importer updates both itself at the end of each record (see Importer.index).
    """
    models = [NewsArticlePage, PartnerCity, NewsImage]
    for model in models:
        post_save.disconnect(search_on_save, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(search_on_save, sender=model)


class Importer:
    """Imports one export. `progress(n)` is called after each record."""

    def __init__(self, export, dry_run=False, user=None, progress=None):
        self.export = export
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

    # Reading

    def scan(self):
        """Read every line once: originals in export order, translations by original id."""
        originals, translations, bad, seen = [], defaultdict(list), [], set()
        for entry in self.export.entries():
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
        with deferred_indexing():
            return self._run()

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
        for record in originals:
            outcome, page = self.guarded(self.import_original, record)
            self.progress(1)
            for translation in translations.pop(record.old_id, []):
                if outcome == SKIPPED:
                    self.skip(
                        translation,
                        _("its original %(id)s was skipped") % {"id": record.old_id},
                    )
                else:
                    self.guarded(
                        self.import_translation, translation, page, outcome in (CREATED, UPDATED)
                    )
                self.progress(1)
        # Translations of releases imported by an earlier run (e.g. a later English export).
        for original_id, records in translations.items():
            known = ImportedRecord.objects.filter(old_id=original_id).first()
            page = None
            if known is not None and known.page_id is not None:
                page = NewsArticlePage.objects.filter(pk=known.page_id).first()
            for translation in records:
                if page is None:
                    self.skip(
                        translation,
                        _("its original %(id)s is neither in the export nor imported before")
                        % {"id": original_id},
                    )
                else:
                    self.guarded(self.import_translation, translation, page, False)
                self.progress(1)
        return self.summary

    def guarded(self, method, record, *args):
        """Run one record's import; a failure is reported and rolls back that record only."""
        warnings = []
        try:
            outcome, page = method(record, warnings, *args)
        except (RecordError, ValidationError) as exc:
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.forget_rolled_back()
            self.skip(record, reason)
            return SKIPPED, None
        except Exception as exc:
            # An administrator needs the rest of the archive in even when one record trips
            # over something unforeseen; the reason is reported with the record's place.
            self.forget_rolled_back()
            self.skip(record, f"{type(exc).__name__}: {exc}")
            return SKIPPED, None
        self.summary.counts[outcome] += 1
        self.summary.by_language[(record.language, outcome)] += 1
        self.summary.warnings.extend(Issue(record.where, record.old_id, w) for w in warnings)
        return outcome, page

    def forget_rolled_back(self):
        """Images stored by a record that was rolled back are gone: keep only failures."""
        self.images = {
            path: found for path, found in self.images.items() if isinstance(found, str)
        }

    def skip(self, record, reason):
        self.summary.counts[SKIPPED] += 1
        self.summary.skipped.append(Issue(record.where, record.old_id, reason))

    # Originals

    def known(self, record):
        known = ImportedRecord.objects.filter(old_id=record.old_id).first()
        page = None
        if known is not None and known.page_id is not None:
            page = NewsArticlePage.objects.filter(pk=known.page_id).first()
        return known, page

    def import_original(self, record, warnings):
        fingerprint = record.content_hash(self.export)
        known, page = self.known(record)
        if page is not None and known.content_hash == fingerprint:
            return UNCHANGED, page
        outcome = UPDATED if page is not None else CREATED
        if self.dry_run:
            self.check(record, warnings)
            return outcome, page
        with transaction.atomic():
            locale = self.locales[self.source_code]
            body = html_to_blocks(record.body, self.body_image(record, warnings))
            gallery = self.gallery_images(record, warnings)
            cities = [self.source_city(ref, locale) for ref in record.cities]
            if page is None:
                page = NewsArticlePage(locale=locale, owner=self.user)
            page.title = plain_text(record.title)
            page.lead = plain_text(record.lead) or self.lead_from(body)
            page.body = body
            page.date = timezone.localtime(record.published).date()
            page.partner_cities = cities
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
            if page.pk is None:
                page.slug = self.free_slug(record.slug or record.title, record.old_id, None)
                page.first_published_at = record.published
                self.archive.add_child(instance=page)
            page.tags.set(record.tags)
            self.publish(page, record)
            self.remember(record, page, fingerprint)
            self.index(page, *cities, *(image for image, _ref in gallery))
        return outcome, page

    def source_city(self, ref, locale):
        slug = make_slug(ref.slug or ref.name, 100) or "city"
        name = plain_text(ref.name)[:100]
        city = (
            PartnerCity.objects.filter(locale=locale)
            .filter(Q(slug=slug) | Q(name__iexact=name))
            .order_by("pk")
            .first()
        )
        if city is None:
            city = PartnerCity.objects.create(
                locale=locale, slug=slug, name=name, country=plain_text(ref.country)[:100]
            )
            self.index(city)
        return city

    # Translations

    def import_translation(self, record, warnings, original, original_changed):
        fingerprint = record.content_hash(self.export)
        known, page = self.known(record)
        locale = self.locales.get(record.language)
        if locale is None:
            raise RecordError(
                _("the site has no locale “%(language)s”") % {"language": record.language}
            )
        if self.dry_run:
            if page is not None and known.content_hash == fingerprint:
                return UNCHANGED, page
            self.check(record, warnings)
            return (UPDATED if page is not None else CREATED), page
        translated = original.get_translation_or_none(locale)
        if (
            page is not None
            and translated is not None
            and translated.pk == page.pk
            and known.content_hash == fingerprint
            and not original_changed
        ):
            return UNCHANGED, page
        outcome = UPDATED if translated is not None else CREATED
        with transaction.atomic():
            body = html_to_blocks(record.body, self.body_image(record, warnings))
            source_items = list(original.gallery_items.all())
            refs = self.translated_refs(record, source_items, warnings)
            title = plain_text(record.title)
            lead = plain_text(record.lead) or self.lead_from(body)
            if translated is None:
                # Through wagtail-localize, so the pages are linked by a Translation and the
                # switch and sync work; the texts wagtail-localize can map are given to it.
                known_texts = {original.title: title, original.lead: lead}
                for item, ref in zip(source_items, refs, strict=True):
                    if ref is not None and ref.caption:
                        known_texts[item.caption] = plain_text(ref.caption)
                translated = self.start_translation(original, locale, known_texts)
            else:
                source, created = TranslationSource.get_or_create_from_instance(original)
                if not created:
                    source.update_from_db()
            translated = NewsArticlePage.objects.get(pk=translated.pk)
            # The English text may not follow the Russian one paragraph by paragraph, so
            # the imported fields are set directly and published as a revision.
            translated.title = title
            translated.lead = lead
            translated.body = body
            translated.date = timezone.localtime(record.published).date()
            translated.partner_cities = list(original.partner_cities.all())
            self.translated_cities(record, original)
            existing = {item.translation_key: item for item in translated.gallery_items.all()}
            items = []
            for number, (source_item, ref) in enumerate(zip(source_items, refs, strict=True)):
                item = existing.get(source_item.translation_key) or NewsArticleGalleryItem(
                    translation_key=source_item.translation_key, locale=locale
                )
                item.image_id = source_item.image_id
                item.caption = plain_text(ref.caption)[:300] if ref else source_item.caption
                item.alt_text = (
                    plain_text(ref.alt) if ref and ref.alt else item.caption or title
                )[:300]
                item.sort_order = number
                items.append(item)
            translated.gallery_items = items
            translated.tags.set(record.tags)
            if record.slug:
                translated.slug = self.free_slug(record.slug, record.old_id, translated)
            self.publish(translated, record)
            self.remember(record, translated, fingerprint)
            self.index(translated)
        return outcome, translated

    def start_translation(self, original, locale, texts):
        """Create the translated page as wagtail-localize links it, ready for its own text.

        Like news.translation.translate_instance, but without wagtail-localize writing the
        source text into the new page (save_target) only for the import to replace it: the
        page is copied for translation and only the texts known to match are recorded as
        segment translations, so the translation editor shows them as translated.
        """
        source, created = TranslationSource.get_or_create_from_instance(original)
        if not created:
            source.update_from_db()
        Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        for segment in source.stringsegment_set.select_related("string", "context"):
            text = texts.get(segment.string.data)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={
                        "data": text,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                        "last_translated_by": self.user,
                        "has_error": False,
                    },
                )
        return original.copy_for_translation(locale)

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

    def translated_cities(self, record, original):
        """Give the original's cities their names in the record's language, once."""
        locale = self.locales[record.language]
        cities = list(original.partner_cities.all())
        for number, ref in enumerate(record.cities):
            slug = make_slug(ref.slug, 100) if ref.slug else ""
            city = next((c for c in cities if slug and c.slug == slug), None)
            if city is None and number < len(cities):
                city = cities[number]
            if city is None or city.get_translation_or_none(locale) is not None:
                continue
            names = {city.name: plain_text(ref.name)[:100]}
            if ref.country:
                names[city.country] = plain_text(ref.country)[:100]
            self.index(translate_instance(city, locale, names.get, user=self.user))

    # Shared steps

    def publish(self, page, record):
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user, skip_permission_checks=True)
        # Imported releases keep the date they were first published on the old site.
        NewsArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=record.published, last_published_at=record.published
        )
        page.first_published_at = page.last_published_at = record.published
        if record.url:
            old_path = Redirect.normalise_path(record.url)
            if old_path and old_path != "/":
                Redirect.objects.update_or_create(
                    old_path=old_path, site=None, defaults={"redirect_page": page}
                )

    def index(self, *objects):
        """Bring the search and reference indexes up to date for what a record touched."""
        for obj in objects:
            search_index.insert_or_update_object(obj)
            ReferenceIndex.create_or_update_for_object(obj)

    def remember(self, record, page, fingerprint):
        ImportedRecord.objects.update_or_create(
            old_id=record.old_id,
            defaults={
                "language": record.language,
                "page": page,
                "content_hash": fingerprint,
                "source": record.where[:300],
            },
        )

    def free_slug(self, text, old_id, page):
        base = make_slug(text) or make_slug(f"release-{old_id}")
        parent = self.archive if page is None else page.get_parent()
        siblings = NewsArticlePage.objects.child_of(parent)
        if page is not None:
            siblings = siblings.exclude(pk=page.pk)
        if not siblings.filter(slug=base).exists():
            return base
        return f"{base[:60]}-{make_slug(old_id, 30)}"

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
                    self.index(self.images[path])
            except (RecordError, ValidationError) as exc:
                reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.images[path] = reason
        found = self.images[path]
        if isinstance(found, str):
            warnings.append(_("image skipped: %(reason)s") % {"reason": found})
            return None
        return found

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
