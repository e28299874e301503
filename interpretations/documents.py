"""How an interpretation of any kind appears in the search index (see cms/search/documents.py)."""

from django.db.models import prefetch_related_objects

from cms.search.documents import ContentDocument, article

from .models import InterpretationPage, Kind, QAInterpretationPage, _html_text


def interpreted_documents(page):
    """Return the documents a citizen can open among those `page` interprets (read from prefetched links)."""
    return [link.policy for link in page.policy_links.all() if link.policy.is_openable]


class InterpretationDocument(ContentDocument):
    model = InterpretationPage
    kinds = dict(Kind.choices)

    @classmethod
    def indexable(cls):
        return InterpretationPage.objects.published()

    @classmethod
    def kind_of(cls, page):
        return page.kind

    @classmethod
    def pages(cls, queryset):
        return cls.prepare(list(queryset.specific()))

    @classmethod
    def prepare(cls, pages):
        # What an entry reads of the interpreted documents, fetched for the whole batch at once.
        prefetch_related_objects(pages, "policy_links__policy__topic", "policy_links__policy__issuing_agency")
        return pages

    @classmethod
    def facet_fields(cls, page):
        # An interpretation is found under the topic and agency of the documents it interprets.
        policies = interpreted_documents(page)
        return {
            "kind": page.kind,
            "topics": sorted({policy.topic.name for policy in policies if policy.topic_id}),
            "agencies": sorted({policy.issuing_agency.name for policy in policies if policy.issuing_agency_id}),
        }

    @classmethod
    def fields_for(cls, page):
        fields = {
            **cls.facet_fields(page),
            "summary": " ".join(part for part in (page.summary, page.interpreter_name) if part),
            "body": page.kind_text(),
            "related": " ".join(policy.title for policy in interpreted_documents(page)),
        }
        if isinstance(page, QAInterpretationPage):
            fields["articles"] = [
                article(qa.question, qa.anchor, f"{qa.question} {_html_text(qa.answer)}") for qa in page.questions.all()
            ]
        return fields

    @classmethod
    def passages(cls, page):
        # A Q&A's questions: the database fallback scores the question alone.
        if isinstance(page, QAInterpretationPage):
            return [(qa.question, qa.anchor, qa.question) for qa in page.questions.all()]
        return []
