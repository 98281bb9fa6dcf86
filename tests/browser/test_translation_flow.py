"""The whole life of a translation in a real browser: a translator fills in a segment in
wagtail-localize's editor and submits it, an editor approves it from the dashboard, and a
reader finds the English release."""

import importlib

import pytest

from django.apps import apps

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from news import roles
from news.site_structure import ensure_site_structure
from news.translation import translate_instance

from ..conftest import make_user
from ..factories import NewsArticlePageFactory, locale, publish
from .conftest import _restore_migrated_data

pytestmark = pytest.mark.browser

# The roles and the approval workflow come from a data migration, and a live server test
# may find them emptied by the tests before it: they are made again the same way.
create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

TITLE = "Казань и Ереван подписали дорожную карту"
ENGLISH_TITLE = "Kazan and Yerevan sign a roadmap"


@pytest.fixture
def draft_translation(transactional_db):
    """A live Russian release and its English draft with every segment but the title done."""
    _restore_migrated_data()
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


def sign_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base_url + "/admin/")


@pytest.fixture
def admin_page(chromium):
    def _page():
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        contexts.append(context)
        return context.new_page()

    contexts = []
    yield _page
    for context in contexts:
        context.close()


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
