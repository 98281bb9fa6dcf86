"""What an editor reviewing a version sees and is told: the buttons, the comparison with
the site, and the confirmation of what the approval or the sending back did."""

import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import Page
from wagtail.rich_text import RichText

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import (
    action_url,
    edit_url,
    put_string,
    release_form,
    review_url,
    segments,
    task_state,
    translation_of,
)

pytestmark = pytest.mark.django_db


def submit(client, user, page, paragraphs):
    client.force_login(user)
    data = release_form(page.title, page.slug, page.lead, paragraphs)
    data["action-submit"] = "Submit"
    assert client.post(edit_url(page), data).status_code == 302
    page = NewsArticlePage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    return page


def unchanged_form(page):
    """The editor's form as the page editor sends it back for the submitted version."""
    submitted = page.get_latest_revision_as_object()
    paragraph = submitted.body[0]
    data = release_form(
        submitted.title, submitted.slug, submitted.lead, ["x"], date=submitted.date.isoformat()
    )
    data["body-0-id"] = paragraph.id
    data["body-0-value"] = paragraph.block.field.widget.format_value(paragraph.value.source)
    return data


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def submitted(client, staff, site_tree):
    page = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", live=False)
    page.save_revision()
    return submit(client, staff["press"], page, ["Текст релиза."])


def test_approve_and_send_back_are_buttons_of_their_own(client, staff, submitted):
    client.force_login(staff["editor"])
    response = client.get(edit_url(submitted))
    menu = response.context["action_menu"]
    # The main place of the footer holds the review, not "Save draft".
    assert menu.default_item.name == "action-review"
    assert [button.name for button in menu.default_item.buttons] == ["approve", "reject"]
    # Neither is left in the drop-up menu; approving with a comment stays there.
    in_menu = [(item.name, getattr(item, "launch_modal", None)) for item in menu.menu_items]
    assert ("approve", False) not in in_menu
    assert not [name for name, _modal in in_menu if name == "reject"]
    assert ("approve", True) in in_menu

    footer = BeautifulSoup(response.content, "html.parser").select_one("footer .w-dropdown-button")
    visible = [
        button.get_text(" ", strip=True)
        for button in footer.find_all("button", recursive=False)
        if button.get("data-workflow-action-name")
    ]
    assert visible == ["Одобрить", "Вернуть автору с комментарием"]


def test_the_author_sees_no_review_buttons(client, staff, submitted):
    client.force_login(staff["press"])
    menu = client.get(edit_url(submitted)).context["action_menu"]
    names = [menu.default_item.name] + [item.name for item in menu.menu_items]
    assert "action-review" not in names
    assert "approve" not in names


def test_approving_in_the_editor_says_the_release_went_live(client, staff, submitted):
    client.force_login(staff["editor"])
    data = {
        **unchanged_form(submitted),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    response = client.post(edit_url(submitted), data)
    assert response.status_code == 302
    assert NewsArticlePage.objects.get(pk=submitted.pk).live
    assert "Релиз «Визит делегации» одобрен и опубликован." in messages_of(response)
    # The next page says only that: not also Wagtail's "page updated", which reads as if
    # the editor had edited the release.
    shown = messages_of(client.get(response.url))
    assert shown[-1:] == ["Релиз «Визит делегации» одобрен и опубликован."]
    assert not [message for message in shown if "обновлена" in message]


def test_a_release_stored_outside_the_editor_is_approved_as_it_is(client, staff, site_tree):
    # The demo and the archive import store paragraphs without the editor's block keys;
    # the editor's form sends them back with keys, which is no change of the text.
    page = NewsArticlePageFactory(parent=site_tree, title="Визит делегации", live=False)
    page.save_revision()
    page.get_workflow().start(page, staff["press"])
    client.force_login(staff["editor"])
    data = {
        **unchanged_form(page),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    assert "data-block-key=" not in str(page.body[0].value.source)
    response = client.post(edit_url(page), data)
    assert NewsArticlePage.objects.get(pk=page.pk).live
    assert "Релиз «Визит делегации» одобрен и опубликован." in messages_of(response)


def test_an_editor_who_changes_the_text_while_approving_leaves_it_to_another(
    client, staff, submitted
):
    client.force_login(staff["editor"])
    data = {
        **release_form(submitted.title, submitted.slug, submitted.lead, ["Другой текст."]),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    response = client.post(edit_url(submitted), data)
    page = NewsArticlePage.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert (
        "Ваши правки в «Визит делегации» сохранены; теперь их одобряет другой редактор."
        in messages_of(response)
    )


def test_sending_back_in_the_editor_says_so(client, staff, submitted):
    client.force_login(staff["editor"])
    data = {
        **unchanged_form(submitted),
        "action-workflow-action": "true",
        "workflow-action-name": "reject",
        "workflow-action-extra-data": json.dumps({"comment": "Уточните дату"}),
    }
    response = client.post(edit_url(submitted), data)
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"
    assert "Релиз «Визит делегации» возвращён автору с вашим комментарием." in messages_of(
        response
    )


def test_review_action_confirms_or_asks_for_the_comment(client, staff, submitted):
    client.force_login(staff["editor"])
    # Sending back without a word is not done, and the editor is told why.
    response = client.post(review_url(submitted, "reject"), {"comment": ""})
    assert response.status_code == 302
    assert NewsArticlePage.objects.get(pk=submitted.pk).current_workflow_state.status == (
        "in_progress"
    )
    assert "Напишите, что нужно изменить: автор получит ваш комментарий." in messages_of(response)
    response = client.post(review_url(submitted, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=submitted.pk).live
    assert "Релиз «Визит делегации» одобрен и опубликован." in messages_of(response)
    # The next page says only that: not also Wagtail's "page updated", which reads as if
    # the editor had edited the release.
    shown = messages_of(client.get(response.url))
    assert shown[-1:] == ["Релиз «Визит делегации» одобрен и опубликован."]
    assert not [message for message in shown if "обновлена" in message]


def test_approving_from_the_dashboard_says_the_release_went_live(client, staff, submitted):
    client.force_login(staff["editor"])
    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    buttons = {
        button.get_text(strip=True): button["data-workflow-action-url"]
        for button in dashboard.select("[data-workflow-action-url]")
    }
    assert buttons["Одобрить"] == review_url(submitted, "approve")
    response = client.post(buttons["Одобрить"])
    assert NewsArticlePage.objects.get(pk=submitted.pk).live
    assert "Релиз «Визит делегации» одобрен и опубликован." in messages_of(response)


def test_compare_shows_what_changes_on_the_site(client, staff, site_tree):
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Визит делегации",
        body=[("paragraph", RichText("<p>Делегация прибудет во вторник.</p>"))],
    )
    publish(page)
    # The press officer corrects the paragraph and submits: Wagtail saves a draft just
    # before the submitted version, identical to it.
    page = submit(client, staff["press"], page, ["Делегация прибудет в четверг."])
    submitted_revision = task_state(page).revision

    client.force_login(staff["editor"])
    html = client.get(edit_url(page)).content.decode()
    link = BeautifulSoup(html, "html.parser").select_one("footer a[data-review-compare]")
    assert link.get_text(strip=True) == "Сравнить с опубликованной версией"
    assert link["href"] == reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, "live", submitted_revision.pk]
    )
    compare = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    removed = " ".join(tag.get_text() for tag in compare.select("td.comparison .deletion"))
    added = " ".join(tag.get_text() for tag in compare.select("td.comparison .addition"))
    assert "вторник" in removed
    assert "четверг" in added


def test_a_never_published_release_says_so_instead_of_comparing(client, staff, submitted):
    client.force_login(staff["editor"])
    html = client.get(edit_url(submitted)).content.decode()
    link = BeautifulSoup(html, "html.parser").select_one("footer a[data-review-compare]")
    assert link.get_text(strip=True) == "Ещё не опубликован: посмотреть целиком"
    assert link["href"] == reverse(
        "wagtailadmin_pages:workflow_preview", args=[submitted.pk, task_state(submitted).task_id]
    )


def test_a_translation_waits_for_its_original_and_says_why(client, staff, site_tree, en):
    original = NewsArticlePageFactory(parent=site_tree, title="Черновик", slug="draft", live=False)
    original.save_revision(user=staff["press"])
    original.get_workflow().start(original, staff["press"])
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[original.pk]),
        {"locales": [en.pk]},
    )
    translation = translation_of(original, en)
    for segment in segments(translation):
        put_string(client, translation, segment, f"EN {segment.string.data}")
    # Submitted by a route that does not check, as an older submission would have been.
    translation.save_target(user=staff["translator"], publish=False)
    english = Page.objects.get(pk=translation.get_target_instance().pk).specific
    english.get_workflow().start(english, staff["translator"])

    client.force_login(staff["editor"])
    box = BeautifulSoup(client.get(edit_url(english)).content, "html.parser").select_one(
        "[data-review-form]"
    )
    approve = box.select_one('[data-review-action="approve"]')
    assert approve.has_attr("disabled")
    assert not approve.get("formaction")
    assert box.select_one('[data-review-action="reject"]')["formaction"] == review_url(
        english, "reject"
    )
    assert "Оригинал «Черновик» ещё не одобрен." in box.select_one(
        "[data-waiting-for-source]"
    ).get_text(" ", strip=True)
    # Nowhere else is it offered either, and a forged approval is refused.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert action_url(english, "approve") not in home
    assert review_url(english, "approve") not in home
    assert client.post(review_url(english, "approve"), {"comment": ""}).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        task_state(english).approve(user=staff["editor"])
    assert not NewsArticlePage.objects.get(pk=english.pk).live

    # Once the original is approved, so can the translation be, and the editor is told.
    client.post(review_url(original, "approve"), {"comment": ""})
    response = client.post(review_url(english, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=english.pk).live
    assert "Перевод «EN Черновик» одобрен и опубликован." in messages_of(response)


def test_an_autosave_never_repeats_the_review_action(client, staff, submitted):
    # The buttons add the action to the edit form; Wagtail's autosave may send it again.
    client.force_login(staff["editor"])
    data = {
        **unchanged_form(submitted),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    response = client.post(edit_url(submitted), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    page = NewsArticlePage.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
