import pytest

from ..factories import NewsArticlePageFactory, PartnerCityFactory, publish

pytestmark = pytest.mark.django_db


def test_untranslated_city_name_is_marked_as_russian_on_the_english_page(
    client, site_tree, translate
):
    city = PartnerCityFactory(name="Ереван", country="Армения", slug="yerevan")
    page = publish(NewsArticlePageFactory(parent=site_tree, title="Визит", cities=[city]))
    english = translate(page, {"Визит": "Visit"})
    html = client.get(english.url).content.decode()
    assert '<span class="tag tag--city" lang="ru">Ереван</span>' in html
    # On the Russian page the same name is in the page's own language: no attribute.
    html = client.get(page.url).content.decode()
    assert '<span class="tag tag--city">Ереван</span>' in html
