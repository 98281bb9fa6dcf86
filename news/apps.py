from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News releases")

    def ready(self):
        from . import alerts, page_cache, signals
        from .search import signals as search_signals  # noqa: F401 - connects the receivers

        signals.connect()
        page_cache.connect()
        alerts.connect()
