from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "news.translation"
    label = "news_translation"
    verbose_name = _("Translation")

    def ready(self):
        from wagtail.signals import workflow_approved

        from .sync import clear_changes_on_approval

        workflow_approved.connect(clear_changes_on_approval, dispatch_uid="news_clear_changes")
