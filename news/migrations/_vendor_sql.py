"""SQL that differs by database, shared by the search index migrations."""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """Raw SQL run only on one database vendor; the other vendors skip it."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


TERM_COLUMNS = "title_terms, lead_terms, keywords_terms, body_terms"
_NEW = "new.title_terms, new.lead_terms, new.keywords_terms, new.body_terms"
_OLD = "old.title_terms, old.lead_terms, old.keywords_terms, old.body_terms"
FTS_REBUILD = "INSERT INTO news_searchentry_fts(news_searchentry_fts) VALUES ('rebuild')"


def fts_create(rowid):
    """SQLite: an FTS5 index over the analysed terms, reading its text from
    news_searchentry (external content, row id `rowid`), kept in step by triggers."""
    delete = (
        f"INSERT INTO news_searchentry_fts(news_searchentry_fts, rowid, {TERM_COLUMNS})"
        f" VALUES ('delete', old.{rowid}, {_OLD});"
    )
    insert = f"INSERT INTO news_searchentry_fts(rowid, {TERM_COLUMNS}) VALUES (new.{rowid}, {_NEW});"
    return [
        "CREATE VIRTUAL TABLE news_searchentry_fts USING fts5("
        f"{TERM_COLUMNS}, content='news_searchentry', content_rowid='{rowid}', "
        "tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER news_searchentry_fts_insert AFTER INSERT ON news_searchentry"
        f" BEGIN {insert} END",
        "CREATE TRIGGER news_searchentry_fts_delete AFTER DELETE ON news_searchentry"
        f" BEGIN {delete} END",
        "CREATE TRIGGER news_searchentry_fts_update AFTER UPDATE ON news_searchentry"
        f" BEGIN {delete} {insert} END",
    ]


def fts_drop():
    return [
        "DROP TRIGGER IF EXISTS news_searchentry_fts_update",
        "DROP TRIGGER IF EXISTS news_searchentry_fts_delete",
        "DROP TRIGGER IF EXISTS news_searchentry_fts_insert",
        "DROP TABLE IF EXISTS news_searchentry_fts",
    ]
