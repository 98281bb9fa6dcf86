"""Hostile files offered as photos: refused with what they really are, nothing stored."""

import pytest

from wagtail.users.models import UserProfile

from gallery.models import NewsImage
from tests.gallery import photos

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def english_editor_client(client, staff, media_root):
    """An editor, using the admin in English."""
    editor = staff["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)
    return client


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


PAGES = [
    b"<!DOCTYPE html>\n<html><head><title>Login</title></head>"
    b"<body><script>document.location='//evil.example'</script></body></html>",
    b"\xef\xbb\xbf  <html>\n<body onload=alert(1)>hi</body></html>",
    b"<HEAD><META HTTP-EQUIV=refresh CONTENT='0;url=//evil.example'></HEAD>",
]


@pytest.mark.parametrize("name", ["photo.jpg", "photo.png", "photo.webp"])
@pytest.mark.parametrize("content", PAGES)
def test_html_renamed_to_an_image_is_called_html(english_editor_client, media_root, name, content):
    response = english_editor_client.post(
        "/admin/images/multiple/add/", {"files[]": photos.upload(name, content, "image/jpeg")}
    )
    data = response.json()
    assert data["success"] is False
    assert "web page (HTML), not an image" in data["error_message"]
    assert "svg" not in data["error_message"]
    assert not NewsImage.objects.exists()
    assert stored_files(media_root) == []


def test_single_upload_says_html_too(english_editor_client):
    response = english_editor_client.post(
        "/admin/images/add/", {"title": "Фото", "file": photos.upload("photo.jpg", PAGES[0])}
    )
    assert response.status_code == 200
    assert "web page (HTML), not an image" in response.content.decode()
    assert not NewsImage.objects.exists()
