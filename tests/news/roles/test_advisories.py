"""Permission checks modelled on the classes of Wagtail's published security advisories.

Each test acts as a role that must be refused, through the admin views, and checks both
the refusal (403, or a redirect away) and that nothing leaked or changed.
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail_localize.models import Translation

from news.models import NewsArticlePage, PartnerCity
from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


def refused(response):
    return response.status_code in (302, 403, 404)


@pytest.fixture
def release(site_tree, translate):
    """A Russian release and its English translation, each with a later unpublished edit."""
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Релиз для проверки прав"))
    english = translate(page, {"Релиз для проверки прав": "Permissions release"})
    english.title = "Permissions release, unpublished edit"
    english.save_revision()
    page.title = "Релиз для проверки прав, неопубликованная правка"
    page.save_revision()
    return page, english


@pytest.fixture
def outsider(db):
    """A staff account that may open the admin but holds no page permission."""
    user = get_user_model().objects.create_user(username="visitor", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def test_revision_comparison_and_history_need_edit_permission(login, outsider, release):
    _, english = release
    first, second = english.revisions.order_by("created_at", "id")[:2]
    client = login(outsider)
    urls = [
        reverse("wagtailadmin_pages:revisions_compare", args=[english.pk, first.pk, second.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[english.pk, second.pk]),
        reverse("wagtailadmin_pages:revisions_revert", args=[english.pk, first.pk]),
        reverse("wagtailadmin_pages:history", args=[english.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[english.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert refused(response), url
        assert "unpublished edit" not in response.content.decode(), url


def test_reading_across_languages_never_becomes_writing(login, staff, release):
    # Press officers may read English drafts and their history, but not restore a version.
    _, english = release
    first = english.revisions.order_by("created_at", "id").first()
    before = english.revisions.count()
    client = login(staff["press"])
    response = client.post(
        reverse("wagtailadmin_pages:revisions_revert", args=[english.pk, first.pk]),
        {"title": "Restored by the wrong role", "slug": english.slug},
    )
    assert refused(response)
    assert english.revisions.count() == before


def test_copying_needs_edit_permission_at_the_source(login, staff, release, en):
    _, english = release
    client = login(staff["press"])
    before = Page.objects.count()
    url = reverse("wagtailadmin_pages:copy", args=[english.pk])
    assert refused(client.get(url))
    response = client.post(
        url,
        {
            "new_title": "Копия чужого перевода",
            "new_slug": "copy-of-translation",
            "new_parent_page": english.get_parent().pk,
            "publish_copies": "on",
        },
    )
    assert refused(response)
    assert Page.objects.count() == before


def test_drafts_and_previews_stay_private(client, release):
    for page in release:
        for name in ("view_draft", "preview_on_edit"):
            response = client.get(reverse(f"wagtailadmin_pages:{name}", args=[page.pk]))
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/login/")
        public = client.get(page.url).content.decode()
        assert "неопубликованная правка" not in public
        assert "unpublished edit" not in public


def test_translation_views_check_the_page_not_only_the_global_permission(
    login, staff, outsider, release
):
    page, english = release
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=english.locale
    )
    # wagtail-localize itself asks only for this global right.
    outsider.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    client = login(outsider)
    submit = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert refused(client.get(submit))
    assert refused(client.post(submit, {"locales": [english.locale.pk]}))
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])))
    stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    assert refused(client.post(stop, {}))
    assert Translation.objects.get(pk=translation.pk).enabled

    # A translator may translate, but not edit the Russian source through the same door.
    translator = login(staff["translator"])
    response = translator.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"title": "Подмена"}
    )
    assert refused(response)
    assert NewsArticlePage.objects.get(pk=page.pk).title == "Релиз для проверки прав"


def test_private_releases_do_not_leak_through_public_channels(client, site_tree):
    private = publish(
        NewsArticlePageFactory(parent=site_tree, title="Закрытый релиз о переговорах")
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for url in (
        "/ru/news/",
        "/ru/feeds/rss/",
        "/sitemap.xml",
        "/api/v2/releases/?locale=ru",
        "/ru/search/?q=переговоры",
        "/ru/search/suggest/?q=Закрыт",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Закрытый релиз" not in response.content.decode(), url
    assert client.get(private.url).status_code == 302


def test_crafted_posts_cannot_change_what_the_role_may_not(login, staff, release):
    _, english = release
    press = login(staff["press"])
    response = press.post(
        reverse("wagtailadmin_pages:edit", args=[english.pk]),
        {"title": "Defaced", "slug": english.slug, "action-publish": "publish"},
    )
    assert refused(response)
    assert "Defaced" not in press.get(english.url).content.decode()

    # Settings that only administrators manage: locales, sites, partner cities in English.
    assert refused(press.post(reverse("wagtaillocales:add"), {"language_code": "de"}))
    assert not Locale.objects.filter(language_code="de").exists()
    site = Site.objects.get()
    editor = login(staff["editor"])
    response = editor.post(
        reverse("wagtailsites:edit", args=[site.pk]),
        {"hostname": "evil.example", "port": 80, "root_page": site.root_page_id},
    )
    assert refused(response)
    assert Site.objects.get().hostname != "evil.example"

    translator = login(staff["translator"])
    before = PartnerCity.objects.count()
    response = translator.post(
        reverse("wagtailsnippets_news_partnercity:add"),
        {"name": "Подделка", "country": "Нигде", "slug": "fake"},
    )
    assert refused(response)
    assert PartnerCity.objects.count() == before
