import pytest

from wagtail.rich_text import RichText

from ..factories import NewsArticlePageFactory, PartnerCityFactory, publish
from .corpus import CITIES, RELEASES


@pytest.fixture
def cities(ru, en, translate):
    made = {}
    for slug, (name, country, name_en, country_en) in CITIES.items():
        city = PartnerCityFactory(name=name, country=country, slug=slug)
        translate(city, {name: name_en, country: country_en})
        made[slug] = city
    return made


@pytest.fixture
def archive(site_tree, cities, translate):
    """Every corpus release, published in Russian and English: {key: (ru page, en page)}."""
    pages = {}
    for number, release in enumerate(RELEASES):
        title, lead, body = release["ru"]
        page = NewsArticlePageFactory(
            parent=site_tree,
            title=title,
            slug=f"r{number}-{release['key'].replace('_', '-')}",
            lead=lead,
            date=release["date"],
            body=[("paragraph", RichText(f"<p>{body}</p>"))],
            cities=[cities[slug] for slug in release["cities"]],
        )
        if release["tags"]:
            page.tags.add(*release["tags"])
            page.save()
        publish(page)
        english = translate(page, dict(zip(release["ru"], release["en"], strict=True)))
        pages[release["key"]] = (page, english)
    return pages


def result_pages(response):
    """Release pages in the order the search page lists them."""
    assert response.status_code == 200, response.status_code
    return [result["page"] for result in response.context["results"]]
