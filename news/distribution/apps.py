from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "news.distribution"
    label = "news_distribution"
    verbose_name = _("Public distribution")
