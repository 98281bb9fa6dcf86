"""wagtail-localize's admin endpoints, limited to the roles that write the language they write.

Its views only ask whether the user may edit the page, or submit translations at all, and
every writing role may edit pages somewhere. LocalizeGuardMiddleware sees every request to
an address in wagtail-localize's URLconf, whichever view answers it (one of ours may take
over an address), works out from the URL the locales that endpoint writes, and refuses a
user who may not write all of them (news.roles.permissions).

Deny by default: an endpoint not listed below, or whose target cannot be found, is refused
to everyone but superusers, so an endpoint added upstream stays closed until it is listed.
"""

import functools

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils.translation import gettext as _

from wagtail.admin.localization import get_localized_response
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import Translation, TranslationSource

from news.roles import groups as roles
from news.roles.permissions import can_write, check_can_write

NAMESPACE = "wagtail_localize"

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# Endpoints without a target language that every admin user may read; any other method is
# refused. Each says why reading it is harmless.
READ_ONLY = {
    # The interface's own strings for wagtail-localize's scripts: no content at all.
    "javascript_catalog",
    # Which objects are translated into which locale, and how far: what the page explorer
    # and the translation status matrix already show every admin user.
    "translations_report",
    "translations_report_results",
    # Id, title and edit link of snippets, which the translation editor reads to show a
    # chosen snippet; the snippet listings show the same. Only GET is routed upstream.
    "snippets_api_listing",
    "snippets_api_detail",
}


# Endpoints only administrators may use, whatever language they write. Each says why.
ADMIN_ONLY = {
    # Replaces a translated page, live or not, with its source's text and deletes the
    # translation: no editor approves that, so it is kept to those who may force publish.
    # Our reason form answers at this address (news.workflow) and logs why.
    "convert_to_alias",
}


def is_administrator(user):
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()


def is_translation(instance):
    """Whether `instance` is the translated side of a wagtail-localize translation."""
    key = getattr(instance, "translation_key", None)
    if key is None:
        return False
    return (
        TranslationSource.objects.filter(object_id=key)
        .exclude(locale_id=instance.locale_id)
        .exists()
    )


def may_delete_translation(user, instance):
    """Translators and press officers write translations but never remove one.

    Wagtail lets anyone with "change" delete a page that is not live, which would let them
    throw away a translation in progress; editors and administrators keep that right.
    Anything that is not a translation is left to Wagtail's own rules.
    """
    if user.is_superuser or not is_translation(instance):
        return True
    return user.groups.filter(name__in=[roles.EDITORS, roles.ADMINISTRATORS]).exists()


def _translation_target(request, kwargs):
    translation = Translation.objects.select_related("target_locale").get(
        pk=kwargs["translation_id"]
    )
    return [translation.target_locale]


def _source_targets(request, kwargs):
    """A sync writes every enabled translation of the source."""
    source = TranslationSource.objects.get(pk=kwargs["translation_source_id"])
    return list(
        Locale.objects.filter(
            pk__in=source.translations.filter(enabled=True).values("target_locale")
        )
    )


def _submission_targets(request, instance):
    """The locales a submission creates: those ticked, or for the form, those it offers.

    The form is open to whoever writes one of the languages it offers.
    """
    ticked = request.POST.getlist("locales") if request.method == "POST" else []
    if ticked:
        return list(Locale.objects.filter(pk__in=[int(pk) for pk in ticked]))
    offered = Locale.objects.exclude(pk=instance.locale_id)
    return [locale for locale in offered if can_write(request.user, locale)]


def _page_submission_targets(request, kwargs):
    return _submission_targets(request, Page.objects.get(pk=kwargs["page_id"]))


def _snippet_submission_targets(request, kwargs):
    model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
    if not issubclass(model, TranslatableMixin):
        return []
    return _submission_targets(request, model._default_manager.get(pk=unquote(kwargs["pk"])))


# url name -> the locales the endpoint writes (or shows), found from the URL's kwargs.
TARGETS = {
    "submit_page_translation": _page_submission_targets,
    "submit_snippet_translation": _snippet_submission_targets,
    "update_translations": _source_targets,
    "edit_string_translation": _translation_target,
    "edit_override": _translation_target,
    "download_pofile": _translation_target,
    "upload_pofile": _translation_target,
    "machine_translate": _translation_target,
    "preview_translation": _translation_target,
    "stop_translation": _translation_target,
}


# Endpoints that change a translation's text. While the translated page awaits an editor's
# approval they are closed to everyone, so the editor approves the text that was submitted.
SEGMENT_WRITES = {
    "edit_string_translation",
    "edit_override",
    "upload_pofile",
    "machine_translate",
}


def page_in_moderation(kwargs):
    """The translated page behind the endpoint's translation, if it awaits approval."""
    try:
        translation = Translation.objects.get(pk=kwargs["translation_id"])
        target = translation.get_target_instance()
    except (ObjectDoesNotExist, KeyError, ValueError, TypeError):
        return None
    if not isinstance(target, Page):
        return None
    in_progress = WorkflowState.objects.for_instance(target).filter(
        status=WorkflowState.STATUS_IN_PROGRESS
    )
    return target if in_progress.exists() else None


def _locked_response(request, page):
    message = _(
        "This translation is awaiting an editor's approval and cannot be changed. Ask an "
        "editor to send it back for changes first."
    )
    if request.method in ("PUT", "DELETE") or request.headers.get("x-requested-with"):
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@functools.lru_cache(maxsize=8)
def _localize_urls_of(root):
    try:
        prefix, resolver = root.namespace_dict[NAMESPACE]
    except KeyError:
        return None
    return URLResolver(RegexPattern(r"^/" + prefix), resolver.url_patterns)


def _localize_urls(urlconf):
    """wagtail-localize's URL patterns, matched from the root of the site."""
    # Keyed by the root resolver, which Django replaces when the URLconf changes.
    return _localize_urls_of(get_resolver(urlconf))


def localize_endpoint(request):
    """(url name, kwargs) of the wagtail-localize endpoint at the request's address, or None.

    The address decides, not the view that answers it, so a view of ours that takes over
    one of wagtail-localize's addresses is held to the same rule. An unnamed endpoint has
    the name "".
    """
    urls = _localize_urls(getattr(request, "urlconf", None))
    if urls is not None:
        try:
            match = urls.resolve(request.path_info)
        except Resolver404:
            pass
        else:
            return match.url_name or "", match.kwargs
    match = request.resolver_match
    if match is not None and NAMESPACE in match.namespaces:
        return match.url_name or "", match.kwargs
    return None


def check_localize_access(request, name, kwargs):
    """Raise PermissionDenied unless the user may write what endpoint `name` writes."""
    if request.user.is_superuser:
        return
    if name in ADMIN_ONLY:
        if not is_administrator(request.user):
            raise PermissionDenied
        return
    if name in READ_ONLY:
        if request.method not in SAFE_METHODS:
            raise PermissionDenied
        return
    targets = TARGETS.get(name)
    if targets is None:
        raise PermissionDenied
    try:
        locales = targets(request, kwargs)
    except (ObjectDoesNotExist, Http404, KeyError, ValueError, TypeError):
        locales = []
    if not locales:
        raise PermissionDenied
    for locale in locales:
        check_can_write(request.user, locale)


class LocalizeGuardMiddleware:
    """Holds every endpoint of wagtail-localize's admin to the languages the user writes.

    Needs request.user: it goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        endpoint = localize_endpoint(request)
        if endpoint is None:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        name, kwargs = endpoint
        check_localize_access(request, name, kwargs)
        if name in SEGMENT_WRITES and request.method not in SAFE_METHODS:
            page = page_in_moderation(kwargs)
            if page is not None:
                # In the user's admin language, as Wagtail's own views answer.
                return get_localized_response(_locked_response, request, page)
        return None
