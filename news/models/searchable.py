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

    def analyse_own_texts(self):
        """Work out now the analysed values that read nothing but the release itself.

        They are returned too: worked out in another process, they are handed to the same
        release in this one with `keep_own_texts`.
        """
        self.search_title()
        self.search_lead()
        self.search_body()
        for field in self.get_search_fields():
            if isinstance(field, KeptSearchField):
                field.get_value(self)
        return dict(self.__dict__["_analysed"])

    def keep_own_texts(self, analysed):
        self.__dict__.setdefault("_analysed", {}).update(analysed)

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
        return _keyword_texts([self])[id(self)]

    @classmethod
    def analyse_keywords(cls, releases):
        """Work `search_keywords` out for many releases at once: two queries in all instead
        of two per release, when a batch of them is indexed."""
        texts = _keyword_texts(releases)
        for release in releases:
            release.__dict__.setdefault("_analysed", {})["keywords"] = texts[id(release)]


def _keyword_texts(releases):
    """id(release) -> its partner cities and tags in every language, analysed."""
    # The page classes import this module: their own module is read at call time.
    from news.models import PartnerCity, Topic

    cities = {id(r): {city.translation_key for city in r.partner_cities.all()} for r in releases}
    tags = {id(r): {tag.translation_key for tag in r.tags.all()} for r in releases}

    def names(model, keys, name):
        # Each key's names in the order the model lists them, for a release to pick its own.
        found = {}
        if keys:
            rows = model.objects.live().filter(translation_key__in=keys)
            for position, row in enumerate(rows):
                found.setdefault(row.translation_key, []).append((position, name(row)))
        return found

    city_names = names(
        PartnerCity, set().union(*cities.values()), lambda city: f"{city.name} {city.country}"
    )
    tag_names = names(Topic, set().union(*tags.values()), lambda tag: tag.name)
    texts = {}
    for release in releases:
        own = [
            *sorted(n for key in cities[id(release)] for n in city_names.get(key, [])),
            *sorted(n for key in tags[id(release)] for n in tag_names.get(key, [])),
        ]
        texts[id(release)] = normalise(" ".join(name for _n, name in own))
    return texts


class KeptSearchField(index.SearchField):
    """A release's own field, indexed as it is, and worked out once per object like the
    analysed values: the database backends read the body's text three times over."""

    def get_value(self, obj):
        work_out = super().get_value
        if isinstance(obj, SearchableRelease):
            return obj._analysed_value(f"field {self.field_name}", lambda: work_out(obj))
        return work_out(obj)


# Boosts matter where the backend honours them (PostgreSQL, Elasticsearch); the final
# order is decided by news.search.engine so that every backend agrees.
ANALYSED_FIELDS = [
    index.SearchField("search_title", boost=4),
    index.SearchField("search_lead", boost=2),
    index.SearchField("search_body"),
    index.SearchField("search_keywords", boost=2),
]
