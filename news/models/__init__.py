from news.models.alerts import AlertSubscription, ReleaseAlert
from news.models.embargo import EmbargoHold
from news.models.glossary import GlossaryTerm
from news.models.imports import ImportedRecord
from news.models.pages import (
    HomePage,
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsArticleTag,
    NewsIndexPage,
    RelatedArticle,
)
from news.models.search import SearchEntry, SearchFacet
from news.models.snippets import PartnerCity
from news.models.sync import SegmentChange
from news.models.workflow import ReleaseApprovalTask

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
