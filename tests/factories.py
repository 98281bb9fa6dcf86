import datetime

import factory
import wagtail_factories

from wagtail.models import Locale
from wagtail.rich_text import RichText

from gallery.models import NewsImage, PhotoCredit
from news.models import NewsArticleGalleryItem, NewsArticlePage, PartnerCity, Topic


def locale(code="ru"):
    return Locale.objects.get(language_code=code)


def topics(*names, code="ru"):
    """Tags of one language with these names, made when new."""
    return Topic.named(names, locale(code))


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity
        django_get_or_create = ("locale", "slug")

    name = factory.Sequence(lambda n: f"Город {n}")
    country = "Беларусь"
    slug = factory.Sequence(lambda n: f"city-{n}")
    locale = factory.LazyFunction(locale)


class NewsImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Фото {n}")
    credit = factory.LazyFunction(lambda: PhotoCredit.named("Пресс-служба", locale()))


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Подписано соглашение о сотрудничестве №{n}")
    slug = factory.Sequence(lambda n: f"release-{n}")
    lead = "Стороны договорились о совместных проектах."
    date = datetime.date(2023, 11, 15)
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>Стороны обсудили сотрудничество.</p>"))]
    )

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if extracted:
            self.partner_cities.set(extracted)
            self.save()

    @factory.post_generation
    def photos(self, create, extracted, **kwargs):
        for number in range(extracted or 0):
            NewsArticleGalleryItem.objects.create(
                page=self,
                image=NewsImageFactory(),
                caption=f"Подпись {number + 1}",
                alt_text=f"Описание фото {number + 1}",
                sort_order=number,
            )


def publish(page, user=None):
    """Publish through a revision, as the admin does."""
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page
