"""`{% rendition image "size" as name %}`: an image in one of the sizes of core/renditions.py."""

from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from core.renditions import SIZES

register = template.Library()


@register.simple_tag
def rendition(image, size):
    """Return the rendition of `image` in the named size, or None without an image."""
    if not image:
        return None
    return get_rendition_or_not_found(image, SIZES[size])
