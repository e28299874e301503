"""Which uploaded files (documents and images) a citizen may reach.

A file is public while a page a citizen may see (``visible_pages()``) uses it, or when staff have put it in the
公开资料 collection (or a collection under it). Uses are read from Wagtail's reference index, which records every
foreign key, child row (a policy's attachments, an infographic's images), chooser block and rich-text link of a page
and of a snippet; a file a snippet references counts as used by the pages showing that snippet (an interpreter's
photo). The index is built from the page's row, which holds its live content: what a draft adds, kept in
revisions, is not a use until it is published.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast, Substr
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.signal_handlers import reference_index_auto_update_disabled
from wagtail.signals import page_published

from .visibility import visible_pages

# Created by a data migration as a child of the root collection; renaming it makes its files private again.
PUBLIC_COLLECTION_NAME = "公开资料"


def _as_text(expression):
    # The reference index keeps object ids as text, whatever the type of the primary key.
    return Cast(expression, output_field=CharField(max_length=255))


def _in_public_collection():
    top_level = Collection.objects.filter(
        depth=2,
        name=PUBLIC_COLLECTION_NAME,
        path=Substr(OuterRef("collection__path"), 1, 2 * Collection.steplen),
    )
    return Exists(top_level)


def reachable(queryset):
    """Return the files of `queryset` (documents or images) that a citizen may reach."""
    page_type = ContentType.objects.get_for_model(Page)
    shown_pages = visible_pages().annotate(key=_as_text("pk")).values("key")
    uses = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(queryset.model),
        to_object_id=_as_text(OuterRef("pk")),
    )
    shown_snippets = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        object_id__in=shown_pages,
        to_content_type=OuterRef("base_content_type"),
        to_object_id=OuterRef("object_id"),
    )
    public = queryset.model._default_manager.filter(
        Exists(uses.filter(base_content_type=page_type, object_id__in=shown_pages))
        | Exists(uses.exclude(base_content_type=page_type).filter(Exists(shown_snippets)))
        | _in_public_collection()
    )
    # A filter on the primary key alone, which Wagtail's search backends can apply to their results too.
    return queryset.filter(pk__in=public.values("pk"))


def is_reachable(file):
    """Return whether a citizen may reach `file` (a document or an image)."""
    return reachable(type(file).objects.filter(pk=file.pk)).exists()


def _reindex_references(sender, instance, **kwargs):
    # modelcluster saves a page's child rows after the page itself, and Wagtail re-indexes the page when a child row
    # is saved, not when one is deleted: removing the last attachment would leave the file counted as used.
    # Whoever switched Wagtail's own updates off (a bulk import) indexes the page itself once it is saved.
    if getattr(reference_index_auto_update_disabled, "value", False):
        return
    ReferenceIndex.create_or_update_for_object(instance)


def register():
    page_published.connect(_reindex_references, dispatch_uid="home_files_reindex_references")
