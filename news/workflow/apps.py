from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "news.workflow"
    label = "news_workflow"
    verbose_name = _("Approval workflow")

    def ready(self):
        from . import names

        names.connect()
