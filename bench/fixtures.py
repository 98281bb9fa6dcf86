"""The fixed releases every benchmark run measures, created once per archive."""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.models import Locale
from wagtail.rich_text import RichText

from gallery.models import NewsImage, PhotoCredit
from news.demo.images import draw_photo
from news.models import (
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsIndexPage,
    PartnerCity,
    RelatedArticle,
)
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance


def _english(text):
    return f"EN {text}"


def _release(slug, blocks, photos=0, cities=(), related=()):
    ru = Locale.objects.get(language_code="ru")
    en = Locale.objects.get(language_code="en")
    existing = NewsArticlePage.objects.filter(locale=ru, slug=slug).first()
    if existing:
        return existing, existing.get_translation(en)
    ensure_site_structure()
    archive = NewsIndexPage.objects.get(locale=ru)
    page = NewsArticlePage(
        title=f"Эталонный релиз {slug}",
        slug=slug,
        # Newest of all, so that it heads the archive and the feeds.
        date=datetime.date.today(),
        lead="Делегации подписали дорожную карту и обсудили деловой форум.",
        body=blocks,
    )
    for n in range(photos):
        image = NewsImage(
            title=f"{slug} {n}",
            description="Городские здания",
            credit=PhotoCredit.named("Пресс-служба"),
            file=ImageFile(BytesIO(draw_photo(f"{slug}-{n}", 1600, 1067)), name=f"{slug}-{n}.jpg"),
        )
        image.save()
        page.gallery_items.add(
            NewsArticleGalleryItem(
                image=image, caption=f"Подпись {n}", alt_text="Городские здания"
            )
        )
    page.partner_cities = list(cities)
    for article in related:
        page.related_links.add(RelatedArticle(article=article))
    archive.add_child(instance=page)
    page.save_revision().publish(skip_permission_checks=True)
    return page, translate_instance(page, en, _english)


def bench_release():
    """A release with a 5-image gallery, 3 partner cities and 3 related releases."""
    ru = Locale.objects.get(language_code="ru")
    cities = list(PartnerCity.objects.filter(locale=ru).order_by("pk")[:3])
    related = list(
        NewsArticlePage.objects.live().filter(locale=ru).exclude(slug__startswith="bench-")[:3]
    )
    return _release(
        "bench-gallery-release",
        [
            ("paragraph", RichText(f"<p>Абзац номер {n} о сотрудничестве городов.</p>"))
            for n in range(6)
        ],
        photos=5,
        cities=cities,
        related=related,
    )


def fifty_block_release():
    page, _ = _release(
        "bench-fifty-blocks",
        [
            ("paragraph", RichText(f"<p>Абзац {n} длинного релиза о визите.</p>"))
            for n in range(50)
        ],
    )
    return page
