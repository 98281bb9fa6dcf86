from django_tasks import task

from django.conf import settings
from django.db import transaction

from .models import NewsImage
from .renditions import BODY_IMAGE, renditions_of, specs_for_gallery, specs_for_publication


@task()
def prepare_gallery_renditions(image_id):
    """Make the sizes a gallery shows for a newly uploaded photo, before any reader asks.

    Encoding AVIF takes seconds per size; done on the first page view, a release with many
    photos would keep its first reader waiting, or exceed the web worker's timeout.
    """
    prepare_renditions([image_id], specs_for_gallery())


@task()
def prepare_release_renditions(image_ids, body_image_ids=()):
    """Make every size a published release shows of its photos, so readers never wait.

    Gallery photos get the gallery, card and social sizes; photos placed in the text get
    the size the text shows them at.
    """
    prepare_renditions(image_ids)
    prepare_renditions(body_image_ids, [BODY_IMAGE])


def prepare_renditions(image_ids, specs=None):
    specs = specs or specs_for_publication()
    # Renditions made before are read in one query and skipped.
    for image in NewsImage.objects.filter(pk__in=image_ids).prefetch_renditions(*specs):
        renditions_of(image, specs)


def prepare_uploaded_photo(sender, instance, **kwargs):
    """Once an upload form saved a photo, its gallery sizes are made before anyone asks.

    The worker makes them: a large photo takes a minute and a gigabyte to encode in every
    size, which the upload request must not wait for.
    """
    if instance.prepare_renditions:
        instance.prepare_renditions = False
        pk = instance.pk
        worker = prepare_gallery_renditions.using(backend=settings.WORKER_TASK_BACKEND)
        transaction.on_commit(lambda: worker.enqueue(pk))
