"""An upload answers quickly whatever the photo's size: its sizes are made by the worker
and the request decodes the full-resolution photo at most once."""

import pytest
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageFile

from gallery.models import NewsImage, NewsRendition

from . import photos

pytestmark = pytest.mark.django_db

SIDE = 4000  # 16 million pixels in a PNG of a few kilobytes


def big_png():
    return photos.encode(Image.new("RGB", (SIDE, SIDE), (90, 120, 160)), "PNG")


@pytest.fixture
def full_decodes(monkeypatch):
    """Counts decodes of an image at its full size (a draft or a header read is not one)."""
    decodes = []
    load = ImageFile.ImageFile.load

    def counting_load(self):
        if self.size == (SIDE, SIDE) and not getattr(self, "_full_decode_seen", False):
            self._full_decode_seen = True
            decodes.append(self.format)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return decodes


@pytest.mark.parametrize(
    ("url", "field", "extra"),
    [
        ("/admin/images/multiple/add/", "files[]", {}),
        ("/admin/images/add/", "file", {"title": "Панорама"}),
    ],
)
def test_upload_leaves_the_sizes_to_the_worker(
    editor_client, queued, django_capture_on_commit_callbacks, full_decodes, url, field, extra
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {field: photos.upload("panorama.png", big_png()), **extra}
        )
    assert response.status_code in (200, 302)
    image = NewsImage.objects.get()
    assert (image.width, image.height) == (SIDE, SIDE)
    assert not NewsRendition.objects.filter(filter_spec__contains="format-").exists()
    task = DBTaskResult.objects.get(task_path="gallery.tasks.prepare_gallery_renditions")
    assert task.args_kwargs["args"] == [image.pk]
    assert len(full_decodes) <= 1, full_decodes
