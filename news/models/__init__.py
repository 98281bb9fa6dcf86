from .alerts import AlertSubscription, ReleaseAlert
from .embargo import EmbargoHold
from .glossary import GlossaryTerm
from .imports import ImportedRecord
from .pages import (
    HomePage,
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsArticleTag,
    NewsIndexPage,
    RelatedArticle,
)
from .search import SearchEntry, SearchFacet
from .snippets import PartnerCity
from .sync import SegmentChange
from .workflow import ReleaseApprovalTask

__all__ = [
    "EmbargoHold",
    "GlossaryTerm",
    "AlertSubscription",
    "ReleaseAlert",
    "HomePage",
    "ImportedRecord",
    "NewsArticleGalleryItem",
    "NewsArticlePage",
    "NewsArticleTag",
    "NewsIndexPage",
    "PartnerCity",
    "RelatedArticle",
    "ReleaseApprovalTask",
    "SearchEntry",
    "SearchFacet",
    "SegmentChange",
]
