from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared building blocks")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import checks  # noqa: F401 - registers the deployment checks
        from .postgres import use_fast_arrays

        connection_created.connect(use_fast_arrays, dispatch_uid="core.use_fast_arrays")
