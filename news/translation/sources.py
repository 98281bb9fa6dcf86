"""Translation sources and their segments, written in a few bulk statements.

wagtail-localize's `TranslationSource.get_or_create_from_instance` and `update_from_db`
get or create every string, context, template and segment of a release on its own, each
in a savepoint: about 160 queries for a short release, on every import and on every
publication of a Russian release, whose source is then brought up to date. The same rows
are written here in a handful of statements, keeping the segments that did not change, as
`refresh_segments` does.
"""

import json
import uuid
from functools import cache

from modelcluster.models import ClusterableModel, get_serializable_data_for_fields

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from wagtail_localize.models import (
    OverridableSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from core.inserts import insert_rows


@cache
def _schema_version(app_label):
    # A query per call in wagtail-localize; migrations do not change during an import.
    return get_schema_version(app_label)


def get_or_create_source(instance):
    """The instance's TranslationSource, created with its segments if it has none yet.

    Returns (source, created), like `TranslationSource.get_or_create_from_instance`.
    """
    translatable, _created = TranslatableObject.objects.get_or_create_from_instance(instance)
    source = TranslationSource.objects.filter(
        object=translatable, locale_id=instance.locale_id
    ).first()
    if source is not None:
        return source, False
    source = new_source(instance)
    source.save()
    write_segments(source, instance)
    return source, True


def new_source(instance, content=None):
    """The instance's TranslationSource as it is now, not saved; its TranslatableObject
    (the instance's translation key) must exist. `content` may give the instance's
    serializable data, if worked out already."""
    return TranslationSource(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        specific_content_type=ContentType.objects.get_for_model(type(instance)),
        object_repr=str(instance)[:200],
        content_json=(
            _content_json(instance)
            if content is None
            else json.dumps(content, cls=DjangoJSONEncoder)
        ),
        schema_version=_schema_version(instance._meta.app_label),
        last_updated_at=timezone.now(),
    )


def update_source(source):
    """Bring `source` up to date with its object as stored, as `update_from_db` does."""
    instance = source.get_source_instance()
    source.content_json = _content_json(instance)
    source.schema_version = _schema_version(instance._meta.app_label)
    source.object_repr = str(instance)[:200]
    source.last_updated_at = timezone.now()
    source.save(update_fields=["content_json", "schema_version", "object_repr", "last_updated_at"])
    write_segments(source, instance)


def _content_json(instance):
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def _rows(model, key, wanted, **scope):
    """key value -> row of `model` for every key in `wanted` (key -> other fields),
    creating the missing ones in one statement."""
    if not wanted:
        return {}
    lookup = {**scope, f"{key}__in": list(wanted)}
    found = {getattr(row, key): row for row in model.objects.filter(**lookup)}
    missing = [model(**scope, **{key: value}, **wanted[value]) for value in wanted]
    missing = [row for row in missing if getattr(row, key) not in found]
    if missing:
        # Another source may create the same shared string meanwhile: keep whichever won.
        model.objects.bulk_create(missing, ignore_conflicts=True)
        found = {getattr(row, key): row for row in model.objects.filter(**lookup)}
    return found


def _template_uuid(value):
    # The key Template.from_value looks a template up by.
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format)
    return uuid.uuid5(namespace, value.template)


def _field_path(context, instance):
    # wagtail-localize saves each context as it works its path out; here they are saved
    # together.
    context.save = lambda **kwargs: None
    try:
        return context.get_field_path(instance)
    finally:
        del context.save


def write_segments(source, instance):
    """Bring the segments of a source in line with `instance`, as refresh_segments would:
    a segment that is already there is kept, the missing ones are created and those that
    went away are deleted.

    `instance` is what the source was just made from: refresh_segments reads the same
    content back from the source's JSON.
    """
    values = list(extract_segments(instance))
    if any(isinstance(value, RelatedObjectSegmentValue) for value in values):
        # Releases have none (partner cities are synchronised, not translated per page).
        source.refresh_segments()
        return
    contexts = _rows(
        TranslationContext,
        "path_id",
        {TranslationContext._get_path_id(value.path): {"path": value.path} for value in values},
        object_id=source.object_id,
    )
    # Worked out only where missing, as wagtail-localize does: a photo's caption costs a
    # query to find its gallery item.
    unfilled = [row for row in contexts.values() if not row.field_path]
    for row in unfilled:
        row.field_path = _field_path(row, instance)
    TranslationContext.objects.bulk_update(unfilled, ["field_path"])

    strings = _rows(
        String,
        "data_hash",
        {
            String._get_data_hash(value.string.data): {"data": value.string.data}
            for value in values
            if isinstance(value, StringSegmentValue)
        },
        locale_id=source.locale_id,
    )
    templates = _template_rows(values)

    segments = {
        StringSegment: [],
        TemplateSegment: [],
        OverridableSegment: [],
    }
    for value in values:
        context = contexts[TranslationContext._get_path_id(value.path)]
        string = None
        if isinstance(value, StringSegmentValue):
            string = strings[String._get_data_hash(value.string.data)]
        segment = _segment(value, source, context, templates, string)
        segments[type(segment)].append(segment)
    for model, rows in segments.items():
        key = SEGMENT_KEYS[model]
        existing = {}
        for row in model.objects.filter(source=source):
            existing.setdefault(key(row), []).append(row.pk)
        missing = []
        for row in rows:
            kept = existing.get(key(row))
            if kept:
                kept.pop()
            else:
                missing.append(row)
        stale = [pk for pks in existing.values() for pk in pks]
        if stale:
            model.objects.filter(pk__in=stale).delete()
        model.objects.bulk_create(missing)


# What refresh_segments gets a segment by: the same values keep the same row.
SEGMENT_KEYS = {
    StringSegment: lambda row: (row.context_id, row.order, row.string_id, row.attrs),
    TemplateSegment: lambda row: (row.context_id, row.order, row.template_id),
    OverridableSegment: lambda row: (row.context_id, row.order, row.data_json),
}


def write_new_segments(sources):
    """`write_segments` for many sources at once, each just made for a new object.

    `sources` is a list of (source, instance, segments), `segments` being what
    `extract_segments(instance)` gives if it was worked out already, else None. Their
    objects have no contexts yet and the sources no segments, so every context and segment
    is new: each kind of row is written in one statement for all of them, and the string
    segments are returned by source id, in order and with their strings and contexts, as
    the caller would read them back (but without their own ids, which nothing here uses).
    """
    extracted = {}
    for source, instance, values in sources:
        if values is None:
            values = list(extract_segments(instance))
        if any(isinstance(value, RelatedObjectSegmentValue) for value in values):
            source.refresh_segments()
        else:
            extracted[source.pk] = (source, instance, values)

    contexts = {}
    for source, instance, values in extracted.values():
        for value in values:
            path_id = TranslationContext._get_path_id(value.path)
            if (source.object_id, path_id) not in contexts:
                context = TranslationContext(
                    object_id=source.object_id, path_id=path_id, path=value.path
                )
                context.field_path = _field_path(context, instance)
                contexts[(source.object_id, path_id)] = context
    TranslationContext.objects.bulk_create(list(contexts.values()))

    strings = {}
    for locale_id in {source.locale_id for source, _i, _v in extracted.values()}:
        wanted = {
            String._get_data_hash(value.string.data): {"data": value.string.data}
            for source, _instance, values in extracted.values()
            if source.locale_id == locale_id
            for value in values
            if isinstance(value, StringSegmentValue)
        }
        for chunk in _chunks(list(wanted), 500):
            found = _rows(
                String, "data_hash", {key: wanted[key] for key in chunk}, locale_id=locale_id
            )
            strings.update({(locale_id, key): row for key, row in found.items()})
    templates = _template_rows(
        value for _source, _instance, values in extracted.values() for value in values
    )

    segments = {StringSegment: [], TemplateSegment: [], OverridableSegment: []}
    by_source = {}
    for source, _instance, values in extracted.values():
        for value in values:
            context = contexts[(source.object_id, TranslationContext._get_path_id(value.path))]
            string = None
            if isinstance(value, StringSegmentValue):
                string = strings[(source.locale_id, String._get_data_hash(value.string.data))]
            segment = _segment(value, source, context, templates, string)
            if string is not None:
                by_source.setdefault(source.pk, []).append(segment)
            segments[type(segment)].append(segment)
    # The texts' segments are most of the rows: written as plain values (core.inserts).
    insert_rows(
        StringSegment,
        ["source", "context", "order", "string", "attrs"],
        [
            (row.source_id, row.context_id, row.order, row.string_id, row.attrs)
            for row in segments.pop(StringSegment)
        ],
    )
    for model, rows in segments.items():
        model.objects.bulk_create(rows)
    for rows in by_source.values():
        rows.sort(key=lambda segment: segment.order)
    return by_source


def _template_rows(values):
    """The Template rows of the template segments among `values`, by uuid, made if missing."""
    return _rows(
        Template,
        "uuid",
        {
            _template_uuid(value): {
                "template": value.template,
                "template_format": value.format,
                "string_count": value.string_count,
            }
            for value in values
            if isinstance(value, TemplateSegmentValue)
        },
    )


def _segment(value, source, context, templates, string):
    """The segment row for an extracted value; `string` is its String row, if a text."""
    common = {"source": source, "context": context, "order": value.order}
    if isinstance(value, TemplateSegmentValue):
        return TemplateSegment(**common, template=templates[_template_uuid(value)])
    if isinstance(value, OverridableSegmentValue):
        return OverridableSegment(
            **common, data_json=json.dumps(value.data, cls=DjangoJSONEncoder)
        )
    return StringSegment(
        **common, string=string, attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder)
    )


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]
