from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "news.importer"
    label = "news_importer"
    verbose_name = _("Archive import")
