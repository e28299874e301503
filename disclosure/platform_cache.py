"""The page cache of the platform's pages when a child page of any type goes live or leaves under them.

A platform page lists its children of any type (an annual-report index, a page of rules) and names them in its
cache tags; a child created and published at once was not among them when the parent was cached, and a type of
another app does not name its parent when it changes. So the parent is told here.
"""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms.cache.tags import invalidate
from core.cache_tags import page_tag

from .models.platform import PLATFORM_LISTING, PlatformPage


def _parent_changed(sender, instance, **kwargs):
    parent = Page.objects.filter(path=instance.path[: -Page.steplen], depth=instance.depth - 1).first()
    if parent is not None and issubclass(parent.specific_class or Page, PlatformPage):
        invalidate({page_tag(parent), PLATFORM_LISTING})


def connect():
    page_published.connect(_parent_changed, dispatch_uid="disclosure_platform_child_published")
    page_unpublished.connect(_parent_changed, dispatch_uid="disclosure_platform_child_unpublished")
