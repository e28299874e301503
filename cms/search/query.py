"""Site search on the database backend, over jieba-segmented text (see home.segmentation)."""

from dataclasses import dataclass, field

from wagtail.models import Page

from home.models import NewsPage
from home.segmentation import query_words
from interpretations.models import InterpretationPage
from policies.doc_numbers import looks_like_doc_number
from policies.models import PolicyPage

MAX_QUERY_LENGTH = 200


@dataclass
class SearchResults:
    query: str
    pages: list = field(default_factory=list)
    exact: list = field(default_factory=list)


class DatabaseSearchQuery:
    """Find published policies, interpretations and news for a citizen's query."""

    models = (PolicyPage, InterpretationPage, NewsPage)

    def __init__(self, query):
        self.query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]

    def words(self):
        return query_words(self.query)

    def exact_doc_number_matches(self):
        """Return the documents whose number is the query, in any common form."""
        number = looks_like_doc_number(self.query)
        if not number:
            return []
        return list(PolicyPage.objects.published().filter(doc_number=number))

    def run(self, limit=200):
        """Return the best `limit` matches, documents whose number is the query first."""
        words = self.words()
        results = SearchResults(query=self.query)
        if not words:
            return results
        results.exact = self.exact_doc_number_matches()
        seen = {page.pk for page in results.exact}
        terms = " ".join(words)
        hits = []
        for model in self.models:
            queryset = model.objects.live().public()
            if model is PolicyPage:
                queryset = queryset.filter(disclosure="proactive")
            for page in queryset.search(terms, operator="and")[:limit].annotate_score("score"):
                hits.append(page)
        hits.sort(key=lambda page: page.score, reverse=True)
        results.pages = results.exact + [page for page in hits if page.pk not in seen][: limit - len(results.exact)]
        return results


def specific_pages(pages):
    """Return the pages as their specific classes, keeping the order."""
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_id[page.pk] for page in pages if page.pk in by_id]
