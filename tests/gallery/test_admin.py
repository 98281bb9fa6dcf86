"""Editing a release's gallery in the admin: several photos at once, order, alt text."""

import pytest

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from news.models import NewsArticleGalleryItem
from tests.factories import NewsArticlePageFactory, NewsImageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def release(site_tree):
    return publish(NewsArticlePageFactory(parent=site_tree, title="Визит в Белград"))


def edit_data(page, items):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "date": "2023-11-15",
            "lead": page.lead,
            "body": streamfield([("paragraph", rich_text("<p>Текст релиза.</p>"))]),
            "tags": "",
            "gallery_items": inline_formset(items),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_gallery_panel_chooses_several_photos_at_once(editor_client, release):
    html = editor_client.get(f"/admin/pages/{release.pk}/edit/").content.decode()
    assert "new window.GalleryPanel(" in html
    assert 'id="id_gallery_items-OPEN_MODAL"' in html
    first, second = NewsImageFactory(), NewsImageFactory()
    response = editor_client.get(
        "/admin/images/chooser/chosen-multiple/", {"id": [first.pk, second.pk]}
    )
    chosen = {int(item["id"]) for item in response.json()["result"]}
    assert chosen == {first.pk, second.pk}


def test_alt_text_is_required_to_publish(editor_client, release):
    image = NewsImageFactory()
    data = edit_data(release, [{"image": image.pk, "caption": "Встреча", "alt_text": ""}])
    response = editor_client.post(
        f"/admin/pages/{release.pk}/edit/", {**data, "action-publish": "1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["gallery_items"].errors
    assert "alt_text" in errors[0]
    assert not NewsArticleGalleryItem.objects.exists()


def test_photos_keep_the_order_the_editor_dragged_them_into(editor_client, release):
    first, second, third = NewsImageFactory(), NewsImageFactory(), NewsImageFactory()
    items = [
        {"image": first.pk, "caption": "Первое", "alt_text": "Первое фото", "ORDER": 3},
        {"image": second.pk, "caption": "Второе", "alt_text": "Второе фото", "ORDER": 1},
        {"image": third.pk, "caption": "Третье", "alt_text": "Третье фото", "ORDER": 2},
    ]
    # Saved as a draft: publishing goes through the editors' approval.
    response = editor_client.post(f"/admin/pages/{release.pk}/edit/", edit_data(release, items))
    assert response.status_code == 302, response.context["form"].errors
    release.refresh_from_db()
    draft = release.get_latest_revision_as_object()
    assert [item.image_id for item in draft.gallery_items.all()] == [
        second.pk,
        third.pk,
        first.pk,
    ]
    assert [item.caption for item in draft.gallery] == ["Второе", "Третье", "Первое"]
