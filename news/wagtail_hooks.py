# The other admin hooks live in the subsystems' own wagtail_hooks (news.roles,
# news.translation, news.workflow).
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.models import register_form_field_override
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import PartnerCity
from news.text.slugs import SlugInput

# Every slug field of the admin (releases, cities, tags) writes a Russian title in Latin
# letters, by the rule the importer follows.
register_form_field_override(models.SlugField, override={"widget": SlugInput})


class PartnerCityViewSet(SnippetViewSet):
    model = PartnerCity
    icon = "site"
    menu_label = _("Partner cities")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "country", "slug"]
    search_fields = ["name", "country"]


register_snippet(PartnerCityViewSet)
