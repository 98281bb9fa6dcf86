from django.db import migrations

from news.migrations import _vendor_sql as sql

# PostgreSQL moved most rows' tsvector out of line into the TOAST table, so checking a row
# against a query cost a TOAST index lookup and page besides the row's own page. MAIN keeps
# it compressed in the row unless the row cannot fit; rewriting the rows applies it.
INLINE = [
    "ALTER TABLE news_searchentry ALTER COLUMN document SET STORAGE MAIN",
    "UPDATE news_searchentry SET date = date",
]
OUT_OF_LINE = ["ALTER TABLE news_searchentry ALTER COLUMN document SET STORAGE EXTENDED"]


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0012_search_recency"),
    ]

    operations = [sql.VendorSQL("postgresql", INLINE, OUT_OF_LINE)]
