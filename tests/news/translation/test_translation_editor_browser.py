"""The translator in wagtail-localize's editor, in Chromium and in the Russian admin: the
primary button, a changed segment waiting for review, and the glossary panel that follows
each save without a reload."""

import importlib

import pytest
from playwright.sync_api import expect

from django.apps import apps

from wagtail.rich_text import RichText

from news.models import GlossaryTerm, NewsArticlePage
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, locale, publish
from tests.migrated import restore_migrated_data

pytestmark = pytest.mark.browser

create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

TITLE = "Минский горисполком принял делегацию"
LEAD = "Минский горисполком направил делегацию в Ереван."
PARAGRAPH = "Стороны обсудили обмен студентами."
CHANGED_PARAGRAPH = "Стороны обсудили обмен студентами и врачами."
OFFICIAL_LEAD = "The Minsk City Executive Committee sent a delegation to Yerevan."


@pytest.fixture
def changed_translation(transactional_db):
    """A live translation whose lead misses a glossary term and whose paragraph changed."""
    restore_migrated_data()
    create_roles(apps, None)
    GlossaryTerm.objects.update_or_create(
        term="Минский горисполком",
        defaults={
            "translation": "Minsk City Executive Committee",
            "category": "organisation",
            "live": True,
        },
    )
    en = locale("en")
    _home, archive = ensure_site_structure()
    release = publish(
        NewsArticlePageFactory(
            parent=archive,
            title=TITLE,
            slug="minsk-delegation",
            lead=LEAD,
            body=[("paragraph", RichText(f"<p>{PARAGRAPH}</p>"))],
        )
    )
    english = {
        TITLE: "The Minsk City Executive Committee receives a delegation",
        LEAD: "The Minsk city authorities sent a delegation to Yerevan.",
        PARAGRAPH: "The sides discussed student exchanges.",
    }
    page = translate_instance(release, en, english.get)
    release = NewsArticlePage.objects.get(pk=release.pk)
    release.body[0].value = RichText(f"<p>{CHANGED_PARAGRAPH}</p>")
    publish(release)
    make_user("translator", roles.TRANSLATORS)
    return page


def test_translator_reviews_a_change_and_the_glossary_follows(
    live_server, browser_page, changed_translation
):
    page, base = browser_page, live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "translator")
    page.fill("#id_password", "pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(base + "/admin/")
    page.goto(f"{base}/admin/pages/{changed_translation.pk}/edit/")

    # 9. The primary button submits; delete and convert are nowhere.
    footer = page.locator("#newsroom-editor-footer")
    expect(footer.locator("[data-editor-primary]")).to_have_text("Отправить на утверждение")
    expect(page.locator(".js-translation-editor footer")).to_be_hidden()
    expect(page.get_by_text("Удалить", exact=True)).to_have_count(0)
    expect(page.get_by_text("Преобразовать в псевдоним страницы")).to_have_count(0)

    # 11. The changed paragraph looks unlike a reviewed one and says why, in Russian.
    editor = page.locator(".js-translation-editor")
    changed = editor.locator("li", has_text=CHANGED_PARAGRAPH).last
    reviewed = editor.locator("li", has_text="receives a delegation").last
    expect(changed).to_contain_text("Исходный текст изменён")
    expect(changed).not_to_contain_text("previous translation")
    border = "el => getComputedStyle(el).borderLeftColor"
    assert changed.evaluate(border) != reviewed.evaluate(border)
    assert changed.locator("svg use").first.get_attribute("href") == "#icon-warning"
    checks = page.locator("#translation-checks")
    expect(checks).to_contain_text("1 сегмент показывает прежний перевод")

    # 13. The glossary panel names the lead's missing term...
    term = checks.locator('[data-glossary-term="Минский горисполком"]', has_text=LEAD)
    expect(term).to_have_count(1)

    # ...and forgets it as soon as the lead is saved with the official name, no reload.
    lead = editor.locator("li", has_text=LEAD).last
    lead.get_by_role("button", name="Редактировать").click()
    lead.locator("textarea").fill(OFFICIAL_LEAD)
    with page.expect_response(lambda r: "/strings/" in r.url and r.ok):
        lead.get_by_role("button", name="Сохранить").click()
    expect(term).to_have_count(0)

    # Saving the changed paragraph, as it is, is the review: it looks reviewed at once.
    changed.get_by_role("button", name="Редактировать").click()
    with page.expect_response(lambda r: "/strings/" in r.url and r.ok):
        changed.get_by_role("button", name="Сохранить").click()
    expect(changed).not_to_contain_text("Исходный текст изменён")
    expect(checks).not_to_contain_text("прежний перевод")
    assert changed.evaluate(border) == reviewed.evaluate(border)
