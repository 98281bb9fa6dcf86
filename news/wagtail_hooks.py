# The other admin hooks live in the subsystems' own wagtail_hooks (news.roles,
# news.translation, news.workflow).
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import PartnerCity


class PartnerCityViewSet(SnippetViewSet):
    model = PartnerCity
    icon = "site"
    menu_label = _("Partner cities")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "country", "slug"]
    search_fields = ["name", "country"]


register_snippet(PartnerCityViewSet)
