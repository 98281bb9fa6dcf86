"""What happens, in order, when a page is published, unpublished, moved or deleted.

news.publishing.pipeline receives Wagtail's signals and calls the steps of
news.publishing.steps in the order of STEPS; bulk work (the archive import) runs them once
per batch through `pipeline.bulk()` instead of once per page.
"""
