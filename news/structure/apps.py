from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StructureConfig(AppConfig):
    name = "news.structure"
    label = "news_structure"
    verbose_name = _("Site structure")
