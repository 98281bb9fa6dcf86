from django_tasks import task


@task()
def prepare_gallery_renditions(image_id):
    """Make the sizes a gallery shows for a newly uploaded photo, before any reader asks.

    Encoding AVIF takes seconds per size; done on the first page view, a release with many
    photos would keep its first reader waiting, or exceed the web worker's timeout.
    """
    from .models import NewsImage
    from .renditions import specs_for_gallery

    image = NewsImage.objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*specs_for_gallery())
