"""PostgreSQL: a GIN index over the title's terms alone.

Past the recency bound, the releases holding every searched word in their title are read
by themselves (news.search.engine). The document's GIN index cannot tell a title's words
from a body's, so that pass read every release holding the words anywhere (hundreds of
milliseconds at 100,000 pairs); this index hands out the title matches only. SQLite's FTS5
table already indexes the title's terms as a column of their own.
"""

from django.db import migrations

from news.migrations import _vendor_sql as sql

CREATE = (
    "CREATE INDEX IF NOT EXISTS news_search_title_words ON news_searchentry"
    " USING gin (to_tsvector('simple', title_terms))"
)
DROP = "DROP INDEX IF EXISTS news_search_title_words"


class Migration(migrations.Migration):
    dependencies = [("news", "0019_tag_credit_approval")]

    operations = [sql.VendorSQL("postgresql", CREATE, DROP)]
