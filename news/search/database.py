"""Wagtail's database search backend, with cheaper indexing on PostgreSQL.

The stock PostgreSQL index builds a Django `SearchVector` expression for every indexed
text of every object and compiles each one; in a 1,000-pair import that was about 3 s of
the 5 s spent indexing, against 1.3 s for the INSERT itself. Here the SQL those
expressions compile to is written out directly: the same fragment per text, combined in
the same order, with the same parameters, so the index rows are identical. Texts are
still gathered by modelsearch's `ObjectIndexer`, each field read once, and searching is
left untouched.

The title weights of new rows are worked out from the newest entries only, and for those
rows alone (see `TITLE_SAMPLE`).

On any other database this is modelsearch's own backend.
"""

from contextlib import nullcontext

from psycopg import Pipeline

from django.db import connection
from django.utils.encoding import force_str

from modelsearch.backends.database import SearchBackend as stock_search_backend
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
)
from modelsearch.utils import balanced_reduce, get_content_type_pk

# What Django compiles SearchVector(Value(text), weight=w, config=c) to: parameters are
# the config, the text, "" (the COALESCE default) and the weight.
WEIGHTED = "setweight(to_tsvector(%s::regconfig, COALESCE(%s, %s)), %s)"
# The same without a config (SEARCH_CONFIG unset): the text, "" and the weight.
WEIGHTED_NO_CONFIG = "setweight(to_tsvector(COALESCE(%s, %s)), %s)"
# modelsearch's EMPTY_VECTOR, SearchVector(Value("")): no config, no weight.
EMPTY = ("to_tsvector(COALESCE(%s, %s))", ["", ""])

# modelsearch weighs each new row's title by the average title length of the whole index,
# and finds the new rows by scanning the index for the default weight: two full scans
# after every write. With 200,000 entries (an archive of 100,000 pairs) that is about
# 0.14 s for each release an editor saves and for each chunk an import indexes. The average
# is taken over this many of the newest entries instead, through the primary key, and only
# the rows just written are updated. Up to this many entries the weights are the same.
TITLE_SAMPLE = 10_000
# Index rows sent to PostgreSQL in one statement (see SQLPostgresIndex.add_items).
PIPELINED_CHUNK = 50


def _concatenate(left, right):
    # CombinedSearchVector's SQL for `left + right`.
    return f"({left[0]} || {right[0]})", left[1] + right[1]


class SQLObjectIndexer(ObjectIndexer):
    """modelsearch's indexer whose title, body and autocomplete are (sql, params)."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.prepared = {}

    def prepare_field(self, obj, field):
        # modelsearch reads every search field of the object once for each of the five
        # texts it writes (title, body, autocomplete and their plain forms): the same
        # values each time, read here once. A related object's fields are left to it.
        if obj is not self.obj:
            return super().prepare_field(obj, field)
        if id(field) not in self.prepared:
            self.prepared[id(field)] = list(super().prepare_field(obj, field))
        return self.prepared[id(field)]

    def as_vector(self, texts, for_autocomplete=False):
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return EMPTY
        config = self.autocomplete_config if for_autocomplete else self.config
        if config is None:
            vectors = [(WEIGHTED_NO_CONFIG, [text, "", weight]) for text, weight in texts]
        else:
            vectors = [(WEIGHTED, [config, text, "", weight]) for text, weight in texts]
        # modelsearch's ADD pairs them up the same way, which sets the parentheses.
        return balanced_reduce(_concatenate, vectors)


class SQLPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        content_type_pk = get_content_type_pk(model)
        table = IndexEntry._meta.db_table
        # psycopg's pipeline sends each chunk without waiting for it: PostgreSQL works out
        # one chunk's text-search vectors while the next chunk's texts are gathered here.
        # Nothing in it reads a result, and any error is raised as the block ends.
        with (
            self.write_connection.cursor() as cursor,
            self.write_connection.wrap_database_errors,
            # A libpq older than 14 has no pipeline: the statements then wait in turn.
            (
                self.write_connection.connection.pipeline()
                if Pipeline.is_supported()
                else nullcontext()
            ),
        ):
            for start in range(0, len(objs), PIPELINED_CHUNK):
                cursor.execute(
                    *self.insert(content_type_pk, objs[start : start + PIPELINED_CHUNK])
                )
            cursor.execute(
                # The table name is the model's own, not input.
                f"UPDATE {table} SET title_norm = newest.lavg / length(title) "  # noqa: S608
                "FROM (SELECT avg(length(title)) AS lavg FROM "
                f"(SELECT title FROM {table} ORDER BY id DESC LIMIT %s) sample "
                "WHERE length(title) > 0) newest "
                "WHERE content_type_id = %s AND object_id = ANY(%s) AND length(title) > 0",
                [TITLE_SAMPLE, content_type_pk, [force_str(obj.pk) for obj in objs]],
            )

    def insert(self, content_type_pk, objs):
        """The INSERT of the index rows of `objs`: (sql, params)."""
        rows, params = [], []
        for obj in objs:
            indexer = SQLObjectIndexer(obj, self.backend)
            title_sql, title_params = indexer.title
            autocomplete_sql, autocomplete_params = indexer.autocomplete
            body_sql, body_params = indexer.body
            rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
            params.extend((content_type_pk, indexer.id))
            params.extend(title_params)
            params.extend(autocomplete_params)
            params.extend(body_params)
            params.extend((indexer.title_text, indexer.body_text))
        sql = (
            f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
            "autocomplete, body, title_norm, title_text, body_text) "
            f"(VALUES {', '.join(rows)}) "
            "ON CONFLICT (content_type_id, object_id) "
            "DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, "
            "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text"
        )
        return sql, params


class SQLPostgresSearchBackend(PostgresSearchBackend):
    index_class = SQLPostgresIndex


def SearchBackend(params):
    """What Wagtail calls to make this module's backend (as modelsearch's own module)."""
    if connection.vendor == "postgresql":
        return SQLPostgresSearchBackend(params)
    return stock_search_backend(params)
