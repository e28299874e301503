"""What a citizen may see: the one rule, used by pages, listings, search, the API, feeds, the sitemap, files and
the editorial release.

Two degrees, both of live pages under no view restriction, of a content type that discloses them
(``disclosed()``: a policy document must be 主动公开):
- a citizen may **open** a page at its address unless it was removed in error (``openable()``); a withdrawn page
  still opens, with its withdrawal notice, so links to it keep working;
- a citizen may **find** a page in listings, feeds, search, the API and the sitemap only if it is also not withdrawn
  (``published()``).
The page types without a publication state (the home page, the sections, collections) are seen when live and
public (``visible_pages()``). ``PublicationStateMixin.is_openable`` and ``is_published`` say the same of a page in
memory (without its view restrictions, which take a query).
"""

import datetime

from django.apps import apps
from django.db.models import F, Q
from wagtail.models import Page
from wagtail.query import PageQuerySet

from .publication import PublicationStateMixin


class PublishedQuerySet(PageQuerySet):
    def disclosed(self):
        """Return the pages whose content type lets citizens see them; a type that may withhold pages overrides it."""
        return self

    def openable(self):
        """Return the pages a citizen may open at their address: live, public, disclosed and not removed."""
        return self.live().public().filter(removed_at__isnull=True).disclosed()

    def published(self):
        """Return the pages a citizen may find: those they may open, unless withdrawn."""
        return self.openable().filter(withdrawn_at__isnull=True)

    def newest_first(self):
        """Order by publication date, newest first; pages without one (never published) last on every database."""
        return self.order_by(F("date_published").desc(nulls_last=True), "-pk")

    def published_in(self, year):
        """Return the pages whose publication date falls in `year`."""
        return self.filter(
            date_published__gte=datetime.date(year, 1, 1), date_published__lt=datetime.date(year + 1, 1, 1)
        )


def _stateful_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and issubclass(model, PublicationStateMixin)
        # A subtype's pages are already among those of the type it inherits its state (and manager) from.
        and not any(issubclass(parent, PublicationStateMixin) for parent in model._meta.get_parent_list())
    ]


def visible_pages():
    """Return the pages of every type a citizen may find: those `published()` returns for the page types that have
    a publication state, and the live, public pages of the others (the home page, the sections, collections)."""
    stateful = _stateful_models()
    visible = Q(pk__in=Page.objects.live().public().not_type(*stateful).values("pk"))
    for model in stateful:
        visible |= Q(pk__in=model.objects.published().values("pk"))
    return Page.objects.filter(visible)


def openable_page(pk):
    """Return the specific page `pk` if a citizen may open it at its address (live, public, and for a page type
    with a publication state, ``is_openable``), else None: what share images and share metadata may show."""
    page = Page.objects.live().public().filter(pk=pk).specific().first()
    if page is None or not getattr(page, "is_openable", True):
        return None
    return page
