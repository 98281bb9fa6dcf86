# The other admin hooks live in the subsystems' own wagtail_hooks (news.roles,
# news.translation, news.workflow).
from django.db import models
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from gallery.models import PhotoCredit
from news.models import PartnerCity, Topic
from news.text.slugs import SlugInput

AUTOCOMPLETE_LIMIT = 10

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


class TopicChooserViewSet(SnippetChooserViewSet):
    # The chooser's "Create" tab: a tag can be made without leaving the form.
    form_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Tags")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "slug"]
    search_fields = ["name"]
    chooser_viewset_class = TopicChooserViewSet


class PhotoCreditChooserViewSet(SnippetChooserViewSet):
    # Chosen on each photo: a new photographer is added from the photo's own form.
    form_fields = ["name"]


class PhotoCreditViewSet(SnippetViewSet):
    model = PhotoCredit
    icon = "user"
    menu_label = _("Photo credits")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["name"]
    search_fields = ["name"]
    chooser_viewset_class = PhotoCreditChooserViewSet


register_snippet(TopicViewSet)
register_snippet(PhotoCreditViewSet)


def topic_autocomplete(request):
    """Names of the tags of one language that start with what was typed, for the release
    form's tag field (news.models.tagging); Wagtail's own view knows only taggit's tags."""
    term = request.GET.get("term", "").strip()
    code = request.GET.get("locale") or Locale.get_default().language_code
    if not term:
        return JsonResponse([], safe=False)
    names = (
        Topic.objects.filter(locale__language_code=code, name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


@hooks.register("register_admin_urls")
def _topic_urls():
    return [path("news/tags/autocomplete/", topic_autocomplete, name="news_topic_autocomplete")]
