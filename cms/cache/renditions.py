"""Generate the image renditions a page shows when it is published, so that its first visitor does not wait.

Pages list what they show through ``renditions_needed()`` ((image, filter spec) pairs in the sizes of
core/renditions.py, which the templates use too).
"""

import logging
from collections import defaultdict

from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def renditions_needed(page):
    declared = getattr(page, "renditions_needed", None)
    return declared() if declared else []


def generate(page):
    """Create the renditions `page` shows that do not exist yet; return how many images were looked at."""
    specs = defaultdict(list)
    images = {}
    for image, spec in renditions_needed(page):
        images[image.pk] = image
        specs[image.pk].append(spec)
    for pk, image in images.items():
        try:
            image.get_renditions(*specs[pk])
        except Exception:  # noqa: BLE001 - a missing or broken file must not stop publishing
            logger.warning("could not generate renditions %s of image %s", specs[pk], pk, exc_info=True)
    return len(images)


def on_published(sender, instance, **kwargs):
    generate(instance)


def register():
    page_published.connect(on_published, dispatch_uid="page_cache_renditions")
