"""Give new versions to the tags a change touches (see cms/cache/__init__.py for the scheme)."""

import logging
from collections import defaultdict

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import COMMENTS_RELATION_NAME, Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.bulk import batch_saved, is_bulk_saving
from core.cache_tags import SITE_TAG, page_tag, page_tags
from core.publication import publication_state_changed

from .tags import ALL_TAG, invalidate

logger = logging.getLogger(__name__)

# Models of Django and Wagtail that pages show without declaring it: shown everywhere, or deciding who sees what.
SITE_WIDE_MODELS = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
}
# Creating one of these changes no page: an image or a document nobody shows yet, or the site settings, which
# Wagtail creates with their defaults while rendering the first page that reads them.
CREATION_CHANGES_NOTHING = {"wagtailimages.image", "wagtaildocs.document", "home.sitesettings"}
# Models that change what search finds and nothing else.
SEARCH_MODELS = {"wagtailsearchpromotions.searchpromotion", "cms_search.synonymgroup"}

# Page fields that drafts, revisions, comments and locks write; the published page stays as it was.
BOOKKEEPING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
    # Wagtail notes an image's size and hash when it first needs them.
    "file_size",
    "file_hash",
}


def _label(instance):
    return instance._meta.label_lower


def _specific(page):
    if type(page) is Page:
        try:
            return page.specific
        except Exception:  # noqa: BLE001 - a page without its specific row can only show itself
            return page
    return page


def tags_changed_by(instance, created=False):
    """Return the tags a change to `instance` makes stale, or an empty set if no response shows it."""
    label = _label(instance)
    if created and label in CREATION_CHANGES_NOTHING:
        return set()
    if isinstance(instance, Page):
        page = _specific(instance)
        declared = getattr(page, "invalidated_cache_tags", None)
        return declared() if declared else {page_tag(page)}
    declared = getattr(instance, "invalidated_cache_tags", None)
    if declared is not None:
        return declared()
    if label in SITE_WIDE_MODELS:
        return {SITE_TAG}
    if label in SEARCH_MODELS:
        return {ALL_TAG}
    return set()


def _stale_tags(instance, created=False):
    try:
        return tags_changed_by(instance, created=created)
    except Exception:  # noqa: BLE001 - when what changed cannot be worked out, everything is stale
        logger.exception("page cache: could not tell what %r changes", instance)
        return {SITE_TAG}


def _invalidate_for(instance, created=False):
    invalidate(_stale_tags(instance, created=created))


def on_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        # Fixtures and restores write rows without their relations yet: whatever they touch, all is stale.
        if _label(instance) in SITE_WIDE_MODELS or hasattr(instance, "invalidated_cache_tags"):
            invalidate({SITE_TAG})
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if isinstance(instance, Page) and is_bulk_saving():
        return  # on_batch_saved works out what the page changes once, not at each of its saves
    _invalidate_for(instance, created=created)


def _is_base_row_of_specific_page(instance):
    # Deleting a page deletes its Page row and its specific row, each with its signals; the specific one speaks.
    return type(instance) is Page and instance.specific_class not in (None, Page)


def on_deleting(sender, instance, **kwargs):
    # Links to other pages are gone after the delete, so what the page changes is read before it.
    if isinstance(instance, Page) and not _is_base_row_of_specific_page(instance):
        try:
            instance._cache_tags_on_delete = tags_changed_by(instance)
        except Exception:  # noqa: BLE001
            logger.exception("page cache: could not tell what deleting %r changes", instance)
            instance._cache_tags_on_delete = {SITE_TAG}


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        if not _is_base_row_of_specific_page(instance):
            invalidate(getattr(instance, "_cache_tags_on_delete", None) or {page_tag(instance)})
        return
    _invalidate_for(instance)


def on_published(sender, instance, **kwargs):
    """Publishing and unpublishing: the page's links as they are now (its save saw them as they were)."""
    if not is_bulk_saving():
        _invalidate_for(instance)


def on_batch_saved(sender, page_ids, **kwargs):
    """A bulk write's batch of pages, as they are at its end: one invalidation for all of them."""
    by_class = defaultdict(list)
    for page in Page.objects.filter(pk__in=page_ids).specific():
        by_class[type(page)].append(page)
    stale = set()
    for cls, pages in by_class.items():
        # A page type that can tell what a change to many of its pages makes stale does so at once (an import's
        # hundred documents: four queries, not four hundred).
        of_many = getattr(cls, "invalidated_cache_tags_of", None)
        try:
            stale |= of_many(pages) if of_many else set().union(*(_stale_tags(page) for page in pages))
        except Exception:  # noqa: BLE001 - as _stale_tags: when what changed cannot be worked out, all is stale
            logger.exception("page cache: could not tell what a batch of %s changes", cls.__name__)
            stale.add(SITE_TAG)
    invalidate(stale)


def on_state_changed(sender, page, **kwargs):
    _invalidate_for(page)


def on_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    parents = [parent.pk for parent in (parent_page_before, parent_page_after) if parent is not None]
    _url_changed(instance, extra=page_tags(parents))


def on_slug_changed(sender, instance, **kwargs):
    _url_changed(instance)


def _url_changed(page, extra=()):
    # Every page linking to it shows the new address. Below a page with children every address changes, and the
    # pages linking to them are not worth finding for something this rare: all is stale.
    changed = {*tags_changed_by(page), *extra}
    if page.get_children_count():
        changed.add(SITE_TAG)
    invalidate(changed)


def register():
    post_save.connect(on_saved, dispatch_uid="page_cache_saved")
    pre_delete.connect(on_deleting, dispatch_uid="page_cache_deleting")
    post_delete.connect(on_deleted, dispatch_uid="page_cache_deleted")
    page_published.connect(on_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_published, dispatch_uid="page_cache_unpublished")
    publication_state_changed.connect(on_state_changed, dispatch_uid="page_cache_state")
    post_page_move.connect(on_moved, dispatch_uid="page_cache_moved")
    batch_saved.connect(on_batch_saved, dispatch_uid="page_cache_batch")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="page_cache_slug")
