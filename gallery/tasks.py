from django_tasks import task


@task()
def prepare_gallery_renditions(image_id):
    """Make the sizes a gallery shows for a newly uploaded photo, before any reader asks.

    Encoding AVIF takes seconds per size; done on the first page view, a release with many
    photos would keep its first reader waiting, or exceed the web worker's timeout.
    """
    from .renditions import specs_for_gallery

    prepare_renditions([image_id], specs_for_gallery())


@task()
def prepare_release_renditions(image_ids, body_image_ids=()):
    """Make every size a published release shows of its photos, so readers never wait.

    Gallery photos get the gallery, card and social sizes; photos placed in the text get
    the size the text shows them at.
    """
    from .renditions import BODY_IMAGE

    prepare_renditions(image_ids)
    prepare_renditions(body_image_ids, [BODY_IMAGE])


def prepare_renditions(image_ids, specs=None):
    from .models import NewsImage
    from .renditions import renditions_of, specs_for_publication

    specs = specs or specs_for_publication()
    # Renditions made before are read in one query and skipped.
    for image in NewsImage.objects.filter(pk__in=image_ids).prefetch_renditions(*specs):
        renditions_of(image, specs)
