"""Photos and documents: what each role may do with them.

Wagtail reads these rights from the collection permissions (wagtailimages and wagtaildocs),
so the tests go through its admin views: the image chooser inside the release form, the
Images menu's multiple upload, editing and deleting.
"""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Collection, GroupPagePermission, Workflow

from gallery.models import NewsImage
from news.roles import groups as roles
from tests.conftest import make_user
from tests.factories import NewsImageFactory
from tests.gallery import photos

pytestmark = pytest.mark.django_db

CHOOSER = reverse("wagtailimages_chooser:choose")
CHOOSER_UPLOAD = reverse("wagtailimages_chooser:create")
MULTIPLE = reverse("wagtailimages:add_multiple")
DOCUMENTS_MULTIPLE = reverse("wagtaildocs:add_multiple")
UPLOADERS = {"press", "editor", "admin"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo_by(user, collection=None):
    # wagtail-factories would make a collection of its own, outside the root's rights.
    return NewsImageFactory(
        uploaded_by_user=user, collection=collection or Collection.get_first_root_node()
    )


def chooser_upload(client, title, width=300):
    return client.post(
        CHOOSER_UPLOAD,
        {
            "image-chooser-upload-title": title,
            "image-chooser-upload-file": photos.upload(f"{title}.jpg", photos.jpeg(width)),
        },
    )


def multiple_upload(client, name="visit.jpg", width=300):
    return client.post(MULTIPLE, {"files[]": photos.upload(name, photos.jpeg(width))})


def test_press_officer_uploads_three_photos_from_the_chooser(client, staff):
    client.force_login(staff["press"])
    chooser = client.get(CHOOSER)
    assert chooser.status_code == 200
    # The chooser opens on an upload tab with its form.
    assert 'name="image-chooser-upload-file"' in chooser.json()["html"]
    for width, title in enumerate(("Подписание", "Переговоры", "Пресс-подход"), start=300):
        response = chooser_upload(client, title, width)
        assert response.status_code == 200
        assert response.json()["step"] == "chosen", response.json()
    uploaded = NewsImage.objects.filter(uploaded_by_user=staff["press"])
    assert sorted(uploaded.values_list("title", flat=True)) == [
        "Переговоры",
        "Подписание",
        "Пресс-подход",
    ]


def test_press_officer_uploads_through_the_images_menu(client, staff):
    client.force_login(staff["press"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{reverse("wagtailimages:index")}"' in dashboard
    assert client.get(MULTIPLE).status_code == 200
    for number in range(3):
        assert (
            multiple_upload(client, f"visit-{number}.jpg", 300 + number).json()["success"] is True
        )
    assert NewsImage.objects.filter(uploaded_by_user=staff["press"]).count() == 3


@pytest.mark.parametrize("role", ["press", "translator", "editor", "admin"])
def test_upload_rights_per_role(client, staff, role):
    client.force_login(staff[role])
    may_upload = role in UPLOADERS
    chooser = client.get(CHOOSER)
    # Every role chooses photos: translators in the translation editor.
    assert chooser.status_code == 200
    assert ('name="image-chooser-upload-file"' in chooser.json()["html"]) is may_upload
    multiple = client.get(MULTIPLE)
    assert (multiple.status_code == 200) is may_upload
    documents = client.get(DOCUMENTS_MULTIPLE)
    assert (documents.status_code == 200) is may_upload


def test_press_officer_edits_and_deletes_only_own_photos(client, staff):
    own = photo_by(staff["press"])
    colleague = photo_by(staff["press2"])
    client.force_login(staff["press"])
    assert client.get(reverse("wagtailimages:edit", args=[own.pk])).status_code == 200
    index = client.get(reverse("wagtailimages:index")).content.decode()
    assert reverse("wagtailimages:edit", args=[own.pk]) in index
    assert reverse("wagtailimages:edit", args=[colleague.pk]) not in index
    client.post(reverse("wagtailimages:delete", args=[own.pk]))
    assert not NewsImage.objects.filter(pk=own.pk).exists()
    assert NewsImage.objects.filter(pk=colleague.pk).exists()


def test_editor_edits_and_deletes_anyones_photo(client, staff):
    photo = photo_by(staff["press"])
    client.force_login(staff["editor"])
    assert client.get(reverse("wagtailimages:edit", args=[photo.pk])).status_code == 200
    client.post(reverse("wagtailimages:delete", args=[photo.pk]))
    assert not NewsImage.objects.filter(pk=photo.pk).exists()


def test_press_officer_uploads_a_document(client, staff):
    client.force_login(staff["press"])
    response = client.post(
        DOCUMENTS_MULTIPLE,
        {"files[]": photos.upload("agreement.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.json()["success"] is True
    assert Document.objects.filter(uploaded_by_user=staff["press"]).count() == 1


def test_rights_hold_in_every_collection(client, staff):
    """Rights sit on the root collection, so a collection made later inherits them."""
    visits = Collection.get_first_root_node().add_child(name="Визиты")
    photo = photo_by(staff["press2"], visits)
    client.force_login(staff["editor"])
    assert client.get(reverse("wagtailimages:edit", args=[photo.pk])).status_code == 200
    client.force_login(staff["press"])
    response = client.post(
        MULTIPLE, {"files[]": photos.upload("v.jpg", photos.jpeg()), "collection": visits.pk}
    )
    assert response.json()["success"] is True
    assert NewsImage.objects.get(uploaded_by_user=staff["press"]).collection == visits


def test_only_the_four_roles_remain():
    assert set(Group.objects.values_list("name", flat=True)) == {
        roles.PRESS_OFFICERS,
        roles.TRANSLATORS,
        roles.EDITORS,
        roles.ADMINISTRATORS,
    }
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
    assert set(publishers.values_list("group__name", flat=True)) == {roles.ADMINISTRATORS}
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_members_of_wagtails_moderators_group_become_editors():
    """An installation that used Wagtail's stock group before the roles keeps its people."""
    migration = importlib.import_module("news.migrations.0017_roles_media_translation")
    moderators = Group.objects.create(name="Moderators")
    moderator = make_user("moderator")
    moderator.groups.add(moderators)
    migration.forwards(apps, None)
    assert not Group.objects.filter(name="Moderators").exists()
    assert list(moderator.groups.values_list("name", flat=True)) == [roles.EDITORS]
