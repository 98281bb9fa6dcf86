from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "news.caching"
    label = "news_caching"
    verbose_name = _("Page cache")
