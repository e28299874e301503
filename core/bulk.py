"""Saving many pages at once (an import): work that every save would repeat is done once, after the pages.

Inside `bulk_saving()`, receivers in the layers above that can do their part later for all the pages at once
skip it (cms.search computes no page vector on publishing, and indexes a page without one); the writer then
sends `batch_saved` after each batch and `pages_saved` with the ids of all the pages it saved, once they are
committed, and those receivers do their part in batches. The flag is per thread: a management command's bulk
saving never changes what a request does.
"""

import threading
from contextlib import contextmanager

from django.dispatch import Signal
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published

_state = threading.local()

# Sent by a bulk writer inside the transaction of each batch of saved pages, with `page_ids`: for the work that
# is quick per page but would be repeated by each save (cms.search: the database search's words), done while the
# batch's texts are still at hand (core.segmentation.presegmented).
batch_saved = Signal()

# Sent by a bulk writer after its pages are committed, with `page_ids`, `progress` (None or a callable taking a
# number of pages done) and `slow_work` (False: leave what takes long, the page vectors, to its own command).
# A receiver returns a line for the person running the writer, or None.
pages_saved = Signal()


@contextmanager
def bulk_saving():
    """Mark the saves of this thread as part of a bulk write, whose writer sends `pages_saved` afterwards."""
    previous = getattr(_state, "active", False)
    _state.active = True
    try:
        yield
    finally:
        _state.active = previous


def is_bulk_saving():
    """Return whether this thread is saving pages in bulk."""
    return getattr(_state, "active", False)


def add_published_child(parent, page, *, user=None):
    """Add the new `page` under `parent`, published, with its first revision; return the revision.

    What `add_child`, `save_revision` and `publish` leave for a new page (the live row pointing at its revision,
    the create and publish log entries, `page_published` for the receivers), with one validated save of the page
    instead of three: Wagtail's publish saves and validates the whole page again, and its receivers work out the
    same cache tags each time, which an import of thousands of documents pays for each one.
    """
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    parent.add_child(instance=page)  # validated, as a live page is; logs wagtail.create
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at, page.draft_title = revision.created_at, page.title
    # Bookkeeping the page row only, as save_revision's own update: no signal needs to hear of it.
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
    )
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    # Read back, as a caller does after publish: the revision holds this very instance as its content object,
    # and publishing the revision again later (a revert) would bring back the page's state as it is now.
    page.refresh_from_db()
    return revision
