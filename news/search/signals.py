"""Keep the index in step with what was published."""

from django.dispatch import receiver

from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published


@receiver(page_published)
def reindex_published_release(sender, instance, **kwargs):
    # The save that indexes a page runs before its partner cities and tags are written;
    # indexing again once published picks them up.
    from news.models import NewsArticlePage

    if isinstance(instance, NewsArticlePage):
        insert_or_update_object(instance)
