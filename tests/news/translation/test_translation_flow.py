"""The whole life of a release in a real browser, as each role goes through the admin: a
press officer writes it and submits it, an editor approves it, a translator translates it in
wagtail-localize's editor and submits it, the editor approves that too, and a reader finds
both languages."""

import importlib
import re

import pytest
from playwright.sync_api import expect

from django.apps import apps

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from news.models import NewsArticlePage
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.chromium import close_context, sign_in
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, locale, publish
from tests.migrated import restore_migrated_data

pytestmark = pytest.mark.browser

# The roles and the approval workflow come from a data migration, and a live server test
# may find them emptied by the tests before it: they are made again the same way.
create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

TITLE = "Казань и Ереван подписали дорожную карту"
ENGLISH_TITLE = "Kazan and Yerevan sign a roadmap"


@pytest.fixture
def draft_translation(transactional_db):
    """A live Russian release and its English draft with every segment but the title done."""
    restore_migrated_data()
    create_roles(apps, None)
    en = locale("en")
    _home, archive = ensure_site_structure()
    release = publish(
        NewsArticlePageFactory(
            parent=archive,
            title=TITLE,
            slug="kazan-yerevan",
            lead="Документ рассчитан на пять лет.",
        )
    )
    english = {
        "Документ рассчитан на пять лет.": "The document covers five years.",
        "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
    }
    page = translate_instance(release, en, english.get, publish=False)
    translation = Translation.objects.get(source__object_id=release.translation_key)
    StringTranslation.objects.filter(
        translation_of__data=TITLE, locale=en, context__path="title"
    ).delete()
    users = {}
    for name, group in (("translator", roles.TRANSLATORS), ("editor", roles.EDITORS)):
        users[name] = make_user(name, group)
        profile = UserProfile.get_for_user(users[name])
        profile.preferred_language = "en"
        profile.save()
    return page, translation, users


@pytest.fixture
def admin_page(chromium):
    def _page():
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield _page
    for context in contexts:
        close_context(context)


def test_translator_submits_editor_approves_reader_reads(
    live_server, admin_page, draft_translation
):
    english_page, translation, _users = draft_translation
    base = live_server.url

    # The translator fills in the missing title in the translation editor and saves it.
    translator = admin_page()
    sign_in(translator, base, "translator")
    translator.goto(f"{base}/admin/pages/{english_page.pk}/edit/")
    title_row = translator.locator("li", has_text=TITLE).last
    title_row.get_by_role("button", name="Translate").click()
    title_row.locator("textarea").fill(ENGLISH_TITLE)
    with translator.expect_response(lambda r: "/strings/" in r.url and r.ok):
        title_row.get_by_role("button", name="Save").click()

    # ...then submits the translation for approval from the box below the editor.
    translator.reload()
    translator.get_by_role("link", name="Submit for approval").click()
    translator.get_by_role("button", name="Submit for approval").click()
    translator.wait_for_url(f"{base}/admin/pages/{english_page.pk}/edit/")
    assert "Awaiting an editor's approval" in translator.inner_text(".newsroom-approval")

    # The editor finds it on the dashboard and approves it.
    editor = admin_page()
    sign_in(editor, base, "editor")
    waiting = editor.locator("#waiting-for-my-approval-content")
    assert waiting.locator(".newsroom-count").inner_text() == "1"
    waiting.get_by_role("link", name=ENGLISH_TITLE).click()
    editor.wait_for_url(f"{base}/admin/pages/{english_page.pk}/edit/")
    with editor.expect_navigation():
        editor.locator(".newsroom-approval").get_by_role("button", name="Approve").click()

    # A reader without an account sees the English release.
    reader = admin_page()
    response = reader.goto(base + "/en/news/kazan-yerevan/")
    assert response.status == 200
    assert reader.inner_text("h1") == ENGLISH_TITLE
    assert reader.get_attribute("html", "lang") == "en"


CHAIN_TITLE = "Самара и Бухара открыли совместный культурный центр"
CHAIN_LEAD = "Центр начнёт работу весной."
CHAIN_PARAGRAPH = "На открытии выступили мэры обоих городов."
CHAIN_ENGLISH = {
    CHAIN_TITLE: "Samara and Bukhara open a joint cultural centre",
    CHAIN_LEAD: "The centre opens in spring.",
    CHAIN_PARAGRAPH: "The mayors of both cities spoke at the opening.",
}


@pytest.fixture
def newsroom(transactional_db):
    """The site's empty archives and one person in each writing role, as after setup."""
    restore_migrated_data()
    create_roles(apps, None)
    _home, archive = ensure_site_structure()
    for name, group in (
        ("press", roles.PRESS_OFFICERS),
        ("translator", roles.TRANSLATORS),
        ("editor", roles.EDITORS),
    ):
        profile = UserProfile.get_for_user(make_user(name, group))
        profile.preferred_language = "en"
        profile.save()
    return archive


def approve_from_dashboard(editor, base, title):
    """The editor opens the work from "Waiting for my approval" and approves it."""
    sign_in(editor, base, "editor")
    waiting = editor.locator("#waiting-for-my-approval-content")
    waiting.get_by_role("link", name=title).click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    editor.get_by_role("button", name="More actions").click()
    with editor.expect_navigation():
        editor.get_by_role("button", name="Approve", exact=True).click()


def translate_segment(page, source, text):
    """Fill in one segment of wagtail-localize's translation editor and save it."""
    row = page.locator("li", has_text=source).last
    row.get_by_role("button", name="Translate").click()
    row.locator("textarea").fill(text)
    with page.expect_response(lambda r: "/strings/" in r.url and r.ok):
        row.get_by_role("button", name="Save").click()


def test_release_from_press_officer_to_english_reader(live_server, admin_page, newsroom):
    base = live_server.url
    archive = newsroom

    # 1. The press officer writes the release in the page editor and submits it.
    press = admin_page()
    sign_in(press, base, "press")
    press.goto(f"{base}/admin/pages/{archive.pk}/")
    press.get_by_role("link", name="Add child page").first.click()
    press.get_by_role("textbox", name=re.compile(r"^Title")).fill(CHAIN_TITLE)
    press.get_by_role("textbox", name=re.compile(r"^Lead")).fill(CHAIN_LEAD)
    press.get_by_role("button", name="Insert a block").first.click()
    press.get_by_role("option", name="Paragraph").click()
    # Draftail keeps its own state: it has to be typed into, as a person would.
    press.locator("[contenteditable=true]").first.click()
    press.keyboard.type(CHAIN_PARAGRAPH)
    # ...and it writes to the form a moment later.
    expect(press.locator("input[name='body-0-value']")).to_have_value(re.compile(CHAIN_PARAGRAPH))
    press.get_by_role("button", name="More actions").click()
    submit = press.get_by_role("button", name="Submit to Release approval")
    expect(submit).to_be_visible()
    # A press officer never publishes: submitting is the way out of the editor.
    expect(press.get_by_role("button", name="Publish")).to_have_count(0)
    with press.expect_navigation():
        submit.click()
    release = NewsArticlePage.objects.get(title=CHAIN_TITLE)
    assert release.workflow_in_progress and not release.live
    assert CHAIN_PARAGRAPH in str(release.get_latest_revision_as_object().body)

    # 2. The editor approves it from the dashboard; a reader finds it in the archive.
    editor = admin_page()
    approve_from_dashboard(editor, base, CHAIN_TITLE)
    reader = admin_page()
    reader.goto(base + "/ru/news/")
    reader.get_by_role("link", name=CHAIN_TITLE).first.click()
    assert reader.inner_text("h1") == CHAIN_TITLE
    russian_url = reader.url

    # 3. The translator starts the English version and translates every segment.
    translator = admin_page()
    sign_in(translator, base, "translator")
    translator.goto(f"{base}/admin/pages/{archive.pk}/")
    translator.get_by_role("button", name=f"More options for '{CHAIN_TITLE}'").click()
    translator.get_by_role("link", name="Translate this page").click()
    translator.get_by_label("English").check()
    translator.get_by_role("button", name="Submit").click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    for source, english in CHAIN_ENGLISH.items():
        translate_segment(translator, source, english)
    translator.get_by_role("tab", name="Promote").click()
    translate_segment(translator, release.slug, "samara-bukhara-centre")
    translator.reload()
    translator.get_by_role("link", name="Submit for approval").click()
    translator.get_by_role("button", name="Submit for approval").click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert "Awaiting an editor's approval" in translator.inner_text(".newsroom-approval")

    # 4. The editor approves the translation; the reader switches from Russian to English.
    editor.goto(base + "/admin/")
    editor.locator("#waiting-for-my-approval-content").get_by_role(
        "link", name=CHAIN_ENGLISH[CHAIN_TITLE]
    ).click()
    with editor.expect_navigation():
        editor.locator(".newsroom-approval").get_by_role("button", name="Approve").click()
    reader.goto(russian_url)
    reader.locator(".language-switch").get_by_role("link", name="En").click()
    assert reader.url == base + "/en/news/samara-bukhara-centre/"
    assert reader.inner_text("h1") == CHAIN_ENGLISH[CHAIN_TITLE]
    assert CHAIN_ENGLISH[CHAIN_PARAGRAPH] in reader.inner_text("main")
