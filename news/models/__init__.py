from .imports import ImportedRecord
from .pages import (
    HomePage,
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsArticleTag,
    NewsIndexPage,
    RelatedArticle,
)
from .snippets import PartnerCity

__all__ = [
    "HomePage",
    "ImportedRecord",
    "NewsArticleGalleryItem",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsIndexPage",
    "PartnerCity",
    "RelatedArticle",
]
