from django.db import migrations, models

from news.migrations import _vendor_sql as sql

# 2**32: a page id fits below it, so days * SPAN + page id sorts by date, then page.
SPAN = 4294967296
FILL = {
    "sqlite": (
        f"UPDATE news_searchentry SET recency ="
        f" CAST(julianday(date) - 2440587.5 AS INTEGER) * {SPAN} + page_id"
    ),
    "postgresql": (
        f"UPDATE news_searchentry SET recency ="
        f" (date - DATE '1970-01-01')::bigint * {SPAN} + page_id"
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_release_date_index"),
    ]

    operations = [
        # The FTS5 table and its triggers go first: SQLite rebuilds news_searchentry to
        # add the unique column, which would drop the triggers with the old table.
        sql.VendorSQL("sqlite", sql.fts_drop(), [*sql.fts_create("page_id"), sql.FTS_REBUILD]),
        migrations.AddField(
            model_name="searchentry",
            name="recency",
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
        sql.VendorSQL("sqlite", FILL["sqlite"], migrations.RunSQL.noop),
        sql.VendorSQL("postgresql", FILL["postgresql"], migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="searchentry",
            name="recency",
            field=models.BigIntegerField(unique=True),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["locale", "recency"], name="news_search_locale_recency"),
        ),
        sql.VendorSQL(
            "sqlite",
            [*sql.fts_create("recency"), sql.FTS_REBUILD],
            sql.fts_drop(),
        ),
    ]
