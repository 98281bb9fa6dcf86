"""Attempts on photos and documents by roles that may not, and by strangers.

A press officer changes and deletes only the photos they uploaded; a translator only
chooses; a signed-in account without a role, or a visitor, does nothing at all. Each
attempt goes through a door of Wagtail's admin, and the same request from an editor shows
that it is the rights, not a malformed request, that stop it.
"""

import pytest

from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection

from gallery.models import NewsImage
from tests.conftest import make_user
from tests.factories import NewsImageFactory
from tests.gallery import photos

pytestmark = pytest.mark.django_db

ROOT_TITLE = "Подписание соглашения"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def collections(db):
    root = Collection.get_first_root_node()
    return {"root": root, "archive": root.add_child(name="Архив")}


@pytest.fixture
def colleague_photo(staff, collections):
    """A photo another press officer uploaded."""
    return NewsImageFactory(
        title=ROOT_TITLE, uploaded_by_user=staff["press2"], collection=collections["root"]
    )


@pytest.fixture
def colleague_document(staff, collections):
    document = Document.objects.create(
        title="Протокол", uploaded_by_user=staff["press2"], collection=collections["root"]
    )
    document.file.save("protocol.pdf", photos.upload("protocol.pdf", b"%PDF-1.4\n%%EOF\n"))
    return document


@pytest.fixture
def actor(client, staff, request):
    """The client of the role the test is parametrised with, or of nobody."""
    name = request.param
    if name == "outsider":
        client.force_login(make_user("outsider"))
    elif name != "anonymous":
        client.force_login(staff[name])
    return client


def edit_photo(client, photo, **changes):
    data = {"title": photo.title, "collection": photo.collection_id, **changes}
    return client.post(reverse("wagtailimages:edit", args=[photo.pk]), data)


def bulk_move(client, photo, collection):
    url = reverse("wagtail_bulk_action", args=["gallery", "newsimage", "add_to_collection"])
    return client.post(f"{url}?id={photo.pk}", {"collection": collection.pk})


def bulk_delete(client, photo):
    url = reverse("wagtail_bulk_action", args=["gallery", "newsimage", "delete"])
    return client.post(f"{url}?id={photo.pk}")


NOT_OWNERS = ["press", "translator", "outsider", "anonymous"]
NOT_UPLOADERS = ["translator", "outsider", "anonymous"]


@pytest.mark.parametrize("actor", NOT_OWNERS, indirect=True)
def test_someone_elses_photo_cannot_be_renamed(actor, colleague_photo):
    edit_photo(actor, colleague_photo, title="Подмена")
    assert NewsImage.objects.get(pk=colleague_photo.pk).title == ROOT_TITLE


@pytest.mark.parametrize("actor", NOT_OWNERS, indirect=True)
def test_someone_elses_photo_cannot_be_deleted(actor, colleague_photo):
    actor.post(reverse("wagtailimages:delete", args=[colleague_photo.pk]))
    actor.post(reverse("wagtailimages:delete_multiple", args=[colleague_photo.pk]))
    bulk_delete(actor, colleague_photo)
    assert NewsImage.objects.filter(pk=colleague_photo.pk).exists()


@pytest.mark.parametrize("actor", NOT_OWNERS, indirect=True)
def test_someone_elses_photo_cannot_change_collection(actor, colleague_photo, collections):
    archive = collections["archive"]
    edit_photo(actor, colleague_photo, collection=archive.pk)
    bulk_move(actor, colleague_photo, archive)
    assert NewsImage.objects.get(pk=colleague_photo.pk).collection_id == collections["root"].pk


@pytest.mark.parametrize("actor", NOT_OWNERS, indirect=True)
def test_someone_elses_document_cannot_be_changed_or_deleted(actor, colleague_document):
    actor.post(
        reverse("wagtaildocs:edit", args=[colleague_document.pk]),
        {"title": "Подмена", "collection": colleague_document.collection_id},
    )
    actor.post(reverse("wagtaildocs:delete", args=[colleague_document.pk]))
    assert Document.objects.get(pk=colleague_document.pk).title == "Протокол"


@pytest.mark.parametrize("actor", NOT_UPLOADERS, indirect=True)
def test_no_upload_without_the_right(actor):
    actor.post(
        reverse("wagtailimages:add_multiple"), {"files[]": photos.upload("a.jpg", photos.jpeg())}
    )
    actor.post(
        reverse("wagtailimages:add"),
        {"title": "Фото", "file": photos.upload("b.jpg", photos.jpeg(301))},
    )
    actor.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Фото",
            "image-chooser-upload-file": photos.upload("c.jpg", photos.jpeg(302)),
        },
    )
    actor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": photos.upload("d.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert not NewsImage.objects.exists()
    assert not Document.objects.exists()


@pytest.mark.parametrize("actor", ["outsider", "anonymous"], indirect=True)
def test_strangers_choose_nothing(actor, colleague_photo):
    response = actor.get(reverse("wagtailimages_chooser:choose"))
    assert ROOT_TITLE not in response.content.decode()
    response = actor.get(reverse("wagtailimages_chooser:chosen", args=[colleague_photo.pk]))
    assert response.status_code in (302, 403)


def test_an_editor_does_what_the_others_are_refused(client, staff, colleague_photo, collections):
    """The control: the same requests work for a role that holds the right."""
    client.force_login(staff["editor"])
    edit_photo(client, colleague_photo, title="Новое название")
    assert NewsImage.objects.get(pk=colleague_photo.pk).title == "Новое название"
    bulk_move(client, colleague_photo, collections["archive"])
    photo = NewsImage.objects.get(pk=colleague_photo.pk)
    assert photo.collection_id == collections["archive"].pk
    bulk_delete(client, photo)
    assert not NewsImage.objects.filter(pk=photo.pk).exists()


def test_a_press_officer_moves_own_photo_only_where_they_may_add(client, staff, collections):
    own = NewsImageFactory(uploaded_by_user=staff["press"], collection=collections["root"])
    client.force_login(staff["press"])
    edit_photo(client, own, title="Своё фото", collection=collections["archive"].pk)
    own.refresh_from_db()
    assert (own.title, own.collection_id) == ("Своё фото", collections["archive"].pk)
