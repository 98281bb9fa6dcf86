"""Putting a release's photos in order in the page editor, in Chromium, as a press officer.

The Russian admin: buttons are found by their Russian titles, as the press officer sees them.
"""

import importlib

import pytest

from django.apps import apps

from news.models import NewsArticleGalleryItem, NewsArticlePage
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from tests.chromium import sign_in
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, NewsImageFactory
from tests.migrated import restore_migrated_data

# The browser is asked for after the database content, so that it is closed before the
# database is emptied: the editor's page keeps writing to it while it is open.
pytestmark = pytest.mark.browser

create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles


@pytest.fixture
def gallery_release(transactional_db):
    """A press officer's draft release with three photos, A, B and C in that order."""
    restore_migrated_data()
    create_roles(apps, None)
    _home, archive = ensure_site_structure()
    press = make_user("press", roles.PRESS_OFFICERS)
    release = NewsArticlePageFactory(parent=archive, owner=press, slug="gallery-order")
    for number, name in enumerate("ABC"):
        NewsArticleGalleryItem.objects.create(
            page=release,
            image=NewsImageFactory(title=f"Фото {name}"),
            caption=f"Подпись {name}",
            alt_text=f"Описание {name}",
            sort_order=number,
        )
    release.save_revision(user=press)
    return release


ROWS = "#id_gallery_items-FORMS > [data-inline-panel-child]"


def shown_order(page):
    """Titles of the gallery's photos, top to bottom, as the form will send them."""
    return page.evaluate(
        f"""() => Array.from(document.querySelectorAll('{ROWS}'))
            .filter((row) => !row.classList.contains('deleted'))
            .sort((a, b) => {{
                const order = (row) => Number(row.querySelector('input[name$="-ORDER"]').value);
                return order(a) - order(b);
            }})
            .map((row) => row.querySelector('[data-chooser-title]').textContent.trim())"""
    )


def photo_row(page, title):
    return page.locator(ROWS).filter(has=page.locator("[data-chooser-title]", has_text=title))


def saved_order(release):
    draft = NewsArticlePage.objects.get(pk=release.pk).get_latest_revision_as_object()
    return [item.image.title for item in draft.gallery_items.all()]


def test_move_buttons_move_a_photo_one_place_and_the_order_is_saved(
    live_server, gallery_release, browser_page
):
    page, base = browser_page, live_server.url
    sign_in(page, base, "press")
    page.goto(f"{base}/admin/pages/{gallery_release.pk}/edit/")
    assert shown_order(page) == ["Фото A", "Фото B", "Фото C"]

    photo_row(page, "Фото A").locator("[data-inline-panel-child-move-down]").click()
    assert shown_order(page) == ["Фото B", "Фото A", "Фото C"]
    photo_row(page, "Фото C").locator("[data-inline-panel-child-move-up]").click()
    assert shown_order(page) == ["Фото B", "Фото C", "Фото A"]

    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить черновик").click()
    assert saved_order(gallery_release) == ["Фото B", "Фото C", "Фото A"]
    page.reload()
    assert shown_order(page) == ["Фото B", "Фото C", "Фото A"]


def test_photos_ticked_together_arrive_in_the_order_they_were_ticked(
    live_server, gallery_release, browser_page
):
    # Uploaded first to last: the chooser lists them newest first, the database in pk order.
    for name in ("Первое", "Второе", "Третье"):
        NewsImageFactory(title=f"Снимок {name}")
    # Which photos a role may choose is the roles' business; any account that sees them will do.
    make_user("admin", roles.ADMINISTRATORS, superuser=True)
    page, base = browser_page, live_server.url
    sign_in(page, base, "admin")
    page.goto(f"{base}/admin/pages/{gallery_release.pk}/edit/")

    page.locator("#id_gallery_items-OPEN_MODAL").click()
    modal = page.locator(".modal-dialog")
    for name in ("Второе", "Третье", "Первое"):
        modal.get_by_title(f"Выбрать Снимок {name}").check()
    modal.locator("[data-multiple-choice-submit]").click()
    page.wait_for_function(f"() => document.querySelectorAll('{ROWS}').length === 6")
    added = shown_order(page)[3:]
    # The chooser fills the new rows' titles in as it sets each photo.
    assert added == ["Снимок Второе", "Снимок Третье", "Снимок Первое"]

    for row in range(3, 6):
        page.fill(f"[name='gallery_items-{row}-alt_text']", f"Описание {row}")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить черновик").click()
    assert saved_order(gallery_release)[3:] == added
