"""Saving many pages at once (an import): work that every save would repeat is done once, after the pages.

Inside `bulk_saving()`, receivers in the layers above that can do their part later for all the pages at once
skip it (cms.search computes no page vector on publishing, and indexes a page without one); the writer then
sends `batch_saved` after each batch and `pages_saved` with the ids of all the pages it saved, once they are
committed, and those receivers do their part in batches. The flag is per thread: a management command's bulk
saving never changes what a request does.
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.dispatch import Signal
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Page, PageLogEntry, Revision
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
    previous, previous_checked = getattr(_state, "active", False), getattr(_state, "checked", None)
    _state.active, _state.checked = True, set()
    try:
        yield
    finally:
        _state.active, _state.checked = previous, previous_checked


def forget_checked():
    """Forget which rows a bulk write found (BulkSavingMixin): call it when a savepoint of the write is undone,
    as a row the undone part created is gone with it."""
    if getattr(_state, "checked", None) is not None:
        _state.checked.clear()


class BulkSavingMixin:
    """What a page type gains in a bulk write (an import): each foreign key's row checked once, and the log entries
    of a page added published (`add_published_child`) written together.

    Django's validation asks the database for the row of each foreign key (a query each: the content type, the
    locale, the agency, the division, the topic of every imported document). Rows it found once in the bulk write
    are not asked for again; the writer calls `forget_checked` when it undoes part of its work. Everything else
    of the field (its null and blank rules) is still checked.
    """

    def clean_fields(self, exclude=None):
        checked = getattr(_state, "checked", None) if is_bulk_saving() else None
        if checked is None:
            return super().clean_fields(exclude=exclude)
        exclude, found = set(exclude or ()), []
        for field in self._meta.concrete_fields:
            if field.many_to_one and field.name not in exclude and not field.remote_field.parent_link:
                value = getattr(self, field.attname)
                if value is None:
                    continue
                if (field, value) in checked:
                    exclude.add(field.name)
                else:
                    found.append((field, value))
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            checked.update(key for key in found if key[0].name not in error.error_dict)
            raise
        checked.update(found)

    def save(self, *args, **kwargs):
        # add_published_child writes this new page's create entry itself, with its publish entry (see there).
        if self._state.adding and getattr(self, "_creation_logged_in_bulk", False):
            kwargs["log_action"] = None
        return super().save(*args, **kwargs)


def is_bulk_saving():
    """Return whether this thread is saving pages in bulk."""
    return getattr(_state, "active", False)


def _serializable_data_of_new(page, held):
    """Return `page.serializable_data()` of a page just created with the child objects `held` in memory.

    modelcluster wrote those children when the page was saved and then forgot them, so the revision's data would read
    each child relation back (one query a relation, five a document). A new page's children are the ones it was
    saved with, so they are handed over as if prefetched; the cache goes again before anyone else can read it.
    """
    page._prefetched_objects_cache = {
        relation.get_accessor_name(): list(held.get(relation.get_accessor_name(), ()))
        for relation in get_all_child_relations(page)
    }
    try:
        return page.serializable_data()
    finally:
        del page._prefetched_objects_cache


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
    # Wagtail would read the parent's row again for its locale, which a new page takes from its parent.
    if page.locale_id is None:
        page.locale_id = parent.locale_id
    held = dict(getattr(page, "_cluster_related_objects", {}))
    page._creation_logged_in_bulk = isinstance(page, BulkSavingMixin)
    try:
        parent.add_child(instance=page)  # validated, as a live page is; Wagtail logs wagtail.create unless we do
    finally:
        del page._creation_logged_in_bulk
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=_serializable_data_of_new(page, held),
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
    if isinstance(page, BulkSavingMixin):
        _log_created_and_published(page, revision, user, created_at=now)
    else:
        log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    # The revision holds this very instance as its content object: publishing it again later (a revert) would
    # bring back the instance's state as it is then. Forgotten, the page is read from the database when needed;
    # reading it back here instead cost 3 ms a page (a law's whole body), a fifth of an import's saving.
    Revision._meta.get_field("content_object").delete_cached_value(revision)
    return revision


def _log_created_and_published(page, revision, user, created_at):
    """Write the wagtail.create and wagtail.publish entries of a new page, as Wagtail's `log` would, in one insert.

    Wagtail validates each entry before saving it, a query for each of its foreign keys (content type, page,
    revision): five queries a page of an import, for rows this very function has just created.
    """
    context = get_active_log_context()
    common = {
        "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
        "label": page.get_admin_display_title(),
        "data": {},
        "uuid": context.uuid,
        "page": page,
        "content_changed": True,
    }
    creator_id = user.pk if user else page.owner_id  # Wagtail logs a creation as the page's owner's
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                action="wagtail.create", timestamp=created_at, user_id=_user_id(creator_id, context), **common
            ),
            PageLogEntry(
                action="wagtail.publish",
                timestamp=timezone.now(),
                revision=revision,
                user_id=_user_id(user.pk if user else None, context),
                **common,
            ),
        ]
    )


def _user_id(user_id, context):
    return user_id or (context.user.pk if context.user else None)
