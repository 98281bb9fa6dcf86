"""How gallery photos are cut and encoded for readers.

Every public rendition goes through PublicFilter, which drops the camera's metadata (GPS
position, serial numbers, owner names, comments) after Wagtail has applied the EXIF
orientation; only the colour profile is kept, so colours stay true.
"""

import functools
from dataclasses import dataclass

from PIL import features

from django.conf import settings
from django.db.models import Prefetch

from wagtail.images import get_image_model
from wagtail.images.image_operations import FilterOperation
from wagtail.images.models import Filter

# Pillow keys that describe how to display pixels, not who took them or where.
KEPT_INFO = {"icc_profile", "transparency", "dpi"}


class StripMetadata(FilterOperation):
    def construct(self):
        pass

    def run(self, willow, image, env):
        pillow_image = willow.get_pillow_image()
        for key in list(pillow_image.info):
            if key not in KEPT_INFO:
                del pillow_image.info[key]
        return willow


class PublicFilter(Filter):
    """Wagtail's filter with metadata stripping appended; same spec, same cache keys."""

    @property
    def filter_operations(self):
        return [*super().filter_operations, StripMetadata("strip")]


def avif_enabled():
    return settings.IMAGE_AVIF and features.check("avif")


# Widths of the article column's srcset; the column is at most 50rem wide, so 1200 px
# covers it on high-density screens.
COLUMN_WIDTHS = (480, 800, 1200)
# Thumbnails are cropped around the focal point, drawn at 96×72 CSS pixels (2x here).
THUMBNAIL = "fill-192x144-c75"
# Full-screen view, bounded on both sides so portrait photos fit a screen too.
FULL_SCREEN = "max-2000x2000"
# Shared on social networks (Open Graph, Twitter card): any gallery photo may become the lead.
SOCIAL = "fill-1200x630|format-jpeg|jpegquality-85"
# Release cards of the home page and archives (templates/includes/article_card.html).
CARD = "fill-480x270|format-webp"
# Photos placed in a release's text (templates/blocks/image.html).
BODY_IMAGE = "width-960|format-webp"
# What listings draw of a release's lead photo: its card and its feed enclosure.
LISTING_SPECS = (CARD, SOCIAL)


@dataclass
class Source:
    mime_type: str
    srcset: str


@dataclass
class GalleryPhoto:
    """Everything a template needs to draw one photo without further queries."""

    item: object
    number: int
    sources: list
    fallback: object
    fallback_srcset: str
    thumbnail: object
    thumbnail_webp: object
    full: object
    full_webp: object


def column_formats():
    return (["avif"] if avif_enabled() else []) + ["webp", "jpeg"]


def specs_for_gallery():
    specs = [f"width-{w}|format-{fmt}" for fmt in column_formats() for w in COLUMN_WIDTHS]
    specs += [f"{THUMBNAIL}|format-webp", f"{THUMBNAIL}|format-jpeg"]
    specs += [f"{FULL_SCREEN}|format-webp", f"{FULL_SCREEN}|format-jpeg"]
    specs.append(SOCIAL)
    return specs


def specs_for_publication():
    """Every size readers may ask for of a published release's photos."""
    return [*specs_for_gallery(), CARD]


@functools.cache
def _filter(spec):
    # Wagtail parses a spec string into operations (through inspect) at every call; pages
    # ask for the same few specs all the time, so each is parsed once per process.
    return Filter(spec=spec)


def renditions_of(image, specs):
    """{spec: rendition} of one image, made now if missing; prefetched ones cost nothing.

    Unlike Image.get_rendition, a rendition found among the prefetched ones is not written
    back to the cache on every page view.
    """
    return image.get_renditions(*(_filter(spec) for spec in specs))


def _srcset(renditions):
    # Small originals are not enlarged, so several widths may give the same file.
    seen, parts = set(), []
    for rendition in renditions:
        if rendition.width not in seen:
            seen.add(rendition.width)
            parts.append(f"{rendition.url} {rendition.width}w")
    return ", ".join(parts)


MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def gallery_photos(items):
    """Renditions for every photo of a gallery, created in one batch per image if missing."""
    specs = specs_for_gallery()
    photos = []
    for item in items:
        renditions = renditions_of(item.image, specs)
        if not all(r.width for r in renditions.values()):
            # Its original is lost and some sizes were never made (logged by the model):
            # the photo is left out rather than drawn as a broken image.
            continue
        number = len(photos) + 1

        def widths(fmt, renditions=renditions):
            return [renditions[f"width-{w}|format-{fmt}"] for w in COLUMN_WIDTHS]

        sources = [Source(MIME_TYPES[fmt], _srcset(widths(fmt))) for fmt in column_formats()[:-1]]
        photos.append(
            GalleryPhoto(
                item=item,
                number=number,
                sources=sources,
                fallback=widths("jpeg")[1],
                fallback_srcset=_srcset(widths("jpeg")),
                thumbnail=renditions[f"{THUMBNAIL}|format-jpeg"],
                thumbnail_webp=renditions[f"{THUMBNAIL}|format-webp"],
                full=renditions[f"{FULL_SCREEN}|format-jpeg"],
                full_webp=renditions[f"{FULL_SCREEN}|format-webp"],
            )
        )
    return photos


def with_gallery_renditions(items):
    """Gallery items with their images and the renditions a gallery needs, in two queries."""
    renditions = get_image_model().get_rendition_model()
    return items.select_related("image__credit__locale").prefetch_related(
        Prefetch(
            "image__renditions",
            queryset=renditions.objects.filter(filter_spec__in=specs_for_gallery()),
            to_attr="prefetched_renditions",
        )
    )
