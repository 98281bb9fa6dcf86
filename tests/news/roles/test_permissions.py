"""The permission matrix: every role, every action, in both languages."""

import pytest

from django.urls import reverse

from wagtail.models import Page

from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory, publish
from tests.workflow_helpers import put_string, segments, translated, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree, ru, en, translate):
    """A published release with its published translation, and drafts in both languages."""
    live = publish(NewsArticlePageFactory(parent=site_tree, title="Опубликованный релиз"))
    live_en = translate(
        live,
        {
            "Опубликованный релиз": "Published release",
            "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    draft = publish(NewsArticlePageFactory(parent=site_tree, title="Готовится к переводу"))
    draft_en = translate(draft, {"Готовится к переводу": "Being translated"}, publish=False)
    unpublished = NewsArticlePageFactory(
        parent=site_tree, title="Черновик пресс-службы", live=False
    )
    unpublished.save_revision()
    return {
        "ru_archive": site_tree,
        "en_archive": NewsIndexPage.objects.get(locale=en),
        "ru": live,
        "en": live_en,
        "ru_draft": unpublished,
        "en_draft": draft_en,
    }


def status(client, url):
    return client.get(url).status_code


def page_url(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


def add_release_url(parent):
    return reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", parent.pk])


def refused(code):
    # Wagtail answers a forbidden admin view with 403, or sends the user back to the
    # dashboard (302) for whole sections such as users and settings.
    return code in (302, 403)


# action -> (url builder, roles allowed)
MATRIX = {
    "dashboard": (
        lambda p: reverse("wagtailadmin_home"),
        {"press", "translator", "editor", "admin"},
    ),
    "write Russian release": (
        lambda p: add_release_url(p["ru_archive"]),
        {"press", "editor", "admin"},
    ),
    "write English page directly": (
        lambda p: add_release_url(p["en_archive"]),
        {"editor", "admin"},
    ),
    "edit Russian release": (lambda p: page_url("edit", p["ru"]), {"press", "editor", "admin"}),
    "edit Russian draft": (
        lambda p: page_url("edit", p["ru_draft"]),
        {"press", "editor", "admin"},
    ),
    # Press officers translate too (the translator role is for offices that have one).
    "edit English translation": (
        lambda p: page_url("edit", p["en"]),
        {"press", "translator", "editor", "admin"},
    ),
    "edit English draft": (
        lambda p: page_url("edit", p["en_draft"]),
        {"press", "translator", "editor", "admin"},
    ),
    "translate a release": (
        lambda p: reverse("wagtail_localize:submit_page_translation", args=[p["ru"].pk]),
        {"press", "translator", "editor", "admin"},
    ),
    "delete Russian release": (lambda p: page_url("delete", p["ru"]), {"admin"}),
    "unpublish English translation": (lambda p: page_url("unpublish", p["en"]), {"admin"}),
    "preview Russian draft": (
        lambda p: page_url("view_draft", p["ru_draft"]),
        {"press", "translator", "editor", "admin"},
    ),
    "preview English draft": (
        lambda p: page_url("view_draft", p["en_draft"]),
        {"press", "translator", "editor", "admin"},
    ),
    "manage users": (lambda p: reverse("wagtailusers_users:index"), {"admin"}),
    "manage locales": (lambda p: reverse("wagtaillocales:index"), {"admin"}),
    "manage workflows": (lambda p: reverse("wagtailadmin_workflows:index"), {"admin"}),
}


@pytest.mark.parametrize("role", ["press", "translator", "editor", "admin"])
def test_permission_matrix(client, staff, pages, role):
    client.force_login(staff[role])
    wrong = []
    for action, (url, allowed) in MATRIX.items():
        code = status(client, url(pages))
        if role in allowed and code != 200:
            wrong.append(f"{action}: expected 200, got {code}")
        if role not in allowed and not refused(code):
            wrong.append(f"{action}: expected refusal, got {code}")
    assert wrong == []


@pytest.mark.parametrize("role", ["press", "translator", "editor", "admin"])
def test_every_writing_role_edits_translation_segments(client, staff, pages, role):
    translation = translation_of(pages["ru"], pages["en"].locale)
    segment = segments(translation).first()
    client.force_login(staff[role])
    code = put_string(client, translation, segment, "Changed by " + role).status_code
    assert code in (200, 201)
    assert translated(translation, segment) == "Changed by " + role


def test_a_user_without_a_role_edits_no_segment(client, pages):
    from tests.conftest import make_user

    translation = translation_of(pages["ru"], pages["en"].locale)
    segment = segments(translation).first()
    client.force_login(make_user("outsider"))
    code = put_string(client, translation, segment, "Changed by an outsider").status_code
    assert refused(code)
    assert translated(translation, segment) == "Published release"


@pytest.mark.parametrize("role", ["press", "editor"])
def test_no_publish_button_and_publishing_is_refused(client, staff, pages, role):
    client.force_login(staff[role])
    page = pages["ru_draft"]
    html = client.get(page_url("edit", page)).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    from tests.workflow_helpers import release_form

    data = release_form(page.title, page.slug, page.lead, ["Текст"])
    data["action-publish"] = "Publish"
    client.post(page_url("edit", page), data)
    assert not NewsArticlePage.objects.get(pk=page.pk).live


def test_translator_cannot_publish_from_translation_editor(client, staff, pages):
    client.force_login(staff["translator"])
    english = pages["en_draft"]
    response = client.post(page_url("edit", english), {"action": "publish"})
    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=english.pk).live
    # The force-publish form is refused too.
    assert refused(status(client, reverse("news_force_publish", args=[english.pk])))


def test_anonymous_reader_never_sees_drafts_or_unapproved_translations(client, pages):
    for key in ("ru", "en"):
        assert client.get(pages[key].url).status_code == 200
    for key in ("ru_draft", "en_draft"):
        page = Page.objects.get(pk=pages[key].pk)
        assert not page.live
        assert client.get(page.get_url()).status_code == 404
        # Admin previews send an anonymous visitor to the login form.
        response = client.get(page_url("view_draft", page))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    # Neither language's archive or home lists an unpublished release.
    for url in ("/ru/news/", "/en/news/", "/ru/", "/en/"):
        html = client.get(url).content.decode()
        assert "Черновик пресс-службы" not in html
        assert "Being translated" not in html


@pytest.mark.parametrize(
    ("role", "ru_allowed", "en_allowed"),
    [("press", True, True), ("translator", False, True), ("editor", True, True)],
)
def test_partner_cities_are_edited_in_the_role_language(
    client, staff, en, translate, role, ru_allowed, en_allowed
):
    from tests.factories import PartnerCityFactory

    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    english = translate(city, {"Минск": "Minsk", "Беларусь": "Belarus"})
    client.force_login(staff[role])
    for instance, allowed in ((city, ru_allowed), (english, en_allowed)):
        url = reverse("wagtailsnippets_news_partnercity:edit", args=[instance.pk])
        code = status(client, url)
        assert code == 200 if allowed else refused(code), (instance, code)
