"""Keep the index in line with the site: every change to a searchable page goes through the outbox."""

import logging

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from core.bulk import batch_saved, is_bulk_saving, pages_saved
from core.publication import publication_state_changed

from . import semantic, terms
from .engine import is_configured
from .outbox import BATCH_SIZE, enqueue
from .registry import document_class_for, searchable_models

logger = logging.getLogger(__name__)


def _affected_ids(page):
    cls = document_class_for(page)
    if cls is None:
        return []
    return [page.pk, *cls.related_page_ids(page)]


# What Wagtail writes on a page's row when it saves a revision: nothing a citizen sees changes.
REVISION_BOOKKEEPING = {"draft_title", "has_unpublished_changes", "latest_revision", "latest_revision_created_at"}


def on_page_changed(sender, instance=None, page=None, update_fields=None, **kwargs):
    """Note the page and the pages whose entries show something of it, for Elasticsearch and the database."""
    if update_fields and set(update_fields) <= REVISION_BOOKKEEPING:
        return
    bulk = is_bulk_saving()
    if bulk and not is_configured():  # nothing to note: an import indexes its pages' words after each batch
        return
    page = page or instance
    ids = _affected_ids(page.specific if type(page) is Page else page)
    if is_configured():
        enqueue(ids)
    if not bulk:  # an import saves a page three times and would segment its whole text each time
        terms.update_pages(ids)


def on_page_published(sender, instance, **kwargs):
    """Compute the page's vector on publishing, so that indexing finds it ready.

    Only Elasticsearch ranks by meaning: without it (the embedded default) no vector is computed, and
    `search_rebuild` or `search_embed` computes the missing ones once it is configured.
    """
    if not is_configured():
        return
    try:
        semantic.store_page_vector(instance)
    except Exception:  # the vector is computed again when the page is indexed; publishing must not fail
        logger.exception("could not compute the semantic vector of page %s", instance.pk)


def on_batch_saved(sender, page_ids, **kwargs):
    """A batch of a bulk import: index its pages' words for the database search, in the batch's transaction."""
    terms.update_pages(page_ids)


def on_pages_saved(sender, page_ids, progress=None, slow_work=True, **kwargs):
    """After a bulk import: compute the vectors it deferred, in batches, and re-index the pages that got one.

    Until then those pages are indexed without a vector and ranked on their words alone.
    """
    page_ids = sorted(page_ids)
    if not slow_work or not semantic.enabled() or not is_configured():
        return None
    computed = semantic.store_vectors(page_ids, progress=progress)
    for start in range(0, len(computed), BATCH_SIZE):  # one outbox round (at most BATCH_SIZE pages) at a time
        enqueue(computed[start : start + BATCH_SIZE])
    return f"语义向量：新计算 {len(computed)} 页"


def on_page_deleting(sender, instance, **kwargs):
    # The relations to other pages are gone after the delete, so they are read before it.
    instance._search_related_ids = _affected_ids(instance)


def on_page_deleted(sender, instance, **kwargs):
    # The page's own rows go with it (a cascade); the related pages' are brought up to date.
    ids = getattr(instance, "_search_related_ids", None) or [instance.pk]
    enqueue(ids)
    # Forgotten without being read: half deleted, the page would be asked for a specific row that is gone.
    terms.forget([instance.pk])
    terms.update_pages([pk for pk in ids if pk != instance.pk])


def register():
    for model in searchable_models():
        # A model's signals do not reach its subclasses' senders, so each concrete page type is connected.
        for concrete in [model, *model.__subclasses__()]:
            post_save.connect(on_page_changed, sender=concrete, dispatch_uid=f"search-save-{concrete.__name__}")
            pre_delete.connect(on_page_deleting, sender=concrete, dispatch_uid=f"search-pre-{concrete.__name__}")
            post_delete.connect(on_page_deleted, sender=concrete, dispatch_uid=f"search-del-{concrete.__name__}")
    page_published.connect(on_page_changed, dispatch_uid="search-published")
    # Whether or not Elasticsearch is configured (the outbox needs it, the vector does not).
    page_published.connect(on_page_published, dispatch_uid="search-embed")
    page_unpublished.connect(on_page_changed, dispatch_uid="search-unpublished")
    batch_saved.connect(on_batch_saved, dispatch_uid="search-bulk-words")
    pages_saved.connect(on_pages_saved, dispatch_uid="search-bulk-vectors")
    publication_state_changed.connect(on_page_changed, dispatch_uid="search-state")
