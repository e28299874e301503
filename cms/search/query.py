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
        results = SearchResults(query=self.query)
        words = self.words()
        if not words:
            return results
        results.exact = self.exact_doc_number_matches()
        seen = {page.pk for page in results.exact}
        # One search over every searchable type, so the backend ranks them against each other.
        hits = (
            Page.objects.live()
            .public()
            .type(*self.models)
            .exclude(pk__in=hidden_page_ids())
            .search(" ".join(words), operator="and")[:limit]
        )
        # The database backends index the segmented title with the body, so a title match is put first here.
        hits = sorted(hits, key=lambda page: not all(word in page.title.lower() for word in words))
        results.pages = results.exact + [page for page in hits if page.pk not in seen][: limit - len(results.exact)]
        return results


def hidden_page_ids():
    """Return the ids of live pages that are withdrawn or removed, which search must not show."""
    ids = []
    for model in DatabaseSearchQuery.models:
        gone = model.objects.live().exclude(withdrawn_at__isnull=True, removed_at__isnull=True)
        ids.extend(gone.values_list("pk", flat=True))
    return ids


def specific_pages(pages):
    """Return the pages as their specific classes, keeping the order."""
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    return [by_id[page.pk] for page in pages if page.pk in by_id]
