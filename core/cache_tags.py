"""Names for what a rendered public page shows, so that a page cache can tell which pages a change makes stale.

Content models declare their dependencies; they never import the cache (cms/cache reads the declarations):

- a page's ``cache_tags()`` names everything its rendering reads: itself, the pages it links to or lists
  (in either direction, live or not, so that one of them going live is seen too), the reference data it shows;
- a changed object's ``invalidated_cache_tags()`` names what its change makes stale: for a page, itself, the
  listings it appears in and the pages whose links it owns; for reference data, its own tag and its model's.
  A page type may also declare the class method ``invalidated_cache_tags_of(pages)``, the same for many of its
  pages at once, which a bulk write's batch uses.

Link rows (an interpretation's documents, a document's relations) declare ``invalidated_cache_tags()`` too, so a
link written straight to the table is seen like one written by publishing. Both methods read ids only, or one
query per kind of link, never one query per linked page.

Some content changes at a time without any edit (a consultation opens for comments, closes): no signal tells the
cache. An app with such content registers the Wagtail hook ``TIMED_CHANGES_HOOK``: a function ``(after, until)``
returning ``(moment, tags)`` for each change in ``(after, until]``, the tags being those an edit making the same
change would invalidate. A cached response showing any of those tags is kept no later than the moment
(cms/cache/timed.py).
"""

# Every page shows the site's name and footer (SiteSettings), and images and documents by their current files;
# a change to one of those is rare and reaches every cached page.
SITE_TAG = "site"

# The hook of changes made by the clock, not by an edit (see above).
TIMED_CHANGES_HOOK = "timed_cache_changes"


def _label(model):
    """Return a model's label ("policies.topic"), also for a label given as a string (to avoid an import)."""
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def page_tag(page_or_id):
    """Return the tag of one page: everything that shows the page depends on it."""
    return f"page:{getattr(page_or_id, 'pk', page_or_id)}"


def page_tags(ids):
    return {page_tag(pk) for pk in ids if pk}


def model_tag(model):
    """Return the tag of every object of `model` (e.g. a listing's filter choices show them all)."""
    return _label(model)


def object_tag(model, pk):
    """Return the tag of one object of `model`; None when there is no object (an empty foreign key)."""
    return f"{_label(model)}:{pk}" if pk else None


def listing_tag(model):
    """Return the tag of the listings of `model`'s pages: any page of the model appearing, changing or going."""
    return f"list:{_label(model)}"


def tags(*names):
    """Return the given tags as a set, leaving out the None of an empty foreign key."""
    return {name for name in names if name}


class ReferenceDataCacheTags:
    """Reference data (topics, agencies, divisions): pages name one object; listings and filters, the model."""

    def invalidated_cache_tags(self):
        return tags(model_tag(type(self)), object_tag(type(self), self.pk))
