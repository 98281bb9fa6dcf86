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


class NewsroomSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = NewsroomMapping


class NewsroomAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = NewsroomMapping


class NewsroomElasticsearchBackend(Elasticsearch9SearchBackend):
    mapping_class = NewsroomMapping
    query_compiler_class = NewsroomSearchQueryCompiler
    autocomplete_query_compiler_class = NewsroomAutocompleteQueryCompiler
    settings = INDEX_SETTINGS


SearchBackend = NewsroomElasticsearchBackend
