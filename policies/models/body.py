"""The document's body: its articles (第N条), their plain text, the Q&A answers citing them, its figures."""

from collections import defaultdict

from core.renditions import body_figures
from core.visibility import visible_pages


class PolicyBodyMixin:
    """Read the body StreamField (chapters, articles, paragraphs, tables, figures) of a document."""

    def article_citations(self):
        """Map each article number to the live Q&A answers that cite it."""
        citations = defaultdict(list)
        for answer in (
            self.qa_citations.filter(page__in=visible_pages()).select_related("page").order_by("page__pk", "sort_order")
        ):
            citations[answer.cited_article].append(answer)
        return citations

    def body_with_citations(self):
        """Give each body block the answers citing it and the amending relations naming it (articles only), for the
        template: (block, answers, amendments)."""
        citations = self.article_citations()
        amendments = self.article_amendments()
        items = []
        for block in self.body:
            number = block.value["number"] if block.block_type == "article" else None
            items.append((block, citations.get(number, []), amendments.get(number, [])))
        return items

    def article_numbers(self):
        return {block.value["number"] for block in self.body if block.block_type == "article"}

    def body_text(self):
        """Return the body as plain text, article labels included."""
        parts = []
        for block in self.body:
            if block.block_type == "article":
                parts.append(f"{block.value.label()} {block.value['text']}")
            elif block.block_type == "chapter":
                parts.append(block.value["heading"])
            else:
                parts.append(" ".join(str(text) for text in block.block.get_searchable_content(block.value)))
        return "\n".join(p for p in parts if p)

    def renditions_needed(self):
        """Return (image, filter spec) for every image this page shows (core/renditions.py)."""
        return body_figures(self.body)
