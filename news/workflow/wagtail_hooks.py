from html import unescape

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, WorkflowMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Revision, TranslatableMixin, WorkflowMixin
from wagtail_localize.models import Translation

from news.roles.permissions import can_write
from news.workflow.actions import (
    CONVERT_TO_ALIAS_ACTION,
    FORCE_PUBLISH_ACTION,
    HOLD_ACTION,
    can_force_publish,
    can_hold,
)
from news.workflow.bulk_actions import ForcePublishBulkAction
from news.workflow.dashboard import TranslationStatusView, construct_panels
from news.workflow.views import (
    ConvertToAliasView,
    ForcePublishView,
    HoldForTranslationView,
    ReviewActionView,
    SubmitSnippetTranslationView,
    SubmitTranslationView,
    review_outcome,
)


# Ahead of wagtail-localize's URLs (order 0): the reason form takes over its address, so
# its "Convert to alias page" entry and its edit view's redirect both lead to the form.
@hooks.register("register_admin_urls", order=-1)
def _convert_to_alias_url():
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            ConvertToAliasView.as_view(),
            name="news_convert_to_alias",
        ),
    ]


@hooks.register("register_admin_urls")
def _workflow_urls():
    return [
        path(
            "newsroom/translations/<int:translation_id>/submit/",
            SubmitTranslationView.as_view(),
            name="news_submit_translation",
        ),
        path(
            "newsroom/translations/<int:translation_id>/submit-snippet/",
            SubmitSnippetTranslationView.as_view(),
            name="news_submit_snippet_translation",
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
            "newsroom/pages/<int:page_id>/review/<str:action_name>/<int:task_state_id>/",
            ReviewActionView.as_view(),
            name="news_review_action",
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


def _author(revision):
    if revision.user is None:
        return _("an automatic process")
    return revision.user.get_full_name() or revision.user.get_username()


@hooks.register("before_edit_page", order=-4)
def _refuse_stale_form(request, page):
    """Refuse a save from a form opened before someone else saved a newer version.

    Wagtail compares the form's loaded_revision_id with the latest revision, but refuses
    only autosave (JSON) requests; a full form save would silently replace the newer draft.
    """
    if request.method != "POST" or not request.accepts("text/html"):
        return None
    loaded = request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id")
    if not loaded or not loaded.isdigit():
        return None
    newer = (
        Revision.page_revisions.filter(object_id=str(page.pk), pk__gt=int(loaded))
        .exclude(user=request.user)
        .select_related("user")
        .order_by("-pk")
        .first()
    )
    if newer is None:
        return None
    messages.error(
        request,
        _(
            "Not saved: %(user)s saved a newer version of this page after you opened it. "
            "Your changes would have replaced theirs; reopen the page and make them again."
        )
        % {"user": _author(newer)},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


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


class ReviewButton(WorkflowMenuItem):
    """One of Wagtail's workflow actions, drawn as a button of its own."""

    template_name = "news/admin/action_menu/review_button.html"

    def __init__(self, item, classname=""):
        super().__init__(item.name, item.label, item.launch_modal, icon_name=item.icon_name)
        self.classname = classname


class ReviewMenuItem(ActionMenuItem):
    """The reviewer's buttons, side by side in the place of the menu's main button.

    Wagtail shows one main button and puts every other action, approval included, in a
    drop-up menu; an editor reviewing a version should see at once how to approve it, how
    to send it back, and what it changes on the site.
    """

    name = "action-review"
    template_name = "news/admin/action_menu/review.html"

    def __init__(self, buttons):
        super().__init__(order=0)
        self.buttons = buttons

    def is_shown(self, context):
        return bool(self.buttons)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = parent_context["page"]
        task_state = page.current_workflow_task_state
        context.update(
            buttons=[button.render_html(parent_context) for button in self.buttons],
            submitted_revision=task_state.revision if task_state else None,
            review_task_id=task_state.task_id if task_state else None,
        )
        return context


def _review_first(menu_items):
    """Approve and send back leave the drop-up menu for buttons of their own."""
    chosen = {}
    for item in menu_items:
        if not isinstance(item, WorkflowMenuItem):
            continue
        # Wagtail lists "approve" twice; the one without a form is the one-click approval.
        if item.name == "approve" and not item.launch_modal:
            chosen["approve"] = item
        elif item.name == "reject":
            chosen["reject"] = item
    if not chosen:
        return
    menu_items[:] = [item for item in menu_items if item not in chosen.values()]
    buttons = []
    if "approve" in chosen:
        buttons.append(ReviewButton(chosen["approve"]))
    if "reject" in chosen:
        buttons.append(ReviewButton(chosen["reject"], classname="button-secondary"))
    menu_items.insert(0, ReviewMenuItem(buttons))


@hooks.register("construct_page_action_menu")
def _publish_through_approval(menu_items, request, context):
    # Direct publishing is replaced by approval, or by a forced publish with a reason.
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    _review_first(menu_items)
    for item in (ForcePublishMenuItem(), HoldMenuItem()):
        if item.is_shown(context):
            menu_items.append(item)


@hooks.register("before_edit_page", order=-3)
def _no_review_in_autosave(request, page):
    # The review buttons add the action to the edit form just before submitting it, and
    # Wagtail's autosave, sending the whole form meanwhile, would perform it a second time.
    if (
        request.method == "POST"
        and request.POST.get("action-workflow-action")
        and not request.accepts("text/html")
    ):
        return HttpResponse(status=409)
    return None


@hooks.register("after_edit_page")
def _confirm_review(request, page):
    # Wagtail confirms only that the page was saved; say what the approval did.
    if not request.POST.get("action-workflow-action"):
        return
    message = review_outcome(page, request.POST.get("workflow-action-name"), from_editor=True)
    if not message:
        return
    # Ours replaces Wagtail's "page updated", which reads as if the editor had edited it.
    wagtail_says = _("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()
    }
    storage = messages.get_messages(request)
    kept = [queued for queued in storage if unescape(str(queued.message)).strip() != wagtail_says]
    for queued in kept:
        storage.add(queued.level, queued.message, queued.extra_tags)
    messages.success(request, message)


@hooks.register("register_log_actions")
def _force_publish_log_action(actions):
    @actions.register_action(FORCE_PUBLISH_ACTION)
    class ForcePublish(LogFormatter):
        label = _("Force publish")

        def format_message(self, log_entry):
            return _("Published without approval. Reason: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }

    @actions.register_action(CONVERT_TO_ALIAS_ACTION)
    class ConvertToAlias(LogFormatter):
        label = _("Convert to alias page")

        def format_message(self, log_entry):
            return _("Replaced by the original's text without approval. Reason: %(reason)s") % {
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


# Registered after Wagtail's own bulk "Publish", which it replaces.
hooks.register("register_bulk_action", ForcePublishBulkAction, order=100)


@hooks.register("register_snippet_listing_buttons")
def _submit_snippet_translation_button(snippet, user, next_url=None):
    # The translation editor of a snippet under approval has no button for this.
    if not isinstance(snippet, WorkflowMixin) or not isinstance(snippet, TranslatableMixin):
        return
    if not can_write(user, snippet.locale):
        return
    translation = (
        Translation.objects.filter(
            source__object_id=snippet.translation_key,
            target_locale_id=snippet.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=snippet.locale_id)
        .first()
    )
    if translation is not None and not snippet.workflow_in_progress:
        yield ListingMenuItem(
            _("Submit translation for approval"),
            reverse("news_submit_snippet_translation", args=[translation.pk]),
            icon_name="tasks",
            priority=20,
        )
