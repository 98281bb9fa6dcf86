"""What a release contributes to the search index, normalised by language."""

from django.db import models
from django.utils.functional import cached_property

from wagtail.search import index

from .analysis import normalise
from .text import body_text


class SearchableRelease(models.Model):
    """Mixin for the release page: pre-analysed text for every search backend.

    Raw title, lead and body stay indexed too, for the admin's own search. An abstract
    model rather than a plain mixin: the Elasticsearch mapping names fields after the
    model that defines them.
    """

    class Meta:
        abstract = True

    @cached_property
    def plain_body(self):
        return body_text(self)

    def search_title(self):
        return normalise(self.title)

    def search_lead(self):
        return normalise(self.lead)

    def search_body(self):
        return normalise(self.plain_body)

    def search_keywords(self):
        """Partner cities (in every language they are translated into) and tags."""
        from news.models import PartnerCity

        keys = [city.translation_key for city in self.partner_cities.all()]
        names = [
            f"{city.name} {city.country}"
            for city in PartnerCity.objects.filter(translation_key__in=keys)
        ]
        names += [tag.name for tag in self.tags.all()]
        return normalise(" ".join(names))


# Boosts matter where the backend honours them (PostgreSQL, Elasticsearch); the final
# order is decided by news.search.engine so that every backend agrees.
ANALYSED_FIELDS = [
    index.SearchField("search_title", boost=4),
    index.SearchField("search_lead", boost=2),
    index.SearchField("search_body"),
    index.SearchField("search_keywords", boost=2),
]
