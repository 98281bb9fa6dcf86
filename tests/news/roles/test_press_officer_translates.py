"""Press officers write and translate: a colleague's release into English, up to approval.

The product is made for offices where the press officers translate their releases
themselves; the translator role is an addition. A press officer's translation goes to the
editors like a translator's, and the dashboard shows each person their own work.
"""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.models import WorkflowState

from news.models import NewsArticlePage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import action_url, put_string, segments, translation_of

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Визит делегации Еревана": "Visit of the Yerevan delegation",
    "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
    "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
}


@pytest.fixture
def colleague_release(site_tree, staff):
    """A live Russian release written by another press officer."""
    page = NewsArticlePageFactory(
        parent=site_tree, title="Визит делегации Еревана", owner=staff["press2"]
    )
    return publish(page, user=staff["press2"])


def translate_and_submit(client, page, en):
    """Translate this page, fill every segment, submit for approval: the English page."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [en.pk]},
    )
    assert response.status_code == 302
    translation = translation_of(page, en)
    for segment in segments(translation):
        text = ENGLISH.get(segment.string.data, segment.string.data)
        assert put_string(client, translation, segment, text).status_code in (200, 201)
    response = client.post(reverse("news_submit_translation", args=[translation.pk]))
    assert response.status_code == 302
    return NewsArticlePage.objects.get(pk=page.get_translation(en).pk)


def workflow_panel(client):
    """The titles in "Your pages and snippets in a workflow" on the dashboard."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = BeautifulSoup(html, "html.parser").find(id="objects-in-workflow-section")
    return panel.get_text(" ", strip=True) if panel else ""


def test_a_press_officer_translates_a_colleagues_release(client, staff, colleague_release, en):
    client.force_login(staff["press"])
    submit = reverse("wagtail_localize:submit_page_translation", args=[colleague_release.pk])
    # "Translate this page" is in the release's menu, and its form opens.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[colleague_release.pk]))
    assert submit in edit.content.decode()
    assert client.get(submit).status_code == 200
    english = translate_and_submit(client, colleague_release, en)

    # The translation editor opens for the press officer, with the submit step.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor.status_code == 200
    assert "js-translation-editor" in editor.content.decode()
    assert english.workflow_in_progress
    assert not english.live
    state = WorkflowState.objects.for_instance(english).get(status="in_progress")
    assert state.requested_by == staff["press"]

    # An editor approves it, as any translation.
    client.force_login(staff["editor"])
    assert client.post(action_url(english, "approve"), {"comment": ""}).status_code == 302
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.live
    assert english.title == "Visit of the Yerevan delegation"


def test_the_press_officers_dashboard_offers_releases_to_translate(
    client, staff, colleague_release
):
    client.force_login(staff["press"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = BeautifulSoup(html, "html.parser").find(id="waiting-for-translation-section")
    assert panel is not None
    link = reverse("wagtail_localize:submit_page_translation", args=[colleague_release.pk])
    assert panel.find("a", href=link).get_text(strip=True) == colleague_release.title
    assert BeautifulSoup(html, "html.parser").find(id="waiting-for-my-approval-section") is None


def test_someone_elses_translation_is_not_on_the_authors_dashboard(client, staff, site_tree, en):
    own = NewsArticlePageFactory(
        parent=site_tree, title="Визит делегации Еревана", owner=staff["press"]
    )
    publish(own, user=staff["press"])
    # The author's own release, submitted by the author, stays on the dashboard.
    waiting = NewsArticlePageFactory(
        parent=site_tree, title="Форум городов-партнёров", live=False, owner=staff["press"]
    )
    waiting.save_revision(user=staff["press"])
    waiting.get_workflow().start(waiting, staff["press"])

    client.force_login(staff["translator"])
    english = translate_and_submit(client, own, en)
    # wagtail-localize copies the owner with the page: the English page is the author's.
    assert english.owner == staff["press"]
    assert "Visit of the Yerevan delegation" in workflow_panel(client)

    client.force_login(staff["press"])
    panel = workflow_panel(client)
    assert "Форум городов-партнёров" in panel
    assert "Visit of the Yerevan delegation" not in panel


def test_a_translation_is_on_its_translators_dashboard_not_the_authors(
    client, staff, colleague_release, en
):
    client.force_login(staff["press"])
    translate_and_submit(client, colleague_release, en)
    assert "Visit of the Yerevan delegation" in workflow_panel(client)
    client.force_login(staff["press2"])
    assert "Visit of the Yerevan delegation" not in workflow_panel(client)
