"""What a release contributes to the search index, normalised by language."""

from django.db import models

from wagtail.search import index

from news.text.analysis import normalise
from news.text.plain import body_text


class SearchableRelease(models.Model):
    """Mixin for the release page: pre-analysed text for every search backend.

    Raw title, lead and body stay indexed too, for the admin's own search. An abstract
    model rather than a plain mixin: the Elasticsearch mapping names fields after the
    model that defines them.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._forget_analysed()
        return super().save(*args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        # Partner cities and tags feed `search_keywords`; without this every indexed
        # release costs two more queries (a rebuild, an import batch).
        return super().get_indexed_objects().prefetch_related("partner_cities", "tags")

    def refresh_from_db(self, *args, **kwargs):
        self._forget_analysed()
        return super().refresh_from_db(*args, **kwargs)

    def _forget_analysed(self):
        self.__dict__.pop("_analysed", None)

    def _analysed_value(self, name, work_out):
        # The database backends read every search field three to five times per object
        # (title, body, autocomplete, plain texts), and analysing a long body or looking
        # up the cities each time made indexing the slowest part of an import. Values are
        # kept until the release is saved again, which is what triggers reindexing.
        analysed = self.__dict__.setdefault("_analysed", {})
        if name not in analysed:
            analysed[name] = work_out()
        return analysed[name]

    @property
    def plain_body(self):
        return self._analysed_value("plain_body", lambda: body_text(self))

    def search_title(self):
        return self._analysed_value("title", lambda: normalise(self.title))

    def search_lead(self):
        return self._analysed_value("lead", lambda: normalise(self.lead))

    def search_body(self):
        return self._analysed_value("body", lambda: normalise(self.plain_body))

    def search_keywords(self):
        """Partner cities and tags, in every language they are translated into."""
        return self._analysed_value("keywords", self._keywords)

    def _keywords(self):
        # The page classes import this module: their own module is read at call time.
        from news.models import PartnerCity, Topic

        keys = [city.translation_key for city in self.partner_cities.all()]
        names = [
            f"{city.name} {city.country}"
            for city in PartnerCity.objects.live().filter(translation_key__in=keys)
        ]
        keys = [tag.translation_key for tag in self.tags.all()]
        if keys:
            names += [tag.name for tag in Topic.objects.live().filter(translation_key__in=keys)]
        return normalise(" ".join(names))


# Boosts matter where the backend honours them (PostgreSQL, Elasticsearch); the final
# order is decided by news.search.engine so that every backend agrees.
ANALYSED_FIELDS = [
    index.SearchField("search_title", boost=4),
    index.SearchField("search_lead", boost=2),
    index.SearchField("search_body"),
    index.SearchField("search_keywords", boost=2),
]
