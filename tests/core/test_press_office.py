"""The press office's site setting: the department's name, emblem and press contacts that
every public page shows, edited by an administrator and shown in the reader's language."""

import pytest

from django.urls import reverse

from wagtail.models import Site

from core.models import PressOffice
from tests.conftest import make_user
from tests.factories import NewsImageFactory
from tests.release_fixtures import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def test_a_fresh_installation_shows_the_default_name_emblem_and_contacts(client, site_tree):
    ru = client.get("/ru/").content.decode()
    assert '<span class="brand__name">Департамент международных связей</span>' in ru
    assert 'src="/static/img/emblem.svg"' in ru
    assert 'href="mailto:press@example.org"' in ru
    en = client.get("/en/").content.decode()
    assert '<span class="brand__name">International Relations Department</span>' in en
    assert "Press office of the department" in en
    assert "Пресс-служба департамента" not in en


def test_an_administrator_changes_the_name_and_contacts_and_readers_see_it_at_once(
    client, release
):
    ru_page, en_page = release
    # Cached for readers first.
    assert "Департамент международных связей" in client.get(ru_page.url).content.decode()

    admin = make_user("root", superuser=True)
    editor = client.__class__()
    editor.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    # A site setting is edited at its Site's address.
    url = reverse("wagtailsettings:edit", args=["core", "pressoffice", site.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(
        url,
        {
            "department_name_ru": "Комитет по внешним связям",
            "department_name_en": "External Relations Committee",
            "contact_name_ru": "Ирина Петрова, пресс-секретарь",
            "contact_name_en": "Irina Petrova, press secretary",
            "phone": "+7 812 555-01-02",
            "email": "press@city.example",
            "address_ru": "Невский пр., 1",
            "address_en": "1 Nevsky Prospekt",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    ru = client.get(ru_page.url).content.decode()
    assert '<span class="brand__name">Комитет по внешним связям</span>' in ru
    # Shared links name the site as its header does.
    assert '<meta property="og:site_name" content="Комитет по внешним связям">' in ru
    assert "Ирина Петрова, пресс-секретарь" in ru
    assert 'href="tel:+78125550102"' in ru
    assert 'href="mailto:press@city.example"' in ru
    en = client.get(en_page.url).content.decode()
    assert '<span class="brand__name">External Relations Committee</span>' in en
    assert '<meta property="og:site_name" content="External Relations Committee">' in en
    assert "Irina Petrova, press secretary" in en
    assert "1 Nevsky Prospekt" in en
    assert "Невский" not in en


def test_the_release_page_gives_the_press_contact(client, release):
    _ru_page, en_page = release
    html = client.get(en_page.url).content.decode()
    contact = html[html.index('id="press-contact-heading"') :]
    assert "Press contact" in contact[:200]
    assert "press@example.org" in contact


def test_an_uploaded_emblem_replaces_the_drawn_one_and_the_icon(client, site_tree):
    office = PressOffice.for_site(Site.objects.get(is_default_site=True))
    office.emblem = NewsImageFactory(file__width=200, file__height=220)
    office.save()
    html = client.get("/ru/").content.decode()
    assert "img/emblem.svg" not in html
    assert 'class="brand__emblem"' in html
    assert '<link rel="icon" href="/media/' in html or '<link rel="icon" href="http' in html


def test_without_contacts_no_empty_contact_block_is_shown(client, release):
    ru_page, _en_page = release
    office = PressOffice.for_site(Site.objects.get(is_default_site=True))
    fields = ("contact_name_ru", "contact_name_en", "phone", "email", "address_ru", "address_en")
    for field in fields:
        setattr(office, field, "")
    office.save()
    html = client.get(ru_page.url).content.decode()
    assert "press-contact" not in html


def test_reading_the_defaults_stores_nothing(client, site_tree):
    # A row saved on a reader's first view would empty every cached page of the site.
    assert client.get("/ru/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert not PressOffice.objects.exists()
