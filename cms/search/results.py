"""What a search returns, whichever engine answered: hits, facets, a suggestion; and its JSON form."""

from dataclasses import dataclass, field
from datetime import date

from .params import PAGE_SIZE, SearchParams


@dataclass
class Hit:
    id: int
    title: str
    url: str
    kind: str
    kind_label: str
    snippet: str = ""  # HTML: the matched words in <mark>, everything else escaped
    article: str = ""  # the best-matching article (第十二条) or question
    article_url: str = ""
    published: date | None = None
    status: str = ""  # validity code of a policy document
    status_label: str = ""
    doc_number: str = ""
    promoted: bool = False

    def as_json(self):
        return {
            "id": self.id,
            "title": self.title,
            "url": self.article_url or self.url,
            "kind": self.kind,
            "snippet": self.snippet,
            "article": self.article,
            "published": self.published.isoformat() if self.published else None,
            "status": self.status,
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    params: SearchParams
    engine: str  # "elasticsearch" or "database"
    count: int = 0
    hits: list = field(default_factory=list)
    promoted: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # facet name: [FacetValue]
    suggestion: str = ""

    @property
    def num_pages(self):
        return max(1, -(-self.count // PAGE_SIZE))

    # True when Elasticsearch is configured but could not answer (down, or no index yet): the database stood in.
    # Without ELASTICSEARCH_URL the database is the search, and nothing is missing.
    degraded: bool = False

    def as_json(self):
        return {
            "count": self.count,
            "results": [hit.as_json() for hit in self.promoted + self.hits],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values]
                for name, values in self.facets.items()
            },
            "suggestion": self.suggestion or None,
            "page": self.params.page,
            "num_pages": self.num_pages,
            "engine": self.engine,
        }
