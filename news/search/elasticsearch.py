"""Elasticsearch 9 backend with the newsroom's analyzers (chosen when ELASTICSEARCH_URL is set).

The analysed fields (search_title, search_lead, ...) arrive already stemmed by
news.text.analysis, so they get an analyzer that only splits and lower-cases: matching
then agrees with the database backends. The raw title, lead and body also carry Russian
and English sub-fields, for queries made directly against the cluster.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.index import SearchField
from modelsearch.query import SearchQuery

ANALYSIS = {
    "char_filter": {
        "newsroom_yo": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]},
    },
    "filter": {
        "newsroom_russian_stop": {"type": "stop", "stopwords": "_russian_"},
        "newsroom_russian_stemmer": {"type": "stemmer", "language": "russian"},
        "newsroom_english_stop": {"type": "stop", "stopwords": "_english_"},
        "newsroom_english_stemmer": {"type": "stemmer", "language": "english"},
    },
    "analyzer": {
        "newsroom_terms": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "newsroom_russian": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["newsroom_yo"],
            "filter": ["lowercase", "newsroom_russian_stop", "newsroom_russian_stemmer"],
        },
        "newsroom_english": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "newsroom_english_stop", "newsroom_english_stemmer"],
        },
    },
}
RAW_FIELDS = {"title", "lead", "body"}
ANALYSED_PREFIX = "search_"


def _index_settings():
    settings = deepcopy(Elasticsearch9SearchBackend.settings)
    analysis = settings["settings"]["analysis"]
    for key, value in ANALYSIS.items():
        analysis[key] = {**analysis.get(key, {}), **value}
    return settings


INDEX_SETTINGS = _index_settings()


class NewsroomMapping(Elasticsearch9Mapping):
    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if isinstance(field, SearchField):
            if field.field_name.startswith(ANALYSED_PREFIX):
                mapping["analyzer"] = "newsroom_terms"
            elif field.field_name in RAW_FIELDS:
                mapping["fields"] = {
                    "ru": {"type": "text", "analyzer": "newsroom_russian"},
                    "en": {"type": "text", "analyzer": "newsroom_english"},
                }
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        # The catch-all fields receive the pre-analysed text too: split it the same way.
        for key, value in mapping["properties"].items():
            if key.startswith("_all_text"):
                value["analyzer"] = "newsroom_terms"
        return mapping


# Field weights as the database ranks them (news.search.engine.WEIGHTS).
FIELD_BOOSTS = {"search_title": 4, "search_lead": 2, "search_keywords": 2, "search_body": 1}
PHRASE_FIELDS = ("search_title", "search_lead", "search_body")
EXACT_TITLE_BOOST = 20
PHRASE_BOOST = 10


class ReleaseQuery(SearchQuery):
    """A reader's query, analysed (news.text.analysis.ParsedQuery): releases holding every
    term (`every`), or any of them, with the exact title and quoted phrases boosted."""

    def __init__(self, parsed, every=True):
        self.terms = list(parsed.terms)
        self.sequence = parsed.sequence
        self.phrases = [" ".join(phrase) for phrase in parsed.phrases]
        self.every = every

    def __repr__(self):
        return f"<ReleaseQuery {self.terms!r} every={self.every}>"


class NewsroomSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = NewsroomMapping

    def _columns(self):
        return {
            field.field_name: self.mapping.get_field_column_name(field)
            for field in self.get_searchable_fields()
        }

    def get_inner_query(self):
        if not isinstance(self.query, ReleaseQuery):
            return super().get_inner_query()
        columns = self._columns()
        fields = [f"{columns[name]}^{boost}" for name, boost in FIELD_BOOSTS.items()]
        # cross_fields reads the analysed fields as one: a term may be in any of them.
        match = {"query": " ".join(self.query.terms), "type": "cross_fields", "fields": fields}
        if self.query.every:
            match["operator"] = "and"
        else:
            match["minimum_should_match"] = "1"
        should = [
            {
                "match_phrase": {
                    columns["search_title"]: {
                        "query": self.query.sequence,
                        "boost": EXACT_TITLE_BOOST,
                    }
                }
            }
        ]
        for phrase in self.query.phrases:
            should.append(
                {
                    "multi_match": {
                        "query": phrase,
                        "type": "phrase",
                        "fields": [columns[name] for name in PHRASE_FIELDS],
                        "boost": PHRASE_BOOST,
                    }
                }
            )
            # As on the database, a quoted phrase in the title counts twice.
            should.append(
                {
                    "match_phrase": {
                        columns["search_title"]: {"query": phrase, "boost": PHRASE_BOOST}
                    }
                }
            )
        return {"bool": {"must": {"multi_match": match}, "should": should}}


class NewsroomAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = NewsroomMapping


class NewsroomElasticsearchBackend(Elasticsearch9SearchBackend):
    mapping_class = NewsroomMapping
    query_compiler_class = NewsroomSearchQueryCompiler
    autocomplete_query_compiler_class = NewsroomAutocompleteQueryCompiler
    settings = INDEX_SETTINGS


SearchBackend = NewsroomElasticsearchBackend
