"""A search service outside the database, for tests: it keeps what it is sent."""

from modelsearch.backends.base import BaseIndex, BaseSearchBackend

# (model name, pk, title) of every object sent, in order.
SENT = []


class _Index(BaseIndex):
    def add_item(self, item):
        self.add_items(type(item), [item])

    def add_items(self, model, items):
        SENT.extend((model.__name__, item.pk, str(item)) for item in items)

    def delete_item(self, item):
        pass


class SearchBackend(BaseSearchBackend):
    index_class = _Index
    catch_indexing_errors = False
