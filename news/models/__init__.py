from gallery.models import PhotoCredit
from news.models.alerts import AlertSubscription, ReleaseAlert
from news.models.embargo import EmbargoHold
from news.models.glossary import GlossaryTerm
from news.models.imports import ImportedRecord
from news.models.pages import (
    HomePage,
    NewsArticleGalleryItem,
    NewsArticlePage,
    NewsIndexPage,
    RelatedArticle,
)
from news.models.search import SearchEntry, SearchFacet
from news.models.snippets import PartnerCity, Topic
from news.models.sync import SegmentChange
from news.models.workflow import ReleaseApprovalTask

# Records named on many pages (a city, a tag, a photo's credit): a change to one of them
# reaches every page that shows it.
SharedRecord = PartnerCity | Topic | PhotoCredit

__all__ = [
    "EmbargoHold",
    "GlossaryTerm",
    "AlertSubscription",
    "ReleaseAlert",
    "HomePage",
    "ImportedRecord",
    "NewsArticleGalleryItem",
    "NewsArticlePage",
    "NewsIndexPage",
    "PartnerCity",
    "RelatedArticle",
    "ReleaseApprovalTask",
    "SearchEntry",
    "SearchFacet",
    "SegmentChange",
    "SharedRecord",
    "Topic",
]
