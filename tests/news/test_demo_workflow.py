"""The demo leaves releases in every state of the workflow, made through the workflow."""

import pytest

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import PageLogEntry

from news.models import NewsArticlePage
from news.translation_status import (
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
