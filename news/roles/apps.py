from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "news.roles"
    label = "news_roles"
    verbose_name = _("Roles")
