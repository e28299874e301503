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
