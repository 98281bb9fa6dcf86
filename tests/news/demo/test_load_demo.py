import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Page

from gallery.models import NewsImage
from news.models import NewsArticlePage, PartnerCity

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "url_path", "live", "latest_revision_id")),
        "cities": PartnerCity.objects.count(),
        "images": NewsImage.objects.count(),
        "users": get_user_model().objects.count(),
    }


@override_settings(DEBUG=True)
def test_demo_builds_both_languages_and_is_idempotent(client, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    first = snapshot()

    ru = NewsArticlePage.objects.filter(locale__language_code="ru", live=True)
    en = NewsArticlePage.objects.filter(locale__language_code="en", live=True)
    assert ru.count() >= 12
    # One release still awaits its translation, another's awaits approval.
    assert en.count() == ru.count() - 2
    for page in ru:
        translation = page.get_translation_or_none(en.first().locale)
        if translation is None:
            continue
        assert translation.translation_key == page.translation_key
        assert 1 <= page.gallery_items.count() <= 5
        assert translation.title != page.title
    cities = {c.slug for c in PartnerCity.objects.filter(locale__language_code="en")}
    assert {"minsk", "belgrade", "tashkent", "beijing", "havana"} <= cities
    assert Page.find_problems() == ([], [], [], [], [])

    # One account per role, with the passwords printed for the person running it.
    for username in ("press", "translator", "editor", "admin"):
        assert get_user_model().objects.filter(username=username, is_staff=True).exists()
        assert username in out

    call_command("load_demo")
    assert snapshot() == first

    assert client.get("/ru/news/").status_code == 200
    assert "Minsk" in client.get("/en/news/").content.decode()


@override_settings(DEBUG=False)
def test_demo_refuses_accounts_without_debug(capsys):
    call_command("load_demo")
    assert not get_user_model().objects.exists()
    assert "DEBUG is off" in capsys.readouterr().err
    assert NewsArticlePage.objects.filter(live=True).exists()
