from .alerts import AlertSubscription, ReleaseAlert
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
    "AlertSubscription",
    "ReleaseAlert",
    "HomePage",
    "NewsArticleGalleryItem",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsIndexPage",
    "PartnerCity",
    "RelatedArticle",
]
