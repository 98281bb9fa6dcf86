"""Every endpoint of wagtail-localize's admin is held to the language it writes.

The endpoints are read from the URL resolver, not listed here, so one that a new version of
wagtail-localize adds is walked too (and, unknown to the guard, must be refused).
"""

import pytest

from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page
from wagtail_localize.models import Translation

from tests.conftest import make_user
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish
from tests.workflow_helpers import put_string, segments, translated, translation_of

pytestmark = pytest.mark.django_db

NAMESPACE = "wagtail_localize"

# Endpoints that show no content of a target language and write nothing: every admin user
# may read them, and nothing else.
READ_ONLY = {
    "javascript_catalog",
    "translations_report",
    "translations_report_results",
    "snippets_api_listing",
    "snippets_api_detail",
}


def localize_patterns():
    """(url name, kwarg names) of every pattern in wagtail-localize's admin URLconf."""
    _prefix, resolver = get_resolver().namespace_dict[NAMESPACE]
    found = []

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                found.append((pattern.name, list(pattern.pattern.regex.groupindex)))

    walk(resolver.url_patterns)
    return found


@pytest.fixture
def release(site_tree, en, translate):
    """A published Russian release with its English translation, and a partner city."""
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит делегации", photos=1))
    english = translate(
        page,
        {
            "Визит делегации": "Visit of the delegation",
            "Стороны договорились о совместных проектах.": "The sides agreed on joint projects.",
            "Стороны обсудили сотрудничество.": "The sides discussed cooperation.",
        },
    )
    return {
        "ru": page,
        "en": english,
        "translation": translation_of(page, en),
        "city": PartnerCityFactory(name="Минск", slug="minsk"),
    }


def endpoint_urls(release):
    """(url name, url) of every endpoint, each aimed at the English translation."""
    translation = release["translation"]
    string_segment = segments(translation).first()
    override = translation.source.overridablesegment_set.first()
    values = {
        "translation_id": translation.pk,
        "translation_source_id": translation.source_id,
        "string_segment_id": string_segment.pk,
        "overridable_segment_id": override.pk if override else string_segment.pk,
        "page_id": release["en"].pk,
        "app_label": "news",
        "model_name": "partnercity",
        "pk": release["city"].pk,
        "mode": "default",
    }
    # Submitting the Russian release (or city) for translation writes English.
    per_endpoint = {
        "submit_page_translation": {"page_id": release["ru"].pk},
    }
    urls = []
    for name, params in localize_patterns():
        assert name, "an unnamed wagtail-localize endpoint: teach this test to build its URL"
        missing = set(params) - set(values)
        assert not missing, f"{name}: no value for {missing}; add one to this test"
        kwargs = {param: values[param] for param in params}
        kwargs.update({k: v for k, v in per_endpoint.get(name, {}).items() if k in kwargs})
        urls.append((name, reverse(f"{NAMESPACE}:{name}", kwargs=kwargs)))
    return urls


def test_the_walk_finds_wagtail_localize_endpoints(release):
    names = {name for name, _url in endpoint_urls(release)}
    assert {
        "submit_page_translation",
        "update_translations",
        "edit_string_translation",
        "upload_pofile",
        "stop_translation",
        "convert_to_alias",
    } <= names
    assert names >= READ_ONLY


def test_an_account_without_a_role_is_refused_every_english_endpoint(client, release, en):
    # Press officers translate too, so every role writes English; a signed-in account
    # without a role writes nothing.
    client.force_login(make_user("outsider"))
    # An endpoint that breaks on the outsider's request is let through, not refused.
    client.raise_request_exception = False
    wrong = []
    for name, url in endpoint_urls(release):
        get = client.get(url).status_code
        if name not in READ_ONLY and get != 403:
            wrong.append(f"GET {name} {url}: {get}")
        post = client.post(url, {"locales": [en.pk], "value": "Overwritten"}).status_code
        if post != 403:
            wrong.append(f"POST {name} {url}: {post}")
    assert wrong == []
    # Nothing was written on the way.
    translation = Translation.objects.get(pk=release["translation"].pk)
    assert translation.enabled
    english = Page.objects.get(pk=release["en"].pk)
    assert english.alias_of_id is None
    segment = segments(translation).first()
    assert translated(translation, segment) == "Visit of the delegation"


def test_an_anonymous_visitor_is_sent_to_the_login(client, release):
    wrong = []
    for name, url in endpoint_urls(release):
        for method in (client.get, client.post):
            response = method(url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/admin/login/"):
                wrong.append(f"{method.__name__} {name}: {response.status_code} {location}")
    assert wrong == []


def test_a_translator_still_uses_the_translation_editor(client, staff, release):
    client.force_login(staff["translator"])
    english = release["en"]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "js-translation-editor" in html
    translation = release["translation"]
    segment = segments(translation).first()
    response = put_string(client, translation, segment, "Visit of the delegation to Minsk")
    assert response.status_code in (200, 201)
    assert translated(translation, segment) == "Visit of the delegation to Minsk"
    pofile = reverse(f"{NAMESPACE}:download_pofile", args=[translation.pk])
    assert client.get(pofile).status_code == 200


def test_an_endpoint_unknown_to_the_guard_is_refused(staff):
    from django.core.exceptions import PermissionDenied
    from django.urls import ResolverMatch

    from news.translation.guard import LocalizeGuardMiddleware

    def view(request):
        raise AssertionError("reached the view")

    request = RequestFactory().get("/admin/localize/added-upstream/")
    request.resolver_match = ResolverMatch(
        view, (), {}, url_name="added_upstream", namespaces=[NAMESPACE], route="added-upstream/"
    )
    guard = LocalizeGuardMiddleware(lambda request: None)
    for role in ("press", "translator", "editor"):
        request.user = staff[role]
        with pytest.raises(PermissionDenied):
            guard.process_view(request, view, (), {})
    request.user = staff["admin"]
    assert guard.process_view(request, view, (), {}) is None
