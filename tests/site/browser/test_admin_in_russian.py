"""The admin speaks Russian to Russian users: each role walks its main screens in Chromium and
no interface word is left in English. What the users wrote (the English translation, the
English partner cities) is content, not interface, and is taken out before the check."""

import importlib
import re

import pytest

from django.apps import apps

from wagtail_localize.models import StringTranslation

from news.models import PartnerCity
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.chromium import sign_in
from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, locale, publish
from tests.migrated import restore_migrated_data

pytestmark = pytest.mark.browser

create_roles = importlib.import_module("news.migrations.0004_workflow_roles").create_roles

# Words that are the same in a Russian interface: the product's and formats' own names.
ALLOWED = {"Wagtail", "PO", "URL", "slug", "SEO", "ID", "CSV", "XLSX", "RSS", "API"}
PEOPLE = {
    "press": ("Мария", "Иванова", roles.PRESS_OFFICERS),
    "translator": ("Ольга", "Петрова", roles.TRANSLATORS),
    "editor": ("Олег", "Смирнов", roles.EDITORS),
}


@pytest.fixture
def newsroom(transactional_db):
    restore_migrated_data()
    create_roles(apps, None)
    en = locale("en")
    _home, archive = ensure_site_structure()
    city = PartnerCityFactory(name="Минск", country="Беларусь", slug="minsk")
    translate_instance(city, en, {"Минск": "Minsk", "Беларусь": "Belarus"}.get)
    release = publish(
        NewsArticlePageFactory(
            parent=archive,
            title="Подписана дорожная карта с Минском",
            slug="minsk-roadmap",
            lead="Стороны утвердили план на три года.",
            cities=[city],
        )
    )
    english = translate_instance(
        release,
        en,
        {
            "Подписана дорожная карта с Минском": "Roadmap signed with Minsk",
            "Стороны утвердили план на три года.": "The sides approved a three-year plan.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        }.get,
    )
    users = {}
    for username, (first, last, group) in PEOPLE.items():
        users[username] = make_user(username, group)
        users[username].first_name, users[username].last_name = first, last
        users[username].save()
    return {"release": release, "english": english, "archive": archive, "users": users}


def content_words():
    """Everything a user typed in English, which the admin rightly shows as typed."""
    texts = set(StringTranslation.objects.values_list("data", flat=True))
    texts |= set(PartnerCity.objects.values_list("name", flat=True))
    texts |= set(PartnerCity.objects.values_list("country", flat=True))
    texts |= set(PartnerCity.objects.values_list("slug", flat=True))
    texts |= {"Roadmap signed with Minsk", "News", "Press office"}
    return sorted(texts, key=len, reverse=True)


def english_left(text, content):
    text = re.sub(r"https?://\S+", " ", text)
    for typed in content:
        text = text.replace(typed, " ")
    found = []
    for match in re.finditer(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*", text):
        if match.group() not in ALLOWED:
            found.append(" ".join(text[max(0, match.start() - 30) : match.end() + 30].split()))
    return found


def screens(newsroom, role):
    release, english, archive = newsroom["release"], newsroom["english"], newsroom["archive"]
    common = [
        "/admin/",
        f"/admin/pages/{archive.pk}/",
        f"/admin/pages/{release.pk}/history/",
        "/admin/snippets/news/partnercity/",
    ]
    by_role = {
        "press": [
            f"/admin/pages/{release.pk}/edit/",
            f"/admin/pages/add/news/newsarticlepage/{archive.pk}/",
        ],
        "translator": [f"/admin/pages/{english.pk}/edit/"],
        "editor": [
            f"/admin/pages/{release.pk}/edit/",
            f"/admin/pages/{english.pk}/edit/",
            "/admin/reports/workflow/",
            "/admin/reports/locked/",
            "/admin/images/",
        ],
    }
    return common + by_role[role]


@pytest.mark.parametrize("role", list(PEOPLE))
def test_each_role_sees_its_admin_in_russian(live_server, browser_page, newsroom, role):
    sign_in(browser_page, live_server.url, role)
    content = content_words()
    leftovers = {}
    for path in screens(newsroom, role):
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        browser_page.wait_for_load_state("networkidle")
        found = english_left(browser_page.locator("body").inner_text(), content)
        if found:
            leftovers[path] = found
    report = "\n".join(f"{path}: {' | '.join(found)}" for path, found in leftovers.items())
    assert not leftovers, "English left in the Russian admin:\n" + report
