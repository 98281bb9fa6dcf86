from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import GlossaryTerm, PartnerCity
from news.roles.permissions import check_can_write
from news.translation.guard import guarded_urls
from news.translation.views import SourceChangesView, SyncTranslationsView
from news.workflow.bulk_actions import ForcePublishBulkAction
from news.workflow.dashboard import TranslationStatusView, construct_panels
from news.workflow.views import (
    FORCE_PUBLISH_ACTION,
    HOLD_ACTION,
    ForcePublishView,
    HoldForTranslationView,
    SubmitTranslationView,
    can_force_publish,
    can_hold,
)


class PartnerCityViewSet(SnippetViewSet):
    model = PartnerCity
    icon = "site"
    menu_label = _("Partner cities")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "country", "slug"]
    search_fields = ["name", "country"]


register_snippet(PartnerCityViewSet)


# Locale rules on top of Wagtail's page permissions (see news.roles.permissions). They run
# before wagtail-localize's own hooks, which would otherwise open the translation editor.
@hooks.register("before_edit_page", order=-10)
def _limit_edit_to_language(request, page):
    check_can_write(request.user, page.locale)


@hooks.register("before_create_page", order=-10)
def _limit_create_to_language(request, parent_page, page_class):
    check_can_write(request.user, parent_page.locale)


@hooks.register("before_delete_page", order=-10)
@hooks.register("before_unpublish_page", order=-10)
@hooks.register("before_copy_page", order=-10)
@hooks.register("before_move_page", order=-10)
@hooks.register("before_convert_alias_page", order=-10)
def _limit_page_action_to_language(request, page, *args, **kwargs):
    check_can_write(request.user, page.locale)


@hooks.register("register_admin_urls")
def _workflow_urls():
    return [
        *guarded_urls(),
        path(
            "newsroom/translations/<int:translation_id>/submit/",
            SubmitTranslationView.as_view(),
            name="news_submit_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsView.as_view(),
        ),
        path(
            "newsroom/translations/<int:translation_id>/changes/",
            SourceChangesView.as_view(),
            name="news_source_changes",
        ),
        path(
            "newsroom/translation-status/",
            TranslationStatusView.as_view(),
            name="news_translation_status",
        ),
        path(
            "newsroom/pages/<int:page_id>/hold/",
            HoldForTranslationView.as_view(),
            name="news_hold_embargo",
        ),
        path(
            "newsroom/pages/<int:page_id>/force-publish/",
            ForcePublishView.as_view(),
            name="news_force_publish",
        ),
    ]


def _to_force_publish(request, page):
    messages.warning(
        request,
        _("Publishing without an editor's approval needs a reason, recorded in the history."),
    )
    return redirect("news_force_publish", page.pk)


@hooks.register("before_publish_page")
def _publish_only_with_reason(request, page):
    # The editor's form already saved a draft; the reason form publishes that draft.
    return _to_force_publish(request, page)


@hooks.register("before_edit_page", order=-5)
def _translation_publish_only_with_reason(request, page):
    # wagtail-localize's translation editor posts action=publish to the edit view.
    if request.method == "POST" and request.POST.get("action") == "publish":
        return _to_force_publish(request, page)
    return None


class PageActionLink(ActionMenuItem):
    """An entry of the edit view's action menu that leads to one of our own forms."""

    url_name = None

    def allowed(self, user, page):
        raise NotImplementedError

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and self.allowed(context["request"].user, page)
        )

    def get_url(self, context):
        return reverse(self.url_name, args=[context["page"].pk])


class ForcePublishMenuItem(PageActionLink):
    name = "action-force-publish"
    label = _("Force publish…")
    icon_name = "warning"
    order = 60
    url_name = "news_force_publish"

    def allowed(self, user, page):
        return can_force_publish(user, page)


class HoldMenuItem(PageActionLink):
    name = "action-hold-embargo"
    label = _("Hold until translated…")
    icon_name = "time"
    order = 70
    url_name = "news_hold_embargo"

    def allowed(self, user, page):
        return can_hold(user, page)


@hooks.register("construct_page_action_menu")
def _publish_through_approval(menu_items, request, context):
    # Direct publishing is replaced by approval, or by a forced publish with a reason.
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    for item in (ForcePublishMenuItem(), HoldMenuItem()):
        if item.is_shown(context):
            menu_items.append(item)


@hooks.register("register_log_actions")
def _force_publish_log_action(actions):
    @actions.register_action(FORCE_PUBLISH_ACTION)
    class ForcePublish(LogFormatter):
        label = _("Force publish")

        def format_message(self, log_entry):
            return _("Published without approval. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action(HOLD_ACTION)
    class HoldForTranslation(LogFormatter):
        label = _("Held until the translation is approved")


@hooks.register("construct_homepage_panels")
def _role_panels(request, panels):
    construct_panels(request, panels)


@hooks.register("register_admin_menu_item")
def _translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("news_translation_status"),
        icon_name="table",
        order=310,
    )


@hooks.register("before_edit_snippet", order=-10)
def _limit_snippet_edit_to_language(request, instance):
    if isinstance(instance, TranslatableMixin):
        check_can_write(request.user, instance.locale)


@hooks.register("before_delete_snippet", order=-10)
def _limit_snippet_delete_to_language(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin):
            check_can_write(request.user, instance.locale)


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "list-ul"
    menu_label = _("Glossary")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["term", "translation", "category"]
    list_filter = ["category"]
    search_fields = ["term", "translation"]


register_snippet(GlossaryViewSet)


# Registered after Wagtail's own bulk "Publish", which it replaces.
hooks.register("register_bulk_action", ForcePublishBulkAction, order=100)
