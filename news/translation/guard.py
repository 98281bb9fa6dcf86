"""wagtail-localize's translation endpoints, limited to the roles that write the target language.

Those endpoints only ask whether the user may edit the target page, and every writing role
may edit pages somewhere; these wrappers add the language rule of news.permissions. They are
registered at wagtail-localize's own addresses, ahead of its URLs, so the editor's scripts
keep working unchanged.
"""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.urls import path

from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from news.roles.permissions import check_can_write


def _for_target_language(view):
    @wraps(view)
    def wrapper(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(
            Translation.objects.select_related("target_locale"), pk=translation_id
        )
        check_can_write(request.user, translation.target_locale)
        return view(request, translation_id, *args, **kwargs)

    return wrapper


def guarded_urls():
    prefix = "localize/translate/<int:translation_id>/"
    return [
        path(
            prefix + "strings/<int:string_segment_id>/edit/",
            _for_target_language(edit_translation.edit_string_translation),
        ),
        path(
            prefix + "overrides/<int:overridable_segment_id>/edit/",
            _for_target_language(edit_translation.edit_override),
        ),
        path(
            prefix + "pofile/upload/",
            _for_target_language(edit_translation.upload_pofile),
        ),
        path(
            prefix + "machine_translate/",
            _for_target_language(edit_translation.machine_translate),
        ),
        path(
            prefix + "disable/",
            _for_target_language(edit_translation.stop_translation),
        ),
    ]
