from django.db import migrations

from news.migrations import _vendor_sql as sql

FIELDS = ("title", "lead", "keywords", "body")

# Ranking reads each match's terms; the original text only feeds the generated tsvector.
# Left to itself PostgreSQL moved about three columns of every row out of line, the body's
# terms among them, and reading those cost a TOAST lookup each time. EXTERNAL lets the original
# text go first, MAIN keeps the terms in the row; new values are what apply it.
INLINE = [
    "ALTER TABLE news_searchentry"
    + ",".join(f" ALTER COLUMN {name} SET STORAGE EXTERNAL" for name in FIELDS)
    + ","
    + ",".join(f" ALTER COLUMN {name}_terms SET STORAGE MAIN" for name in FIELDS),
    "UPDATE news_searchentry SET "
    + ", ".join(f"{name}_terms = {name}_terms || ''" for name in FIELDS),
]
OUT_OF_LINE = [
    "ALTER TABLE news_searchentry"
    + ",".join(
        f" ALTER COLUMN {column} SET STORAGE EXTENDED"
        for name in FIELDS
        for column in (name, f"{name}_terms")
    )
]


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0013_search_document_inline"),
    ]

    operations = [sql.VendorSQL("postgresql", INLINE, OUT_OF_LINE)]
