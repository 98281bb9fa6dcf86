"""The demo leaves releases in every state of the workflow, made through the workflow."""

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from wagtail.models import PageLogEntry

from news.models import NewsArticlePage
from news.translation.status import (
    AWAITING_APPROVAL,
    DRAFT,
    MISSING,
    OUT_OF_DATE,
    PUBLISHED,
    release_rows,
)

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_shows_each_workflow_state():
    call_command("load_demo")
    states = {
        release.slug: (cells["ru"].status, cells["en"].status) for release, cells in release_rows()
    }
    assert states["yerevan-mayors-visit-draft"] == (DRAFT, MISSING)
    assert states["minsk-students-olympiad"] == (AWAITING_APPROVAL, MISSING)
    assert states["yerevan-healthcare-cooperation"] == (PUBLISHED, MISSING)
    assert states["havana-culture-days-2024"] == (PUBLISHED, AWAITING_APPROVAL)
    assert states["beijing-trade-roadmap"] == (PUBLISHED, OUT_OF_DATE)
    assert states["minsk-roadmap-2024-2026"] == (PUBLISHED, PUBLISHED)

    # Published through approval by the editor, not by a shortcut.
    page = NewsArticlePage.objects.get(slug="minsk-roadmap-2024-2026", locale__language_code="ru")
    approvals = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert [entry.user.username for entry in approvals] == ["editor"]
    english = page.get_translation(page.get_translations().first().locale)
    log = PageLogEntry.objects.filter(page=english)
    assert log.filter(action="wagtail.workflow.start", user__username="translator").exists()
    assert log.filter(action="wagtail.publish", user__username="editor").exists()


@override_settings(DEBUG=True)
def test_dashboards_and_status_matrix_follow_the_workflow(client):
    call_command("load_demo")
    users = {user.username: user for user in get_user_model().objects.all()}
    healthcare = NewsArticlePage.objects.get(
        slug="yerevan-healthcare-cooperation", locale__language_code="ru"
    )
    beijing = NewsArticlePage.objects.get(slug="beijing-trade-roadmap", locale__language_code="en")
    havana = NewsArticlePage.objects.get(
        slug="havana-culture-days-2024", locale__language_code="en"
    )

    client.force_login(users["translator"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    waiting = section(html, "waiting-for-translation")
    assert reverse("wagtail_localize:submit_page_translation", args=[healthcare.pk]) in waiting
    stale = section(html, "translations-out-of-date")
    assert beijing.title in stale
    assert 'id="waiting-for-my-approval-section"' not in html

    client.force_login(users["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    mine = section(html, "waiting-for-my-approval")
    assert reverse("wagtailadmin_pages:edit", args=[havana.pk]) in mine
    assert "Школьники Минска" in mine
    assert '<strong class="newsroom-count">2</strong>' in mine

    url = reverse("news_translation_status")
    html = client.get(url).content.decode()
    assert (
        html.count('data-language="en"')
        == NewsArticlePage.objects.filter(locale__language_code="ru").count()
    )
    only_stale = client.get(url, {"status": "out_of_date", "language": "en"}).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[beijing.pk]) in only_stale
    assert only_stale.count('data-language="en"') == 1
    assert 'data-status="out_of_date"' in only_stale
    missing = client.get(url, {"status": "missing", "language": "en"}).content.decode()
    assert missing.count('data-language="en"') == 3


def section(html, panel_id):
    start = html.index(f'id="{panel_id}-section"')
    return html[start : start + 4000]
