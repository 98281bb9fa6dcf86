"""A changed Russian release: nothing translated is lost, changes are shown side by side."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation

from news.models import NewsArticlePage, SegmentChange
from news.translation.status import OUT_OF_DATE, PUBLISHED, release_rows
from news.translation.sync import PREVIOUS_TRANSLATION_TOOL
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import (
    action_url,
    put_string,
    segment_rows,
    segments,
    translated,
    translation_of,
)

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    (f"Абзац номер {n} о сотрудничестве.", f"Paragraph {n} on cooperation.") for n in range(1, 13)
]
TEXTS = dict(
    [
        ("Соглашение о сотрудничестве", "Cooperation agreement"),
        ("Стороны договорились о совместных проектах.", "The sides agreed on joint projects."),
        ("Минск — наш давний партнёр.", "Minsk is our long-standing partner."),
        ("Сергей Черёмин", "Sergei Cheremin"),
        ("Министр", "Minister"),
        ("agreement", "agreement"),
        *PARAGRAPHS,
    ]
)


@pytest.fixture
def translated_release(site_tree, translate):
    body = [("paragraph", RichText(f"<p>{ru}</p>")) for ru, _ in PARAGRAPHS]
    body.append(
        (
            "quote",
            {
                "text": "Минск — наш давний партнёр.",
                "speaker": "Сергей Черёмин",
                "role": "Министр",
            },
        )
    )
    page = NewsArticlePageFactory(
        parent=site_tree, title="Соглашение о сотрудничестве", slug="agreement", body=body
    )
    publish(page)
    english = translate(page, TEXTS)
    return NewsArticlePage.objects.get(pk=page.pk), english


def en_status(page):
    return {release.pk: cells["en"].status for release, cells in release_rows()}[page.pk]


def test_changed_source_keeps_every_translation(client, staff, translated_release, en):
    page, english = translated_release
    translation = translation_of(page, en)
    before = {seg.string.data: translated(translation, seg) for seg in segments(translation)}
    assert len(before) >= 10
    assert all(before.values())
    assert en_status(page) == PUBLISHED

    # The press office rewrites two paragraphs and the lead, and adds a paragraph.
    page.lead = "Стороны договорились о трёх совместных проектах."
    page.body[2].value = RichText("<p>Абзац номер 3 переписан.</p>")
    page.body[6].value = RichText("<p>Абзац номер 7 переписан.</p>")
    page.body.append(("paragraph", RichText("<p>Совсем новый абзац.</p>")))
    publish(page)

    assert en_status(page) == OUT_OF_DATE
    after = {seg.string.data: seg for seg in segments(translation)}
    changed = {
        "Стороны договорились о трёх совместных проектах.": "The sides agreed on joint projects.",
        "Абзац номер 3 переписан.": "Paragraph 3 on cooperation.",
        "Абзац номер 7 переписан.": "Paragraph 7 on cooperation.",
    }
    for source_text, english_text in before.items():
        if source_text in after:
            # Untouched segments keep their translation exactly.
            assert translated(translation, after[source_text]) == english_text
    for source_text, previous in changed.items():
        # A changed segment starts from its previous translation, marked for review.
        record = StringTranslation.objects.get(
            translation_of=after[source_text].string, locale=en, context=after[source_text].context
        )
        assert record.data == previous
        assert record.tool_name == PREVIOUS_TRANSLATION_TOOL
    assert translated(translation, after["Совсем новый абзац."]) is None
    # The published English page is untouched until a new translation is approved.
    assert "Paragraph 3 on cooperation." in client.get(english.url).content.decode()

    # The translator sees old and new source side by side with the previous translation.
    client.force_login(staff["translator"])
    editor_html = client.get(
        reverse("wagtailadmin_pages:edit", args=[english.pk])
    ).content.decode()
    assert reverse("news_source_changes", args=[translation.pk]) in editor_html
    html = client.get(reverse("news_source_changes", args=[translation.pk])).content.decode()
    assert html.count('data-kind="changed"') == 3
    assert html.count('data-kind="new"') == 1
    # Changed words are marked; the texts read whole without the marks.
    plain = re.sub(r"</?(ins|del)>", "", html)
    for text in (
        "Абзац номер 3 о сотрудничестве.",
        "Абзац номер 3 переписан.",
        "Paragraph 3 on cooperation.",
    ):
        assert text in plain

    # Not submittable while previous translations are unchecked.
    submit_url = reverse("news_submit_translation", args=[translation.pk])
    client.post(submit_url)
    assert not Page.objects.get(pk=english.pk).workflow_in_progress

    new_english = {
        "Стороны договорились о трёх совместных проектах.": (
            "The sides agreed on three joint projects."
        ),
        "Абзац номер 3 переписан.": "Paragraph 3 rewritten.",
        "Абзац номер 7 переписан.": "Paragraph 7 rewritten.",
        "Совсем новый абзац.": "A brand new paragraph.",
    }
    for source_text, english_text in new_english.items():
        assert put_string(client, translation, after[source_text], english_text).status_code in (
            200,
            201,
        )
    client.post(submit_url)
    assert Page.objects.get(pk=english.pk).workflow_in_progress

    client.force_login(staff["editor"])
    client.post(action_url(english, "approve"), {"comment": ""})
    client.logout()
    html = client.get(english.url).content.decode()
    for english_text in new_english.values():
        assert english_text in html
    for n in (1, 2, 4, 5, 6, 8, 9, 10, 11, 12):
        assert f"Paragraph {n} on cooperation." in html
    assert "Sergei Cheremin" in html
    assert en_status(page) == PUBLISHED
    client.force_login(staff["translator"])
    html = client.get(reverse("news_source_changes", args=[translation.pk])).content.decode()
    assert "data-kind=" not in html


def test_manual_sync_never_publishes(client, staff, translated_release, en):
    page, english = translated_release
    live_revision = english.live_revision_id
    page.body.append(("paragraph", RichText("<p>Совсем новый абзац.</p>")))
    publish(page)
    translation = translation_of(page, en)
    client.force_login(staff["translator"])
    # wagtail-localize's "publish immediately" is ignored: approval comes first.
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.live_revision_id == live_revision
    client.logout()
    assert "Совсем новый абзац." not in client.get(english.url).content.decode()


def test_pages_taken_out_of_sync_keep_their_manual_edits(client, staff, translated_release, en):
    page, english = translated_release
    translation = translation_of(page, en)
    client.force_login(staff["translator"])
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    translation.refresh_from_db()
    assert not translation.enabled
    # The English page is now edited by hand and published by an administrator.
    english = NewsArticlePage.objects.get(pk=english.pk)
    english.lead = "A lead written by hand for English readers."
    publish(english)

    page.lead = "Совсем другой лид."
    publish(page)
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.lead == "A lead written by hand for English readers."
    assert (
        english.get_latest_revision_as_object().lead
        == "A lead written by hand for English readers."
    )


def publish_one_change(site_tree, translate, paragraphs, slug):
    """The queries of publishing a translated release whose first paragraph changed."""
    texts = {f"Абзац {n} о визите.": f"Paragraph {n} on the visit." for n in range(paragraphs)}
    body = [("paragraph", RichText(f"<p>{ru}</p>")) for ru in texts]
    page = NewsArticlePageFactory(parent=site_tree, title=f"Визит {slug}", slug=slug, body=body)
    publish(page)
    translate(page, texts)
    page = NewsArticlePage.objects.get(pk=page.pk)
    first, *rest = page.body.raw_data
    # A text of its own: texts are shared, and one made by an earlier release costs less.
    page.body = [{**first, "value": f"<p>Новый первый абзац ({slug}).</p>"}, *rest]
    with CaptureQueriesContext(connection) as queries:
        publish(page)
    changes = SegmentChange.objects.filter(translation__source__object_id=page.translation_key)
    assert [change.new_source for change in changes] == [f"Новый первый абзац ({slug})."]
    return [query["sql"] for query in queries.captured_queries]


def translation_lookups(queries):
    return [sql for sql in queries if 'FROM "wagtail_localize_stringtranslation"' in sql]


def test_carrying_translations_over_reads_them_once_per_sync(site_tree, translate, en):
    # Read segment by segment, before and after the refresh, a 40-paragraph release cost
    # 86 queries; now two whatever its length.
    short = translation_lookups(publish_one_change(site_tree, translate, 10, "visit-short"))
    long = translation_lookups(publish_one_change(site_tree, translate, 40, "visit-long"))
    assert len(long) == len(short) == 2


def test_publishing_a_changed_source_costs_the_same_whatever_its_length(site_tree, translate, en):
    # Through wagtail-localize's refresh, every segment was got or created on its own:
    # 40 paragraphs cost over a hundred queries more than 10.
    short = publish_one_change(site_tree, translate, 10, "visit-short")
    long = publish_one_change(site_tree, translate, 40, "visit-long")
    assert len(long) == len(short)


def test_a_synced_source_holds_the_segments_wagtail_localize_would_refresh_it_to(
    translated_release, en
):
    page, _english = translated_release
    source = translation_of(page, en).source
    before = {row[5]: row for row in segment_rows(source) if row[0] == "string"}
    page.body[2].value = RichText("<p>Абзац номер 3 переписан.</p>")
    del page.body[5]
    publish(page)

    synced = segment_rows(source)
    texts = {row[5]: row for row in synced if row[0] == "string"}
    assert "Абзац номер 3 переписан." in texts
    assert "Абзац номер 3 о сотрудничестве." not in texts
    assert "Абзац номер 6 о сотрудничестве." not in texts
    # An unchanged text keeps its segment, as wagtail-localize's refresh keeps it.
    assert texts["Абзац номер 1 о сотрудничестве."] == before["Абзац номер 1 о сотрудничестве."]
    source.refresh_from_db()
    source.refresh_segments()
    assert segment_rows(source) == synced
