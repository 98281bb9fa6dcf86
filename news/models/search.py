"""The archive's search index: one row per live, public release (see docs/search.md)."""

from django.db import models


class SearchEntry(models.Model):
    """What search needs of a live, public release, in a table the database ranks itself.

    The full-text index over these columns is made by migration 0010 and differs by
    database: an FTS5 table kept in step by triggers on SQLite, a generated weighted
    tsvector column with a GIN index on PostgreSQL. Rows are written by
    news.search.index, never edited by hand.
    """

    page = models.OneToOneField(
        "news.NewsArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # Chooses PostgreSQL's text search configuration for the original text.
    language = models.CharField(max_length=16)
    date = models.DateField()
    # The original text, for PostgreSQL's configuration of the row's language (left
    # empty on SQLite, which indexes the terms only).
    title = models.TextField()
    lead = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The same text as news.text.analysis terms, identical on every database.
    title_terms = models.TextField()
    lead_terms = models.TextField(blank=True)
    keywords_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # The date and the page in one integer, larger for newer releases (see
    # news.search.index.recency): the full-text index's row id on SQLite, so that both
    # databases can read a broad search's matches newest first and stop early.
    recency = models.BigIntegerField(unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["locale", "date"], name="news_search_locale_date"),
            models.Index(fields=["locale", "recency"], name="news_search_locale_recency"),
            # A pasted title is looked up by equality over the whole archive.
            models.Index(fields=["locale", "title_terms"], name="news_search_locale_title"),
        ]

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    """A partner city or tag of an indexed release, for filters and result counts."""

    CITY = "city"
    TAG = "tag"

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=4, choices=[(CITY, CITY), (TAG, TAG)])
    slug = models.CharField(max_length=100)
    name = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["kind", "slug", "entry"], name="news_search_facet_key")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "slug"], name="unique_search_facet")
        ]

    def __str__(self):
        return f"{self.kind}:{self.slug}"
