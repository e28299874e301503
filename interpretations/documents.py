"""How an interpretation of any kind appears in the search index (see cms/search/documents.py)."""

from cms.search.documents import ContentDocument, article

from .models import InterpretationPage, Kind, QAInterpretationPage, _html_text


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
        return queryset.specific()

    @classmethod
    def fields_for(cls, page):
        policies = page.policy_pages
        fields = {
            "kind": page.kind,
            "summary": " ".join(part for part in (page.summary, page.interpreter_name) if part),
            "body": page.kind_text(),
            "related": " ".join(policy.title for policy in policies),
            "published": page.date,
            # An interpretation is found under the topic and agency of the documents it interprets.
            "topics": sorted({policy.topic.name for policy in policies if policy.topic_id}),
            "agencies": sorted({policy.issuing_agency.name for policy in policies if policy.issuing_agency_id}),
        }
        if isinstance(page, QAInterpretationPage):
            fields["articles"] = [
                article(qa.question, qa.anchor, f"{qa.question} {_html_text(qa.answer)}") for qa in page.questions.all()
            ]
        return fields
