import pytest
from bs4 import BeautifulSoup

from django.test import Client
from django.urls import reverse

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "home"),
    [
        ("ru", "Ошибка сервера", "Перейти на главную страницу"),
        ("en", "Server error", "Go to the home page"),
    ],
)
def test_500_page_in_the_readers_language(settings, site_tree, language, title, home):
    settings.ROOT_URLCONF = "tests.site.error_urls"
    client = Client(raise_request_exception=False)
    response = client.get(f"/{language}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert f'<a href="/{language}/">{home}</a>' in html
    assert 'class="site-header"' in html
    assert "RuntimeError" not in html


@pytest.mark.parametrize(
    ("language", "title"),
    [("ru", "Срок действия формы истёк"), ("en", "The form has expired")],
)
def test_csrf_failure_page_in_the_readers_language(site_tree, language, title):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/", {"q": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html
    assert 'class="site-header"' in html
    # Django's own technical page is never shown to readers.
    assert "CSRF verification failed" not in html


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/ru/news/no-such-release/", "Страница не найдена"),
        ("/en/news/no-such-release/", "Page not found"),
    ],
)
def test_404_page_keeps_the_site_design(client, site_tree, path, title):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert title in html
    assert 'class="site-header"' in html
    assert 'class="skip-link"' in html


def test_a_refusal_in_the_admin_is_shown_in_the_admin_in_the_users_language(
    client, staff, site_tree, translate
):
    russian = publish(NewsArticlePageFactory(parent=site_tree, title="Визит делегации"))
    english = translate(russian, {"Визит делегации": "Delegation visit"})
    client.force_login(staff["translator"])
    # Only administrators turn a translation into an alias.
    response = client.get(reverse("wagtail_localize:convert_to_alias", args=[english.pk]))
    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "ru"
    assert page.select_one("aside.sidebar, #wagtail-sidebar, [data-wagtail-sidebar]")
    text = page.get_text(" ", strip=True)
    assert "Доступ запрещён" in text
    assert "Ваша роль этого не позволяет" in text
    assert page.find("a", string="Вернуться на главную панель")["href"] == reverse(
        "wagtailadmin_home"
    )
    # A refused post gets the same answer.
    response = client.post(
        reverse("wagtail_localize:convert_to_alias", args=[english.pk]), {"reason": "x" * 10}
    )
    assert response.status_code == 403
    assert "Ваша роль этого не позволяет" in response.content.decode()
