"""Public pages cost the same few queries however much a release or a listing holds."""

import datetime
import io
import re

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from news.models import NewsArticlePage, RelatedArticle
from news.translation.from_texts import translate_instance
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, publish, topics
from tests.release_fixtures import add_photos

pytestmark = pytest.mark.django_db

# A release page reads, besides the Site, its route and the header: its gallery and the
# photos' sizes and credits, its cities, its tags, its related releases and more news
# about its first city. The press office setting and that list are kept between requests,
# so the budget from before the page showed them holds.
MAX_QUERIES = 12


def english(text):
    # Slugs stay as they are.
    return None if re.fullmatch(r"[a-z0-9-]+", text) else f"EN {text}"


def make_release(archive, en, slug, photos, cities, related=(), date=None):
    page = NewsArticlePageFactory(
        parent=archive, slug=slug, date=date or datetime.date(2024, 5, 1), cities=cities
    )
    add_photos(page, photos, size=(400, 300))
    page.tags.add(*topics("визит", "транспорт"))
    for number, article in enumerate(related):
        RelatedArticle.objects.create(page=page, article=article, sort_order=number)
    publish(page)
    return page, translate_instance(page, en, english)


@pytest.fixture
def cities(ru, en):
    made = [
        PartnerCityFactory(name=name, slug=slug)
        for name, slug in (("Минск", "minsk"), ("Белград", "belgrade"), ("Ташкент", "tashkent"))
    ]
    # Two of three translated: the third is shown in Russian on the English page.
    for city in made[:2]:
        translate_instance(city, en, english)
    return made


@pytest.fixture
def small_and_large(site_tree, en, cities):
    """(small, large): 1 photo, 1 city, no related releases; 5 photos, 3 cities, 3 related."""
    others = [
        make_release(site_tree, en, f"other-{n}", photos=1, cities=cities[:1])[0] for n in range(3)
    ]
    small = make_release(site_tree, en, "small", photos=1, cities=cities[:1])
    large = make_release(site_tree, en, "large", photos=5, cities=cities, related=others)
    return small, large


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries), response.content.decode()


def warm(client, *urls):
    # The first views make the photo sizes, as publishing does outside tests.
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("language", [0, 1], ids=["ru", "en"])
def test_release_page_queries_do_not_grow_with_its_content(client, small_and_large, language):
    small, large = small_and_large[0][language], small_and_large[1][language]
    warm(client, small.url, large.url)

    # As on the first view after a publication: nothing of the page kept from the views above.
    for page in (small, large):
        publish(NewsArticlePage.objects.get(pk=page.pk))
    small_count, _ = count_queries(client, small.url)
    large_count, html = count_queries(client, large.url)

    assert large_count == small_count
    assert large_count <= MAX_QUERIES
    # The large page really shows everything that was counted.
    assert html.count('class="gallery__item"') == 5
    assert html.count("tag--city") == 3
    assert html.count('<section class="related"') == 1
    for other in large.related_articles:
        assert other.url in html
    assert len(large.related_articles) == 3


def test_english_release_falls_back_to_the_russian_city_name(client, small_and_large):
    _small, (_ru_page, en_page) = small_and_large
    html = client.get(en_page.url).content.decode()
    assert "EN Минск" in html
    assert 'lang="ru">Ташкент<' in html


@pytest.mark.parametrize("language", ["ru", "en"])
def test_archive_queries_do_not_grow_with_its_releases(client, site_tree, en, cities, language):
    make_release(site_tree, en, "first", photos=1, cities=cities[:1])
    warm(client, f"/{language}/news/", f"/{language}/news/city/minsk/")
    one_archive, _ = count_queries(client, f"/{language}/news/")
    one_city, _ = count_queries(client, f"/{language}/news/city/minsk/")

    for number in range(5):
        make_release(
            site_tree,
            en,
            f"more-{number}",
            photos=3,
            cities=cities,
            date=datetime.date(2020 + number, 1, 1),
        )
    warm(client, f"/{language}/news/", f"/{language}/news/city/minsk/")
    many_archive, html = count_queries(client, f"/{language}/news/")
    many_city, city_html = count_queries(client, f"/{language}/news/city/minsk/")

    assert html.count('class="release-item"') == 6
    assert city_html.count('class="release-item"') == 6
    assert many_archive == one_archive <= MAX_QUERIES
    assert many_city == one_city <= MAX_QUERIES


@pytest.fixture
def no_avif(settings):
    # AVIF encoding is slow; which sizes are made does not depend on it.
    settings.IMAGE_AVIF = False


@pytest.fixture
def image_opens(monkeypatch):
    """Counts how often an original photo is read to make a rendition."""
    from gallery.models import NewsImage

    opened = []
    original = NewsImage.open_file

    def open_file(self, *args, **kwargs):
        opened.append(self.pk)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(NewsImage, "open_file", open_file)
    return opened


def test_publishing_makes_every_photo_size_before_the_first_reader(
    client, site_tree, en, cities, no_avif, image_opens, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Filter

    from gallery.models import NewsImage, NewsRendition
    from gallery.renditions import BODY_IMAGE, SOCIAL, specs_for_publication
    from tests.factories import NewsImageFactory

    body_image = NewsImageFactory(file__width=500, file__height=400)
    page = NewsArticlePageFactory(parent=site_tree, slug="with-photos", cities=cities[:1])
    page.body = [("image", {"image": body_image, "caption": "Подпись"})]
    page.save()
    add_photos(page, 2, size=(500, 400))
    assert NewsRendition.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    gallery_images = NewsImage.objects.exclude(pk=body_image.pk)
    for image in gallery_images:
        specs = set(image.renditions.values_list("filter_spec", flat=True))
        assert specs == set(specs_for_publication())
        assert SOCIAL in specs
    assert list(body_image.renditions.values_list("filter_spec", flat=True)) == [
        Filter(BODY_IMAGE).spec
    ]
    with django_capture_on_commit_callbacks(execute=True):
        en_page = translate_instance(page, en, english)

    made = NewsRendition.objects.count()
    image_opens.clear()
    for url in (page.url, en_page.url, "/ru/news/", "/en/news/", "/ru/feeds/rss/", "/en/"):
        assert client.get(url).status_code == 200, url
    assert NewsRendition.objects.count() == made
    assert image_opens == []


@override_settings(DEBUG=False)
def test_demo_content_is_published_with_its_photo_sizes(
    client, no_avif, image_opens, django_capture_on_commit_callbacks
):
    from gallery.models import NewsRendition
    from news.models import NewsArticlePage

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    made = NewsRendition.objects.count()
    assert made > 0
    image_opens.clear()
    release = NewsArticlePage.objects.live().filter(gallery_items__isnull=False).first()
    for url in (release.url, "/ru/news/", "/en/news/"):
        assert client.get(url).status_code == 200, url
    assert NewsRendition.objects.count() == made
    assert image_opens == []


def test_routing_shortcut_keeps_view_restrictions(client, small_and_large):
    """A password on the archive still guards every release below it, and hides it."""
    from wagtail.models import PageViewRestriction

    (ru_page, _en), _large = small_and_large
    archive = ru_page.get_parent()
    assert ru_page.title in client.get(ru_page.url).content.decode()
    PageViewRestriction.objects.create(
        page=archive, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get(ru_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html
    assert ru_page.lead not in html
    # Nor is it listed on the home page, which is outside the restriction.
    assert ru_page.title not in client.get("/ru/").content.decode()
