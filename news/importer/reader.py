"""Reading an archive export: a folder or a .zip with JSON Lines files and image files.

The format is described in docs/import.md. Reading never trusts the
export: paths cannot leave the export, and every record is checked before it is used.
"""

import datetime
import hashlib
import json
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect


class ExportError(Exception):
    """The export as a whole cannot be read (missing, not a folder or zip, no records)."""


class RecordError(Exception):
    """One record is unusable; the import reports it and goes on with the others."""


@dataclass
class ImageRef:
    path: str
    caption: str = ""
    alt: str = ""
    credit: str = ""


@dataclass
class CityRef:
    name: str
    country: str = ""
    slug: str = ""


@dataclass
class Record:
    """One release in one language, as the old site exported it."""

    file: str
    line: int
    old_id: str
    language: str
    title: str
    lead: str
    body: str
    published: datetime.datetime
    translation_of: str | None = None
    slug: str = ""
    url: str = ""
    cities: list[CityRef] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False)

    @property
    def where(self):
        return f"{self.file}:{self.line}"

    @property
    def redirected_path(self):
        """The release's address on the old site as a redirect's old path; "" for none."""
        old_path = Redirect.normalise_path(self.url) if self.url else ""
        return "" if old_path == "/" else old_path

    def content_hash(self, export):
        """Changes when the record or any image file it names changes."""
        digest = hashlib.sha256(json.dumps(self.raw, sort_keys=True).encode())
        for ref in self.images:
            digest.update(ref.path.encode())
            digest.update(export.file_digest(ref.path).encode())
        return digest.hexdigest()


@dataclass
class PendingRecord:
    """A checked record waiting for its turn, holding its line compressed.

    The importer reads the whole export before writing (to pair originals with
    translations wherever they are); a 100,000-pair export parsed and kept whole would
    take gigabytes. The line is parsed again, once, when its record is imported.
    """

    file: str
    line: int
    old_id: str
    translation_of: str | None
    packed: bytes = field(repr=False)

    @property
    def where(self):
        return f"{self.file}:{self.line}"

    def load(self):
        return parse_record(json.loads(zlib.decompress(self.packed)), self.file, self.line)


@dataclass
class BadLine:
    """A line that could not be turned into a record, with the reason."""

    file: str
    line: int
    old_id: str
    reason: str

    @property
    def where(self):
        return f"{self.file}:{self.line}"


def _text(data, key, required=False, max_length=None):
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise RecordError(_("field “%(field)s” must be text") % {"field": key})
    value = str(value).strip()
    if required and not value:
        raise RecordError(_("field “%(field)s” is missing or empty") % {"field": key})
    if max_length and len(value) > max_length:
        raise RecordError(
            _("field “%(field)s” is longer than %(max)s characters")
            % {"field": key, "max": max_length}
        )
    return value


def _list(data, key):
    value = data.get(key) or []
    if not isinstance(value, list):
        raise RecordError(_("field “%(field)s” must be a list") % {"field": key})
    return value


def parse_published(value):
    """A date or a date and time; a bare date means noon in the site's time zone."""
    if not isinstance(value, str) or not value.strip():
        raise RecordError(_("field “published” is missing or empty"))
    value = value.strip()
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time(12, 0))
    except ValueError:
        moment = None
    if moment is None:
        raise RecordError(
            _("“%(value)s” is not a date (expected e.g. 2023-11-15 or 2023-11-15T12:00:00+03:00)")
            % {"value": value}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_record(data, file, line):
    """Check one decoded JSON object and return a Record, or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(_("a record must be a JSON object"))
    old_id = _text(data, "id", required=True, max_length=100)
    language = _text(data, "language", required=True)
    languages = [code for code, _name in settings.LANGUAGES]
    if language not in languages:
        raise RecordError(
            _("language “%(language)s” is not one of %(languages)s")
            % {"language": language, "languages": ", ".join(languages)}
        )
    translation_of = _text(data, "translation_of") or None
    if language == settings.LANGUAGE_CODE and translation_of:
        raise RecordError(_("a release in the source language cannot be a translation"))
    if language != settings.LANGUAGE_CODE and not translation_of:
        raise RecordError(
            _("a release in “%(language)s” needs “translation_of”: the id of its original")
            % {"language": language}
        )
    if translation_of == old_id:
        raise RecordError(_("a release cannot be a translation of itself"))

    cities = []
    for item in _list(data, "cities"):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise RecordError(_("each city must be a name or an object with “name”"))
        cities.append(
            CityRef(
                name=_text(item, "name", required=True, max_length=100),
                country=_text(item, "country", max_length=100),
                slug=_text(item, "slug", max_length=100),
            )
        )
    tags = []
    for item in _list(data, "tags"):
        if not isinstance(item, str):
            raise RecordError(_("each tag must be text"))
        if item.strip():
            tags.append(item.strip()[:100])
    images = []
    for item in _list(data, "images"):
        if isinstance(item, str):
            item = {"path": item}
        if not isinstance(item, dict):
            raise RecordError(_("each image must be a path or an object with “path”"))
        images.append(
            ImageRef(
                path=_text(item, "path", required=True),
                caption=_text(item, "caption")[:300],
                alt=_text(item, "alt")[:300],
                credit=_text(item, "credit")[:255],
            )
        )
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise RecordError(_("field “%(field)s” must be text") % {"field": "body"})
    return Record(
        file=file,
        line=line,
        old_id=old_id,
        language=language,
        title=_text(data, "title", required=True, max_length=255),
        lead=_text(data, "lead"),
        body=body,
        published=parse_published(data.get("published")),
        translation_of=translation_of,
        slug=_text(data, "slug", max_length=255),
        url=_text(data, "url", max_length=255),
        cities=cities,
        tags=tags,
        images=images,
        raw=data,
    )


class Export:
    """An export on disk: a folder or a .zip holding *.jsonl files and the images they name."""

    def __init__(self, path):
        self.path = Path(path)
        self._zip = None
        self._digests = {}
        if not self.path.exists():
            raise ExportError(_("%(path)s does not exist.") % {"path": path})
        if self.path.is_file():
            if not zipfile.is_zipfile(self.path):
                raise ExportError(
                    _("%(path)s is neither a folder nor a .zip archive.") % {"path": path}
                )
            self._zip = zipfile.ZipFile(self.path)
            self._names = {
                posixpath.normpath(info.filename): info
                for info in self._zip.infolist()
                if not info.is_dir()
            }
        files = self.record_files()
        if not files:
            raise ExportError(_("%(path)s holds no .jsonl file of releases.") % {"path": path})

    def close(self):
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def record_files(self):
        """The JSON Lines files at the top of the export, in name order."""
        if self._zip is not None:
            return sorted(n for n in self._names if "/" not in n and n.endswith(".jsonl"))
        return sorted(p.name for p in self.path.glob("*.jsonl") if p.is_file())

    def pending(self):
        """Yield a PendingRecord or a BadLine for every non-blank line of every record file."""
        for name in self.record_files():
            with self._open(name) as handle:
                for number, raw in enumerate(handle, start=1):
                    if not raw.strip():
                        continue
                    entry = self._parse_line(name, number, raw)
                    if isinstance(entry, Record):
                        entry = PendingRecord(
                            name, number, entry.old_id, entry.translation_of, zlib.compress(raw)
                        )
                    yield entry

    def _open(self, name):
        if self._zip is not None:
            return self._zip.open(self._names[name])
        return (self.path / name).open("rb")

    def _parse_line(self, name, number, raw):
        old_id = ""
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return BadLine(name, number, old_id, _("the line is not UTF-8 text"))
        except json.JSONDecodeError as exc:
            return BadLine(name, number, old_id, _("invalid JSON: %(error)s") % {"error": exc.msg})
        if isinstance(data, dict) and isinstance(data.get("id"), str | int):
            old_id = str(data["id"])
        try:
            return parse_record(data, name, number)
        except RecordError as exc:
            return BadLine(name, number, old_id, str(exc))

    def _member(self, relative):
        """The normalised name of a file inside the export, refusing paths that leave it."""
        relative = relative.replace("\\", "/")
        normal = posixpath.normpath(relative)
        if relative.startswith("/") or normal == ".." or normal.startswith("../"):
            raise RecordError(_("%(path)s points outside the export") % {"path": relative})
        return normal

    def read_file(self, relative):
        """The bytes of a file inside the export; RecordError if it is missing."""
        name = self._member(relative)
        try:
            if self._zip is not None:
                if name not in self._names:
                    raise KeyError(name)
                return self._zip.read(self._names[name])
            return (self.path / name).read_bytes()
        except (KeyError, OSError):
            raise RecordError(_("%(path)s is not in the export") % {"path": relative}) from None

    def file_digest(self, relative):
        """A digest of a file's content, or a marker when it is missing (kept per run)."""
        if relative not in self._digests:
            try:
                data = self.read_file(relative)
            except RecordError:
                self._digests[relative] = "missing"
            else:
                self._digests[relative] = hashlib.sha256(data).hexdigest()
        return self._digests[relative]
