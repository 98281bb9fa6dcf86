"""Originals, renditions and documents on S3, against a local S3-compatible server."""

import urllib.error
import urllib.parse
import urllib.request
from io import BytesIO

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model

from gallery.models import NewsImage, NewsRendition
from news.models import NewsArticleGalleryItem
from tests.factories import NewsArticlePageFactory, publish

from . import photos
from .s3 import S3Server, use_bucket

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    server = S3Server().start()
    yield server.url
    server.stop()


def fetch(url):
    """GET over HTTP, straight to the local server (never through a proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as response:  # noqa: S310 - local test server
        return response.status, response.headers, response.read()


@pytest.fixture
def bucket(settings, s3_endpoint, monkeypatch):
    return use_bucket(settings, monkeypatch, s3_endpoint)


def test_originals_and_renditions_live_in_the_bucket(
    editor_client, client, site_tree, bucket, media_root, django_capture_on_commit_callbacks
):
    content = photos.jpeg(1300, 900)
    for _ in range(2):
        response = editor_client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile("signing.jpg", content)},
        )
        assert response.json()["success"] is True
    first, second = NewsImage.objects.order_by("pk")
    # Same file name twice: both kept, neither overwritten.
    assert first.file.name != second.file.name
    assert set(bucket("original_images/")) == {first.file.name, second.file.name}
    assert not list(media_root.rglob("*.jpg"))  # nothing went to the local disk

    page = publish(NewsArticlePageFactory(parent=site_tree))
    NewsArticleGalleryItem.objects.create(page=page, image=first, alt_text="Подписание")
    html = client.get(page.url).content.decode()
    renditions = NewsRendition.objects.filter(image=first)
    assert renditions.count() >= 8
    assert {r.file.name for r in renditions} <= set(bucket("images/"))

    # The original is private: a signed URL reads it, a bare one is refused.
    signed = first.file.url
    assert "Signature=" in signed or "X-Amz-Signature=" in signed
    status, _headers, body = fetch(signed)
    assert status == 200 and body == content
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(signed.split("?")[0])
    assert refused.value.code == 403
    # Renditions are public: the page links them without a signature.
    fallback = next(r for r in renditions if r.filter_spec == "width-800|format-jpeg")
    assert fallback.url in html and "Signature" not in fallback.url
    status, headers, body = fetch(fallback.url)
    assert status == 200
    assert Image.open(BytesIO(body)).size == (fallback.width, fallback.height) == (800, 553)

    # Deleting the photo in the admin removes the original and every rendition.
    # Wagtail removes the files once the deletion is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/images/{first.pk}/delete/")
    assert response.status_code == 302
    assert bucket("original_images/") == [second.file.name]
    assert not [key for key in bucket("images/") if key.startswith(f"images/{first.file.name}")]
    assert not NewsRendition.objects.filter(image_id=first.pk).exists()
    assert not bucket("images/")


def test_documents_are_served_from_the_bucket_with_the_readers_name(editor_client, client, bucket):
    pdf = b"%PDF-1.4\n% roadmap\n" + b"0" * 2048 + b"\n%%EOF\n"
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("roadmap-2024.pdf", pdf, "application/pdf")},
    )
    assert response.json()["success"] is True
    document = get_document_model().objects.get()
    assert bucket("documents/") == [document.file.name]

    name = urllib.parse.quote("Дорожная карта 2024–2026")
    response = client.get(f"{document.url}?name={name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%D0%94%D0%BE%D1%80" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf
