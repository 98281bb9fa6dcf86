"""Documents linked from a release download under a name in the reader's language."""

import html
import re

import pytest
from wagtail_factories import DocumentFactory

from django.core.files.base import ContentFile

from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText

from tests.factories import NewsArticlePageFactory, publish

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% roadmap\n" + b"0" * 1024 + b"\n%%EOF\n"


def document(name="roadmap.pdf", content=PDF, **fields):
    return DocumentFactory(title="Дорожная карта", file=ContentFile(content, name=name), **fields)


def released(doc, parent):
    """Link the document from a published release: only then may anyone download it."""
    page = NewsArticlePageFactory(
        parent=parent, body=[("document", {"document": doc, "title": doc.title})]
    )
    publish(page)
    return doc


def link(page_html):
    return html.unescape(re.search(r'<a href="(/documents/[^"]+)" download>', page_html).group(1))


def test_download_name_follows_the_page_language(client, site_tree, translate):
    roadmap = document()
    page = NewsArticlePageFactory(
        parent=site_tree,
        title="Подписана дорожная карта",
        body=[
            ("paragraph", RichText("<p>Текст.</p>")),
            ("document", {"document": roadmap, "title": "Дорожная карта на 2024–2026 годы"}),
        ],
    )
    publish(page)
    english = translate(
        page,
        {
            "Подписана дорожная карта": "Roadmap signed",
            "Текст.": "Text.",
            "Дорожная карта на 2024–2026 годы": "Roadmap for 2024–2026",
        },
    )

    ru = client.get(link(client.get(page.url).content.decode()))
    en = client.get(link(client.get(english.url).content.decode()))
    for response in (ru, en):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF
    # PDFs open in the browser; saving them uses the name from the page's language.
    assert ru["Content-Disposition"] == (
        "inline; filename*=utf-8''"
        "%D0%94%D0%BE%D1%80%D0%BE%D0%B6%D0%BD%D0%B0%D1%8F%20%D0%BA%D0%B0%D1%80%D1%82%D0%B0"
        "%20%D0%BD%D0%B0%202024%E2%80%932026%20%D0%B3%D0%BE%D0%B4%D1%8B.pdf"
    )
    assert (
        en["Content-Disposition"]
        == "inline; filename*=utf-8''Roadmap%20for%202024%E2%80%932026.pdf"
    )


def test_other_documents_are_attachments_with_a_clean_name(client, site_tree):
    doc = released(document(name="protocol.docx", content=b"PK\x03\x04 protocol"), site_tree)
    response = client.get(doc.url, {"name": '../../etc/passwd "x"\r\nSet-Cookie: a=b'})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="etc passwd x Set-Cookie a=b.docx"'
    # Without a name the stored file name is used.
    assert client.get(doc.url)["Content-Disposition"] == 'attachment; filename="protocol.docx"'


def test_wrong_file_name_and_restricted_collections_are_refused(client):
    doc = document()
    assert client.get(doc.url.replace("roadmap", "other")).status_code == 404
    private = Collection.get_first_root_node().add_child(name="Черновики")
    restricted = document(collection=private)
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = client.get(restricted.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_conditional_requests_are_answered_with_not_modified(client, site_tree):
    doc = released(document(), site_tree)
    first = client.get(doc.url, {"name": "Дорожная карта"})
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified

    again = client.get(doc.url, {"name": "Дорожная карта"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    since = client.get(doc.url, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304

    # A new file under the same document is downloaded again.
    doc.file = ContentFile(PDF.replace(b"roadmap", b"revised"), name="roadmap.pdf")
    doc._set_document_file_metadata()
    doc.save()
    doc.refresh_from_db()
    changed = client.get(doc.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"revised" in b"".join(changed.streaming_content)


def test_no_not_modified_answer_for_a_restricted_document(client, site_tree):
    private = Collection.get_first_root_node().add_child(name="Черновики")
    restricted = released(document(collection=private), site_tree)
    etag = client.get(restricted.url)["ETag"]
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = client.get(restricted.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 302
    assert "login" in response["Location"]
