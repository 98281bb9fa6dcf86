"""The S3 endpoint stops answering while editors upload photos: they are told so in their
language, no image or rendition is recorded, and no page fails with a server error."""

import pytest

from gallery.models import NewsImage, NewsRendition
from tests.migrated import restore_migrated_data

from . import photos
from .s3 import S3Server, use_bucket

# Committed for real, as in production: a failed save inside the test's own transaction
# would leave it unusable, which no request sees outside tests.
pytestmark = pytest.mark.django_db(transaction=True)

RU_MESSAGE = "хранилище файлов не отвечает"
EN_MESSAGE = "the media storage is not answering"


@pytest.fixture(autouse=True)
def _migrated_data(transactional_db):
    restore_migrated_data()


@pytest.fixture
def stopped_bucket(settings, monkeypatch):
    """A bucket that worked for one upload, then its server went away."""
    server = S3Server().start()
    try:
        keys = use_bucket(settings, monkeypatch, server.url)
    except BaseException:
        server.stop()
        raise
    return server, keys


def upload_single(client, name="visit.jpg"):
    return client.post(
        "/admin/images/add/",
        {"title": "Визит делегации", "file": photos.upload(name, photos.jpeg(800, 500))},
    )


def upload_multiple(client, name="visit.jpg"):
    return client.post(
        "/admin/images/multiple/add/", {"files[]": photos.upload(name, photos.jpeg(800, 500))}
    )


def test_upload_with_the_bucket_down_is_refused_cleanly(
    editor_client, stopped_bucket, media_root, stored, django_capture_on_commit_callbacks
):
    server, keys = stopped_bucket
    # While the server answers, uploads go to the bucket.
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_multiple(editor_client).json()["success"] is True
    (first,) = NewsImage.objects.all()
    assert keys("original_images/") == [first.file.name]
    renditions = NewsRendition.objects.count()
    server.stop()

    response = upload_single(editor_client)
    assert response.status_code == 302
    assert response["Location"] == "/admin/images/add/"
    page = editor_client.get(response["Location"])
    assert page.status_code == 200
    assert RU_MESSAGE in page.content.decode()

    response = upload_multiple(editor_client)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert RU_MESSAGE in data["error_message"]

    assert list(NewsImage.objects.all()) == [first]
    assert NewsRendition.objects.count() == renditions
    assert NewsRendition.objects.exclude(image=first).count() == 0
    assert stored() == []  # nothing fell back to the local disk


def test_the_message_follows_the_editors_language(english_editor_client, stopped_bucket):
    server, _keys = stopped_bucket
    server.stop()
    data = upload_multiple(english_editor_client).json()
    assert data["success"] is False
    assert EN_MESSAGE in data["error_message"]
    response = upload_single(english_editor_client)
    page = english_editor_client.get(response["Location"])
    assert EN_MESSAGE in page.content.decode()
    assert not NewsImage.objects.exists()
