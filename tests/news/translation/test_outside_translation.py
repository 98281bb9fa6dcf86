"""PO files for outside translators, and machine drafts that still need an editor."""

import polib
import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from news.models import NewsArticlePage
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import action_url, segments, translated, translation_of

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Визит делегации Минска": "Visit of the Minsk delegation",
    "minsk-visit": "minsk-visit",
    "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
    "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
}


@pytest.fixture
def english_draft(client, staff, site_tree, en):
    page = publish(
        NewsArticlePageFactory(
            parent=site_tree, title="Визит делегации Минска", slug="minsk-visit"
        )
    )
    client.force_login(staff["translator"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
    )
    return page, translation_of(page, en)


def test_po_file_round_trip(client, staff, english_draft, en):
    page, translation = english_draft
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} == set(ENGLISH)

    # The outside translator fills in the file and sends it back.
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    upload = SimpleUploadedFile("release.po", str(po).encode(), content_type="text/x-gettext")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload}
    )
    assert response.status_code == 302
    for segment in segments(translation):
        assert translated(translation, segment) == ENGLISH[segment.string.data]

    # An account without a role cannot upload into the English translation.
    client.force_login(make_user("outsider"))
    for entry in po:
        entry.msgstr = "overwritten"
    upload = SimpleUploadedFile("release.po", str(po).encode(), content_type="text/x-gettext")
    client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload})
    for segment in segments(translation):
        assert translated(translation, segment) == ENGLISH[segment.string.data]


def test_machine_draft_waits_for_an_editor(client, staff, english_draft, en):
    page, translation = english_draft
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        locale=en, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.count() == len(ENGLISH)
    english = page.get_translation(en)
    assert not Page.objects.get(pk=english.pk).live

    client.post(reverse("news_submit_translation", args=[translation.pk]))
    english = NewsArticlePage.objects.get(pk=english.pk)
    assert english.workflow_in_progress
    assert not english.live
    client.logout()
    assert client.get(english.get_url() or "/en/news/minsk-visit/").status_code == 404

    # The editor is told how much of it a machine wrote, then approves.
    client.force_login(staff["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert 'data-machine-segments="4"' in html
    client.post(action_url(english, "approve"), {"comment": ""})
    assert NewsArticlePage.objects.get(pk=english.pk).live


def test_machine_translation_is_off_by_default(monkeypatch):
    import importlib

    from newsroom.settings import base

    for name in ("DEEPL_AUTH_KEY", "LIBRETRANSLATE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert not hasattr(importlib.reload(base), "WAGTAILLOCALIZE_MACHINE_TRANSLATOR")
    monkeypatch.setenv("DEEPL_AUTH_KEY", "key:fx")
    config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert config["CLASS"].endswith("DeepLTranslator")
    assert config["OPTIONS"]["AUTH_KEY"] == "key:fx"
    monkeypatch.delenv("DEEPL_AUTH_KEY")
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:5000")
    config = importlib.reload(base).WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert config["CLASS"].endswith("LibreTranslator")
    assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://127.0.0.1:5000"
    monkeypatch.delenv("LIBRETRANSLATE_URL")
    importlib.reload(base)
