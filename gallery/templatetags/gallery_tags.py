from django import template
from django.utils.translation import gettext

from gallery.renditions import gallery_photos as build_gallery_photos

register = template.Library()


@register.simple_tag
def gallery_photos(items):
    """The gallery's photos with their renditions, see gallery.renditions.gallery_photos."""
    return build_gallery_photos(items)


@register.simple_tag
def counter_pattern():
    """The counter's wording with placeholders, for the script to fill without a catalog."""
    return gettext("Image %(n)s of %(m)s") % {"n": "{n}", "m": "{m}"}
