"""The translator's side of wagtail-localize's editor in the Russian admin: what the buttons
offer, the "Translate" form, changed segments and the side-by-side view of changes."""

import json
import re
from html import unescape

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import edit_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    ("Стороны обсудили сотрудничество в области культуры.", "The sides discussed culture."),
    ("Делегация посетила музей истории города.", "The delegation visited the city museum."),
    ("Абзац номер 3 о совместных проектах.", "Paragraph 3 on joint projects."),
]
TEXTS = {
    "Дни культуры Ташкента": "Tashkent Culture Days",
    "Программа рассчитана на неделю.": "The programme lasts a week.",
    **dict(PARAGRAPHS),
}


@pytest.fixture
def release(site_tree):
    return publish(
        NewsArticlePageFactory(
            parent=site_tree,
            title="Дни культуры Ташкента",
            slug="tashkent-days",
            lead="Программа рассчитана на неделю.",
            body=[("paragraph", RichText(f"<p>{ru}</p>")) for ru, _ in PARAGRAPHS],
        )
    )


def editor_view(client, page):
    """The translation editor as the browser gets it: the React app's props, and the HTML."""
    html = client.get(edit_url(page)).content.decode()
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    assert match, "the translation editor was not shown"
    return json.loads(unescape(match.group(1))), html


def footer_of(html):
    match = re.search(r'<footer[^>]*id="newsroom-editor-footer".*?</footer>', html, re.S)
    return match.group(0) if match else ""


# 9. The primary button


def test_translator_is_offered_submit_never_delete_or_convert(client, staff, release, translate):
    english = translate(release, TEXTS, publish=False)
    translation = translation_of(release, english.locale)
    client.force_login(staff["translator"])
    props, html = editor_view(client, english)
    # Wagtail would let any user with "change" delete this draft, and wagtail-localize
    # offered it as the primary button.
    assert props["perms"]["canDelete"] is False
    assert props["links"]["convertToAliasUrl"] is None
    footer = footer_of(html)
    submit = reverse("news_submit_translation", args=[translation.pk])
    assert re.search(rf'href="{submit}"\s+data-editor-primary="submit"', footer)
    assert reverse("wagtailadmin_pages:delete", args=[english.pk]) not in html
    assert "convert_to_alias" not in html
    # One way to submit on the page: the footer's.
    assert html.count(f'href="{submit}"') == 1


def test_live_translation_offers_convert_only_to_administrators(client, staff, release, translate):
    english = translate(release, TEXTS)
    convert = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    client.force_login(staff["translator"])
    props, html = editor_view(client, english)
    assert props["links"]["convertToAliasUrl"] is None
    assert convert not in html
    assert 'data-editor-primary="submit"' in footer_of(html)

    client.force_login(staff["admin"])
    props, html = editor_view(client, english)
    assert props["links"]["convertToAliasUrl"] == convert
    # Administrators publish (through the reason form): the editor keeps its own footer.
    assert props["perms"]["canPublish"] is True
    assert footer_of(html) == ""


def test_editors_keep_delete_in_the_menu_behind_submit(client, staff, release, translate):
    english = translate(release, TEXTS, publish=False)
    client.force_login(staff["editor"])
    props, html = editor_view(client, english)
    assert props["perms"]["canDelete"] is True
    footer = footer_of(html)
    primary = footer.index('data-editor-primary="submit"')
    delete = footer.index(reverse("wagtailadmin_pages:delete", args=[english.pk]))
    assert primary < delete
    assert client.get(reverse("wagtailadmin_pages:delete", args=[english.pk])).status_code == 200


def test_server_refuses_translators_delete_and_convert(client, staff, release, translate):
    english = translate(release, TEXTS, publish=False)
    client.force_login(staff["translator"])
    delete = reverse("wagtailadmin_pages:delete", args=[english.pk])
    home = reverse("wagtailadmin_home")
    # Wagtail answers a refusal in its admin with a redirect home and a message.
    assert client.get(delete)["Location"] == home
    assert client.post(delete)["Location"] == home
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{bulk}?id={english.pk}")
    assert Page.objects.filter(pk=english.pk).exists()
    convert = reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    client.post(convert, {"reason": "Перевод больше не нужен."})
    assert Page.objects.filter(pk=english.pk, alias_of__isnull=True).exists()


# 10. The "Translate" form


def test_translate_form_comes_with_english_ticked_and_works_as_sent(client, staff, release, en):
    client.force_login(staff["translator"])
    url = reverse("wagtail_localize:submit_page_translation", args=[release.pk])
    response = client.get(url, {"next": reverse("wagtailadmin_explore", args=[release.pk])})
    html = response.content.decode()
    assert re.search(rf'<input[^>]*name="locales"[^>]*value="{en.pk}"[^>]*checked', html)

    # The form sent as it came: what its widgets hold by default.
    form = response.context["form"]
    data = {"locales": form["locales"].value(), "next": response.context["next_url"]}
    response = client.post(url, data)
    english = NewsArticlePage.objects.get(translation_key=release.translation_key, locale=en)
    # Straight on to the translation editor.
    assert response.status_code == 302
    assert response["Location"] == edit_url(english)
    assert Translation.objects.filter(
        source__object_id=release.translation_key, target_locale=en
    ).exists()


# 11. Changed segments


@pytest.fixture
def changed_release(release, translate, en):
    english = translate(release, TEXTS)
    release = NewsArticlePage.objects.get(pk=release.pk)
    release.body[2].value = RichText("<p>Абзац номер 3 о новых совместных проектах.</p>")
    publish(release)
    return release, english, translation_of(release, en)


def test_changed_segment_needs_review_until_saved(client, staff, changed_release):
    release, english, translation = changed_release
    changed = next(s for s in segments(translation) if "новых" in s.string.data)
    client.force_login(staff["translator"])
    props, _html = editor_view(client, english)
    by_segment = {item["segment_id"]: item for item in props["initialStringTranslations"]}
    flagged = {pk for pk, item in by_segment.items() if item["error"]}
    # Shown in the editor's "needs attention" style, with a label in Russian.
    assert flagged == {changed.pk}
    label = by_segment[changed.pk]["error"]
    assert label.startswith("Исходный текст изменён")
    assert "previous translation" not in label
    assert by_segment[changed.pk]["data"] == "Paragraph 3 on joint projects."
    # Not submittable yet.
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    assert not Page.objects.get(pk=english.pk).workflow_in_progress

    # The translator confirms the text as it is: saving it is the review.
    response = put_string(client, translation, changed, "Paragraph 3 on joint projects.")
    assert response.status_code == 200
    assert response.json()["error"] is None
    props, _html = editor_view(client, english)
    assert not any(item["error"] for item in props["initialStringTranslations"])
    client.post(reverse("news_submit_translation", args=[translation.pk]))
    assert Page.objects.get(pk=english.pk).workflow_in_progress


# 12. Side by side


def test_side_by_side_names_the_block_and_marks_changed_words(client, staff, changed_release):
    _release, english, translation = changed_release
    client.force_login(staff["translator"])
    html = client.get(reverse("news_source_changes", args=[translation.pk])).content.decode()
    row = re.search(r'<tr data-kind="changed">.*?</tr>', html, re.S).group(0)
    assert "Абзац 3" in row
    assert "body." not in row
    assert "Абзац номер 3 о <ins>новых</ins> совместных проектах." in row
    # The old text has nothing deleted: only a word was added.
    assert "<del>" not in row
    assert "Абзац номер 3 о совместных проектах." in row
    # Headed by the page and the view, not by the admin's home.
    crumbs = re.search(r'data-controller="w-breadcrumbs".*?</nav>', html, re.S)
    assert crumbs, "no breadcrumbs"
    assert english.title in crumbs.group(0)
    assert "Изменения для перевода" in crumbs.group(0)


def test_word_diff_marks_replaced_words_and_reads_two_changes_as_one(
    client, staff, release, translate, en
):
    translate(release, TEXTS)
    release = NewsArticlePage.objects.get(pk=release.pk)
    release.lead = "Программа рассчитана на месяц."
    publish(release)
    release = NewsArticlePage.objects.get(pk=release.pk)
    release.lead = "Программа рассчитана на целый месяц."
    publish(release)
    translation = translation_of(release, en)
    client.force_login(staff["translator"])
    html = client.get(reverse("news_source_changes", args=[translation.pk])).content.decode()
    rows = re.findall(r'<tr data-kind="changed">.*?</tr>', html, re.S)
    assert len(rows) == 1
    row = rows[0]
    assert "Лид" in row
    assert "Программа рассчитана на <del>неделю</del>." in row
    assert "Программа рассчитана на <ins>целый месяц</ins>." in row
    assert "The programme lasts a week." in row


# 17. The editor in the user's language


def test_segment_notes_and_heading_are_in_russian(client, staff, release, translate):
    english = translate(release, TEXTS, publish=False)
    client.force_login(staff["translator"])
    props, html = editor_view(client, english)
    comments = [item["comment"] for item in props["initialStringTranslations"]]
    assert comments and all(re.search(r"\d+ [а-я]+ \d{4}", c) for c in comments), comments
    assert not any(re.search(r"[A-Z][a-z]+ \d{4}", c) for c in comments), comments
    heading = re.search(r'id="translation-heading"[^>]*>(.*?)</script>', html).group(1)
    assert json.loads(heading) == {
        "app": "Русский to Английский translation",
        "local": "Перевод: Русский → Английский",
    }
