"""How PostgreSQL stores the search index, for the tests that hold its layout."""

from django.db import connection

from news.models import SearchEntry


def physical_order():
    """The index's page ids as PostgreSQL has the rows on disk, and in (locale, recency)
    order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_id FROM news_searchentry ORDER BY ctid")
        on_disk = [row[0] for row in cursor.fetchall()]
    by_recency = list(
        SearchEntry.objects.order_by("locale_id", "recency").values_list("page_id", flat=True)
    )
    return on_disk, by_recency
