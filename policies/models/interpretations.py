"""A document's interpretations, found through the reverse relation from the interpretations app.

`interpretations` depends on `policies`, never the reverse: nothing here imports that app.
"""

from collections import defaultdict

from django.utils.functional import cached_property

from core.visibility import visible_pages


class PolicyInterpretationsMixin:
    """List the live interpretations of a document, for its page and the API."""

    def live_interpretation_links(self):
        return (
            self.interpretation_links.filter(page__in=visible_pages())
            .select_related("page", "page__listing_image", "page__interpreter")
            .order_by("-page__date_published", "page__pk")
        )

    @cached_property
    def interpretation_pages(self):
        """Return the live interpretations of this document, newest first."""
        return [link.page for link in self.live_interpretation_links()]

    @property
    def interpretations(self):
        """Describe the live interpretations for the API: id, title, kind and URL."""
        return [
            {"id": page.pk, "title": page.title, "kind": page.kind, "url": page.full_url}
            for page in self.interpretation_pages
        ]

    def interpretations_by_kind(self):
        """Group the live interpretations by kind, in the order the kinds are declared."""
        pages = self.interpretation_pages
        if not pages:
            return []
        groups = defaultdict(list)
        for page in pages:
            groups[page.kind].append(page)
        kind_choices = type(pages[0])._meta.get_field("kind").choices
        return [(code, label, groups[code]) for code, label in kind_choices if code in groups]
