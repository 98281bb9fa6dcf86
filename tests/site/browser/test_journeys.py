"""Each role's whole journey through the Russian admin in Chromium, asserting what the person
sees at every step: the press officer writes, illustrates, submits and translates; the editor
reviews, compares, approves and sends back; the translator translates, submits and reviews a
change of the original.

The screenshots of the key steps go to a temporary folder; with NEWSROOM_SCREENSHOTS=1 they
go to docs/screenshots/admin/, where the README's walkthroughs show them.
"""

import datetime
import importlib
import os
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from django.apps import apps
from django.test import Client

from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from news.models import NewsArticlePage
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.chromium import close_context
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, locale, publish
from tests.migrated import restore_migrated_data
from tests.workflow_helpers import edit_url, release_form, review_url

pytestmark = pytest.mark.browser

# The roles and the approval workflow come from a data migration, which the tests before a
# live server test may have emptied: they are made again the same way.
create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles
# ...and so are the photo rights and press officers' translating, which came later.
media_and_translation_rights = importlib.import_module(
    "news.migrations.0017_roles_media_translation"
).forwards

DOCS_SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "admin"
PEOPLE = {
    "press": ("Мария", "Иванова", roles.PRESS_OFFICERS),
    "translator": ("Анна", "Петрова", roles.TRANSLATORS),
    "editor": ("Олег", "Смирнов", roles.EDITORS),
}


@pytest.fixture
def newsroom(transactional_db):
    """The site's archives, the roles, and one named person in each, with the Russian admin."""
    restore_migrated_data()
    create_roles(apps, None)
    media_and_translation_rights(apps, None)
    _home, archive = ensure_site_structure()
    users = {}
    for username, (first, last, group) in PEOPLE.items():
        user = make_user(username, group)
        user.first_name, user.last_name = first, last
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ru"
        profile.save()
        users[username] = user
    return archive, users


@pytest.fixture
def shot(tmp_path):
    """Save a viewport-sized screenshot of a key step under a name the README can link."""
    folder = DOCS_SHOTS if os.environ.get("NEWSROOM_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def _shot(page, name):
        path = folder / f"{name}.png"
        # Finished as a person sees them: messages fade in.
        page.screenshot(path=path, animations="disabled")
        return path

    return _shot


@pytest.fixture
def person(chromium):
    """A browser of one's own per person, in Russian, signed in."""
    contexts = []

    def _person(base, username):
        context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
        contexts.append(context)
        page = context.new_page()
        page.goto(base + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw")
        page.locator("form button[type=submit]").click()
        page.wait_for_url(base + "/admin/")
        return page

    yield _person
    for context in contexts:
        close_context(context)


def messages(page):
    return page.locator(".messages")


def translate_segment(page, source, text):
    """Fill in one segment of the translation editor and save it, as a person does."""
    row = page.locator(".js-translation-editor li", has_text=source).last
    row.get_by_role("button", name="Перевести").click()
    row.locator("textarea").fill(text)
    with page.expect_response(lambda r: "/strings/" in r.url and r.ok):
        row.get_by_role("button", name="Сохранить").click()


def open_translate_form(page, base, archive, title):
    """ "Перевести эту страницу" from the release's menu in the archive's listing."""
    page.goto(f"{base}/admin/pages/{archive.pk}/")
    page.get_by_role("button", name=re.compile(re.escape(title))).first.click()
    page.get_by_role("link", name="Перевести эту страницу").click()
    # English is the only language to translate into, and it comes ticked.
    expect(page.get_by_label("Английский")).to_be_checked()
    page.get_by_role("button", name="Отправить").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))


def translate_release(page, texts, slug):
    for source, english in texts.items():
        translate_segment(page, source, english)
    page.get_by_role("tab", name="Продвижение").click()
    translate_segment(page, slug, slug)
    page.get_by_role("tab", name="Содержимое").click()


def expect_no_forbidden_actions(page):
    """Nothing a translating press officer or translator may not do is offered."""
    expect(page.get_by_text("Удалить", exact=True)).to_have_count(0)
    expect(page.get_by_text("Преобразовать в псевдоним страницы")).to_have_count(0)
    expect(page.get_by_role("button", name="Опубликовать")).to_have_count(0)


def submit_translation(page, english_title, russian_title):
    """The primary button, its confirmation page, and back to the editor."""
    primary = page.locator("#newsroom-editor-footer [data-editor-primary]")
    expect(primary).to_have_text("Отправить на утверждение")
    primary.click()
    expect(page.locator("main")).to_contain_text(
        f"Английский перевод «{english_title}» для «{russian_title}»"
    )
    page.get_by_role("button", name="Отправить на утверждение").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(messages(page)).to_contain_text(
        f"«{english_title}» отправлен редакторам на утверждение."
    )


def submitted_by(user, page, paragraph):
    """A press officer's version submitted for approval through the page editor's form."""
    client = Client()
    client.force_login(user)
    data = release_form(page.title, page.slug, page.lead, [paragraph])
    data["action-submit"] = "Submit"
    assert client.post(edit_url(page), data).status_code == 302
    return NewsArticlePage.objects.get(pk=page.pk)


# --- Translator ---------------------------------------------------------------------------

TR_TITLE = "Самара и Бухара открыли совместный культурный центр"
TR_LEAD = "Центр начнёт работу весной."
TR_PARAGRAPH = "На открытии выступили мэры обоих городов."
TR_CHANGED = "На открытии выступили мэры обоих городов и студенты."
TR_ENGLISH = {
    TR_TITLE: "Samara and Bukhara open a joint cultural centre",
    TR_LEAD: "The centre opens in spring.",
    TR_PARAGRAPH: "The mayors of both cities spoke at the opening.",
}


def test_translator_journey(live_server, newsroom, person, shot):
    archive, users = newsroom
    base = live_server.url
    release = publish(
        NewsArticlePageFactory(
            parent=archive,
            title=TR_TITLE,
            slug="samara-bukhara",
            lead=TR_LEAD,
            body=[("paragraph", RichText(f"<p>{TR_PARAGRAPH}</p>"))],
        )
    )
    english_title = TR_ENGLISH[TR_TITLE]

    # The translator opens the Translate form from the archive, English already ticked.
    page = person(base, "translator")
    open_translate_form(page, base, archive, TR_TITLE)

    # The translation editor: every segment translated and saved on its own; submitting is
    # the primary action and nothing destructive is offered.
    translate_release(page, TR_ENGLISH, release.slug)
    page.reload()
    expect_no_forbidden_actions(page)
    segment = page.locator(".js-translation-editor li", has_text=TR_PARAGRAPH).last
    segment.scroll_into_view_if_needed()
    shot(page, "translator-1-translation-editor")

    # Submitting names the English title and, in the approval box, the translator.
    submit_translation(page, english_title, TR_TITLE)
    expect(page.locator(".newsroom-approval")).to_contain_text(
        "Ждёт утверждения редактором, отправил(а) Анна Петрова."
    )
    shot(page, "translator-2-submitted")

    # An editor approves it; later the Russian original changes and is published again.
    english = NewsArticlePage.objects.get(
        translation_key=release.translation_key, locale=locale("en")
    )
    editor = Client()
    editor.force_login(users["editor"])
    assert editor.post(review_url(english, "approve")).status_code == 302
    english.refresh_from_db()
    assert english.live and english.title == english_title
    original = NewsArticlePage.objects.get(pk=release.pk)
    original.body[0].value = RichText(f"<p>{TR_CHANGED}</p>")
    publish(original)

    # The translator sees the changed paragraph flagged for review, and only that one.
    page.goto(f"{base}/admin/pages/{english.pk}/edit/")
    changed = page.locator(".js-translation-editor li", has_text=TR_CHANGED).last
    expect(changed).to_contain_text("Исходный текст изменён")
    unchanged = page.locator(".js-translation-editor li", has_text=TR_LEAD).last
    expect(unchanged).not_to_contain_text("Исходный текст изменён")
    expect(page.locator("#translation-checks")).to_contain_text(
        "1 сегмент показывает прежний перевод"
    )
    changed.scroll_into_view_if_needed()
    shot(page, "translator-3-changed-segment")


# --- Editor -------------------------------------------------------------------------------

NEW_TITLE = "Москва и Минск подписали дорожную карту на 2024–2026 годы"
LIVE_TITLE = "Казань и Ереван провели форум молодёжи"
LIVE_CHANGED = "На форуме выступили двести участников из обоих городов."
BACK_TITLE = "Новосибирск принял делегацию Алматы"


def test_editor_journey(live_server, newsroom, person, shot):
    archive, users = newsroom
    base = live_server.url
    press = users["press"]
    new = NewsArticlePageFactory(parent=archive, title=NEW_TITLE, slug="moscow-minsk", live=False)
    new.save_revision(user=press)
    new = submitted_by(press, new, "Документ рассчитан на три года.")
    live = publish(
        NewsArticlePageFactory(
            parent=archive,
            title=LIVE_TITLE,
            slug="kazan-yerevan-forum",
            # The date the form sends: the comparison shows only the text's change.
            date=datetime.date(2024, 3, 1),
        )
    )
    live = submitted_by(press, live, LIVE_CHANGED)
    back = NewsArticlePageFactory(
        parent=archive, title=BACK_TITLE, slug="novosibirsk-almaty", live=False
    )
    back.save_revision(user=press)
    back = submitted_by(press, back, "Делегация посетила технопарк.")

    # The dashboard lists all three under what waits for the editor's approval.
    page = person(base, "editor")
    waiting = page.locator("#waiting-for-my-approval-content")
    for title in (NEW_TITLE, LIVE_TITLE, BACK_TITLE):
        expect(waiting.get_by_role("link", name=title)).to_be_visible()
    shot(page, "editor-1-dashboard")

    # The changed live release: Approve and send back are visible buttons, and the
    # comparison with the published version shows the new paragraph.
    waiting.get_by_role("link", name=LIVE_TITLE).click()
    page.wait_for_url(f"{base}/admin/pages/{live.pk}/edit/")
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name="Одобрить", exact=True)).to_be_visible()
    expect(footer.get_by_role("button", name="Вернуть автору с комментарием")).to_be_visible()
    shot(page, "editor-2-review-buttons")
    footer.get_by_role("link", name="Сравнить с опубликованной версией").click()
    expect(page.locator("main")).to_contain_text(LIVE_CHANGED)
    expect(page.locator("main")).to_contain_text("Стороны обсудили сотрудничество.")
    shot(page, "editor-3-compare")
    page.go_back()
    page.wait_for_url(f"{base}/admin/pages/{live.pk}/edit/")

    # Approving publishes it and says so.
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Одобрить", exact=True).click()
    expect(messages(page)).to_contain_text(f"Релиз «{LIVE_TITLE}» одобрен и опубликован.")
    shot(page, "editor-4-approved")
    live = NewsArticlePage.objects.get(pk=live.pk)
    assert live.live and LIVE_CHANGED in str(live.body)

    # The new release from the dashboard, approved too.
    page.goto(base + "/admin/")
    page.locator("#waiting-for-my-approval-content").get_by_role("link", name=NEW_TITLE).click()
    page.wait_for_url(f"{base}/admin/pages/{new.pk}/edit/")
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Одобрить", exact=True).click()
    expect(messages(page)).to_contain_text(f"Релиз «{NEW_TITLE}» одобрен и опубликован.")

    # Another one goes back to its author with a comment.
    page.goto(f"{base}/admin/pages/{back.pk}/edit/")
    page.locator("footer").get_by_role("button", name="Вернуть автору с комментарием").click()
    dialog = page.locator(".modal-dialog")
    dialog.locator("textarea").fill("Добавьте, кто возглавлял делегацию.")
    with page.expect_navigation():
        dialog.locator("button[type=submit]").click()
    expect(messages(page)).to_contain_text(
        f"Релиз «{BACK_TITLE}» возвращён автору с вашим комментарием."
    )
    shot(page, "editor-5-sent-back")
    back = NewsArticlePage.objects.get(pk=back.pk)
    assert not back.live and not back.workflow_in_progress


# --- Press officer ------------------------------------------------------------------------

PR_TITLE = "Екатеринбург и Минск подписали дорожную карту на 2024–2026 годы"
PR_LEAD = "Документ определяет совместные проекты городов на три года."
PR_PARAGRAPH = "Стороны договорились об обмене опытом в городском хозяйстве."
PHOTOS = {
    "Подписание дорожной карты": ("#2f5d8a", "Главы делегаций подписывают документ за столом"),
    "Пленарное заседание": ("#8a5d2f", "Участники форума в зале заседаний"),
    "Встреча на площади": ("#3f8a2f", "Делегация на центральной площади города"),
}
COLLEAGUE_TITLE = "Казань и Бухара договорились о студенческом обмене"
COLLEAGUE_LEAD = "Первые студенты приедут осенью."
COLLEAGUE_ENGLISH = {
    COLLEAGUE_TITLE: "Kazan and Bukhara agree on a student exchange",
    COLLEAGUE_LEAD: "The first students arrive in autumn.",
    "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
}


def upload_from_chooser(page, path, title):
    """The gallery's chooser, its "Загрузка" tab, one photo: it arrives as a new row."""
    rows = page.locator("#id_gallery_items-FORMS > [data-inline-panel-child]")
    before = rows.count()
    page.locator("#id_gallery_items-OPEN_MODAL").click()
    modal = page.locator(".modal-dialog")
    modal.locator("#tab-label-upload").click()
    expect(modal.locator("#tab-label-upload")).to_have_text(re.compile("Загрузка"))
    modal.locator("#id_image-chooser-upload-file").set_input_files(str(path))
    # The title starts as the file's name; the press officer writes a real one over it.
    title_field = modal.locator("#id_image-chooser-upload-title")
    expect(title_field).to_have_value(path.stem)
    title_field.fill(title)
    upload_form = modal.locator("form:has(#id_image-chooser-upload-file)")
    upload_form.get_by_role("button", name="Загрузка", exact=True).click()
    # Uploading makes renditions on a busy server: given time.
    expect(rows).to_have_count(before + 1, timeout=60_000)
    expect(rows.nth(before).locator("[data-chooser-title]")).to_have_text(title)


def submit_release(page):
    page.locator("footer").get_by_role("button", name="Больше действий").click()
    with page.expect_navigation():
        page.get_by_role("button", name='Отправить в "Утверждение релиза"').click()


def test_press_officer_journey(live_server, newsroom, person, shot, tmp_path):
    archive, users = newsroom
    base = live_server.url
    en = locale("en")
    for name, country, english, country_en in (
        ("Минск", "Беларусь", "Minsk", "Belarus"),
        ("Ереван", "Армения", "Yerevan", "Armenia"),
    ):
        city = PartnerCityFactory(name=name, country=country, slug=english.lower())
        translate_instance(city, en, {name: english, country: country_en}.get)
    colleague = make_user("press2", roles.PRESS_OFFICERS)
    published = publish(
        NewsArticlePageFactory(
            parent=archive,
            title=COLLEAGUE_TITLE,
            slug="kazan-bukhara",
            lead=COLLEAGUE_LEAD,
            owner=colleague,
        )
    )
    files = {}
    for title, (colour, _alt) in PHOTOS.items():
        files[title] = tmp_path / f"photo-{len(files) + 1}.png"
        Image.new("RGB", (640, 400), colour).save(files[title])

    # The news archive, and a new release in it.
    page = person(base, "press")
    page.goto(f"{base}/admin/pages/{archive.pk}/")
    expect(page.get_by_role("link", name=COLLEAGUE_TITLE)).to_be_visible()
    page.get_by_role("link", name="Добавить дочернюю страницу").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))

    # Title, lead and a paragraph; the address is the title in Latin letters.
    page.locator("#id_title").fill(PR_TITLE)
    page.locator("#id_lead").fill(PR_LEAD)
    page.get_by_role("button", name="Вставить блок").first.click()
    page.get_by_role("option", name="Абзац").click()
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type(PR_PARAGRAPH)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(PR_PARAGRAPH))

    # Only Russian cities are offered for the Russian release.
    cities = page.locator("#id_partner_cities")
    expect(cities.locator("option")).to_have_text(["Ереван (Армения)", "Минск (Беларусь)"])
    cities.select_option(label="Минск (Беларусь)")

    # Three photos uploaded from the chooser inside the form.
    for title, path in files.items():
        upload_from_chooser(page, path, title)
    shot(page, "press-1-release-form")

    page.get_by_role("tab", name="Продвижение").click()
    expect(page.locator("#id_slug")).to_have_value(
        "ekaterinburg-i-minsk-podpisali-dorozhnuyu-kartu-na-2024-2026-gody"
    )
    shot(page, "press-2-latin-address")
    page.get_by_role("tab", name="Содержимое").click()

    # Submitting without alt text is refused, naming the first photo.
    submit_release(page)
    expect(page.locator("body")).to_contain_text(
        "У фото 1 («Подписание дорожной карты») нет альтернативного текста."
    )
    # The editor's autosave may have kept a draft, but nothing went to the editors.
    assert not any(r.workflow_in_progress for r in NewsArticlePage.objects.filter(title=PR_TITLE))
    shot(page, "press-3-alt-text-missing")

    # With every alt text filled in, it goes to the editors.
    for number, (_colour, alt) in enumerate(PHOTOS.values()):
        page.fill(f"[name='gallery_items-{number}-alt_text']", alt)
    submit_release(page)
    # "created and submitted", or "submitted" once the autosave has made the draft.
    expect(messages(page)).to_contain_text(
        re.compile(
            rf"Страница '{re.escape(PR_TITLE)}' (создана и отправлена|была отправлена) "
            "на модерацию."
        )
    )
    shot(page, "press-4-submitted")
    release = NewsArticlePage.objects.get(title=PR_TITLE)
    assert release.workflow_in_progress and not release.live
    draft = release.get_latest_revision_as_object()
    assert [city.name for city in draft.partner_cities.all()] == ["Минск"]

    # Then a colleague's published release into English, through the same editor as a
    # translator's, and never a way to publish, delete or convert it.
    open_translate_form(page, base, archive, COLLEAGUE_TITLE)
    translate_release(page, COLLEAGUE_ENGLISH, published.slug)
    page.reload()
    expect_no_forbidden_actions(page)
    submit_translation(page, COLLEAGUE_ENGLISH[COLLEAGUE_TITLE], COLLEAGUE_TITLE)
    expect(page.locator(".newsroom-approval")).to_contain_text("отправил(а) Мария Иванова.")
    expect_no_forbidden_actions(page)
    shot(page, "press-5-translation-submitted")

    # The submitted version holds each uploaded photo once, in the order of upload.
    assert [item.image.title for item in draft.gallery_items.all()] == list(PHOTOS)
