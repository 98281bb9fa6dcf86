"""Serving documents (signed agreements, roadmaps) from whatever storage holds them."""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

MAX_NAME_LENGTH = 120
# Characters that would make a file name invalid on a reader's computer.
UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def download_name(document, requested):
    """The file name a reader saves: the link text of the release, in its language.

    The name comes from the page (a query parameter), so it is cleaned of anything that
    is not a plain file name; the document's own extension is always kept.
    """
    extension = document.file_extension.lower()
    name = " ".join(UNSAFE.sub(" ", requested or "").split()).strip(". ")
    if not name:
        return document.filename
    name = name[:MAX_NAME_LENGTH].rstrip(". ")
    if extension and not name.lower().endswith(f".{extension}"):
        name = f"{name}.{extension}"
    return name


def in_public_use(document):
    """Whether a live page that anyone may read links the document (two queries).

    Wagtail's reference index knows which pages use the document: it indexes the page
    as stored, which for a live page is its published version, not a newer draft.
    """
    pages = (
        Page.objects.live()
        .public()
        .annotate(key=Cast("pk", output_field=CharField()))
        .filter(key=OuterRef("object_id"))
    )
    return (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .filter(Exists(pages))
        .exists()
    )


def may_manage(user, document):
    """Staff who may choose or edit the document in the admin download it before release."""
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


def serve_document(request, document_id, document_filename):
    """Stream the file with its content type and the reader's download name.

    Takes the place of Wagtail's view at the same address: that one redirects to the
    bucket's own URL on S3 (where name and type are whatever the bucket says) and names
    the download after the stored file. Its checks are kept: the file name must match
    and every before_serve_document hook (collection view restrictions) runs first; a
    document no live, public page links is there only for staff who may choose it. Like
    Wagtail's view, the answer carries an ETag (the file's hash) and Last-Modified, so a reader's
    browser or a proxy revalidates with a 304 instead of downloading the file again.
    """
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponseBase):
            return result
    if not (in_public_use(document) or may_manage(request.user, document)):
        # The same answer as for a wrong address: a draft's documents are not there yet.
        raise Http404("No such document.")
    document_served.send(sender=type(document), instance=document, request=request)

    def etag(_request):
        return document.get_file_hash() or None

    def last_modified(_request):
        # The stored file's own time: a replaced file gets a new name, hence a new time.
        try:
            modified = document.file.storage.get_modified_time(document.file.name)
        except (NotImplementedError, OSError):
            return None
        return modified if timezone.is_aware(modified) else timezone.make_aware(modified)

    # After the checks above, so a 304 never answers for a document the reader may not see.
    @condition(etag_func=etag, last_modified_func=last_modified)
    def respond(request):
        inline_types = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
        response = FileResponse(
            document.file.open("rb"),
            content_type=document.content_type,
            as_attachment=document.content_type not in inline_types,
            filename=download_name(document, request.GET.get("name")),
        )
        response["Content-Security-Policy"] = "default-src 'none'"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return respond(request)
