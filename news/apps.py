from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News releases")

    def ready(self):
        from . import signals

        signals.connect()
        from .search import signals  # noqa: F401 - connects the receivers
        from . import alerts, page_cache

        page_cache.connect()
        alerts.connect()
