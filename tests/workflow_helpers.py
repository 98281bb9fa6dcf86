"""Driving the admin as a press office would: form data for the page editor, and so on."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation


def release_form(title, slug, lead, paragraphs=(), quote=None, cities=(), **extra):
    body = [("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs]
    if quote:
        body.append(("quote", {"text": quote[0], "speaker": quote[1], "role": quote[2]}))
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2024-03-01",
            "lead": lead,
            "body": streamfield(body),
            "tags": "",
            "gallery_items": inline_formset([]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    if cities:
        data["partner_cities"] = [str(city.pk) for city in cities]
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def task_state(page):
    page = Page.objects.get(pk=page.pk)
    return page.current_workflow_state.current_task_state


def action_url(page, action):
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state(page).pk]
    )


def translation_of(source_page, locale):
    return Translation.objects.get(
        source__object_id=source_page.translation_key, target_locale=locale
    )


def segments(translation):
    return translation.source.stringsegment_set.select_related("string").order_by("order")


def put_string(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, data=f"value={_quote(value)}", content_type="application/x-www-form-urlencoded"
    )


def _quote(value):
    from urllib.parse import quote

    return quote(value)


def translated(translation, segment):
    return (
        StringTranslation.objects.filter(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
        )
        .values_list("data", flat=True)
        .first()
    )


def segment_rows(source):
    """Every segment of a source, as wagtail-localize stores it."""
    rows = set()
    for segment in source.stringsegment_set.select_related("context", "string"):
        rows.add(
            (
                "string",
                segment.pk,
                segment.order,
                segment.context.path,
                segment.context.field_path,
                segment.string.data,
                segment.attrs,
            )
        )
    for segment in source.templatesegment_set.select_related("context", "template"):
        rows.add(
            (
                "template",
                segment.pk,
                segment.order,
                segment.context.path,
                segment.template.template,
            )
        )
    for segment in source.relatedobjectsegment_set.select_related("context", "object"):
        rows.add(
            (
                "related",
                segment.pk,
                segment.order,
                segment.context.path,
                str(segment.object.translation_key),
            )
        )
    for segment in source.overridablesegment_set.select_related("context"):
        rows.add(("override", segment.pk, segment.order, segment.context.path, segment.data_json))
    return rows


def review_url(page, action):
    """Approve or send back from the approval box, which confirms what happened."""
    return reverse("news_review_action", args=[page.pk, action, task_state(page).pk])
