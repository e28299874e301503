"""How a policy document appears in the search index (see cms/search/documents.py for the mapping)."""

import datetime

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from cms.search.documents import ContentDocument, article, words

from .models import PolicyPage, PolicyRelation
from .validity import RelationKind

# A changing document with no commencement date counts as in force from the start.
_ALWAYS = datetime.date(1900, 1, 1)


class PolicyDocument(ContentDocument):
    model = PolicyPage
    kinds = {"policy": _("政策文件")}

    @classmethod
    def indexable(cls):
        return PolicyPage.objects.published().select_related("issuing_agency", "topic").prefetch_related("tags")

    @classmethod
    def prepare(cls, pages):
        prefetch_related_objects(pages, "topic", "issuing_agency")
        return pages

    @classmethod
    def facet_fields(cls, page):
        return {
            "kind": "policy",
            "topics": [page.topic.name] if page.topic else [],
            "agencies": [page.issuing_agency.name] if page.issuing_agency else [],
        }

    @classmethod
    def fields_for(cls, page):
        tags = " ".join(tag.name for tag in page.tags.all())
        articles = [
            article(block.value.label(), block.value.anchor(), block.value["text"])
            for block in page.body
            if block.block_type == "article"
        ]
        # The body's words are the articles' words (segmented once, the slow part of indexing) and the rest.
        other_text = " ".join(
            block.value["heading"]
            if block.block_type == "chapter"
            else " ".join(str(t) for t in block.block.get_searchable_content(block.value))
            for block in page.body
            if block.block_type != "article"
        )
        return {
            **cls.facet_fields(page),
            "doc_number": page.doc_number,
            "summary": " ".join(part for part in (page.summary, tags) if part),
            "body": page.body_text(),
            "body_words": " ".join([words(other_text), *(a.text_words for a in articles)]),
            "articles": articles,
            "date_effective": page.date_effective,
            "date_expires": page.date_expires,
            "expiry_declared": page.expiry_declared,
            **_changed_on(page),
        }

    @classmethod
    def related_page_ids(cls, page):
        """Return the documents this one changes (their validity) and its interpretations (their facets)."""
        targets = PolicyRelation.objects.filter(source=page).values_list("target_id", flat=True)
        interpretations = page.interpretation_links.values_list("page_id", flat=True)
        return [*targets, *interpretations]


def _changed_on(page):
    """Return the earliest dates from which live documents repeal and amend `page`."""
    dates = {"repealed_on": None, "amended_on": None}
    for relation in page.changed_by.filter(source__live=True).select_related("source"):
        name = "amended_on" if relation.kind == RelationKind.AMENDS else "repealed_on"
        since = relation.source.date_effective or _ALWAYS
        dates[name] = min(dates[name] or since, since)
    return dates
