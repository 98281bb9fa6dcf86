"""Locale rules on top of Wagtail's page and snippet permissions (see news.roles.permissions).

Editing is open in every language the role writes or translates into; creating, deleting,
copying, moving, unpublishing and converting to an alias only where the role writes its
own texts, so a press officer translating into English never makes or removes an English
page of their own. They run before wagtail-localize's own hooks, which would otherwise open
the translation editor.
"""

from wagtail import hooks
from wagtail.models import Locale, Page, TranslatableMixin

from news.roles.permissions import check_can_write, check_can_write_original


@hooks.register("before_edit_page", order=-10)
def _limit_edit_to_language(request, page):
    check_can_write(request.user, page.locale)


@hooks.register("before_create_page", order=-10)
def _limit_create_to_language(request, parent_page, page_class):
    check_can_write_original(request.user, parent_page.locale)


@hooks.register("before_delete_page", order=-10)
@hooks.register("before_unpublish_page", order=-10)
@hooks.register("before_convert_alias_page", order=-10)
def _limit_page_action_to_language(request, page, *args, **kwargs):
    check_can_write_original(request.user, page.locale)


@hooks.register("before_copy_page", order=-10)
def _limit_copy_to_language(request, page):
    check_can_write_original(request.user, page.locale)
    # The copy lands in the tree the form names: that language must be the user's too.
    destination = Page.objects.filter(pk=_pk(request.POST.get("new_parent_page"))).first()
    if destination is not None:
        check_can_write_original(request.user, destination.locale)


@hooks.register("before_move_page", order=-10)
def _limit_move_to_language(request, page, destination=None, *args, **kwargs):
    check_can_write_original(request.user, page.locale)
    if destination is not None:
        check_can_write_original(request.user, destination.locale)


@hooks.register("before_edit_snippet", order=-10)
def _limit_snippet_edit_to_language(request, instance):
    if isinstance(instance, TranslatableMixin):
        check_can_write(request.user, instance.locale)


@hooks.register("before_create_snippet", order=-10)
def _limit_snippet_create_to_language(request, model):
    if issubclass(model, TranslatableMixin):
        # Wagtail's create view takes the new snippet's locale from the query string.
        code = request.GET.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        check_can_write_original(request.user, locale or Locale.get_default())


@hooks.register("before_delete_snippet", order=-10)
def _limit_snippet_delete_to_language(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin):
            check_can_write_original(request.user, instance.locale)


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
