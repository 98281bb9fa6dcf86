"""Locale rules on top of Wagtail's page and snippet permissions (see news.roles.permissions).

They run before wagtail-localize's own hooks, which would otherwise open the translation
editor.
"""

from wagtail import hooks
from wagtail.models import TranslatableMixin

from news.roles.permissions import check_can_write


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


@hooks.register("before_edit_snippet", order=-10)
def _limit_snippet_edit_to_language(request, instance):
    if isinstance(instance, TranslatableMixin):
        check_can_write(request.user, instance.locale)


@hooks.register("before_delete_snippet", order=-10)
def _limit_snippet_delete_to_language(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin):
            check_can_write(request.user, instance.locale)
