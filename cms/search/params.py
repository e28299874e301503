"""What a citizen asked for: the query, facet filters, sort and page, cleaned so any input is safe."""

import re
import unicodedata
from dataclasses import asdict, dataclass, replace

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 10
# Deep pages cost the engine more and serve no citizen; the page count stops here.
MAX_PAGE = 100
SORTS = {"relevance": _("相关度"), "newest": _("最新发布"), "oldest": _("最早发布")}
FACETS = ("kind", "topic", "agency", "year", "status")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def clean_query(text):
    """Return the query without control or invisible characters, in normal form, with single spaces, cut short."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _clean_value(value, length=100):
    return clean_query(value)[:length]


def _positive_int(value, default, maximum):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), maximum)


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    kind: str = ""
    topic: str = ""
    agency: str = ""
    year: str = ""
    status: str = ""
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_request(cls, data):
        """Read the parameters from a QueryDict; anything malformed is dropped, never an error."""
        year = _clean_value(data.get("year"), 4)
        sort = data.get("sort", "")
        return cls(
            q=clean_query(data.get("q", "")),
            kind=_clean_value(data.get("kind"), 30),
            topic=_clean_value(data.get("topic")),
            agency=_clean_value(data.get("agency")),
            year=year if year.isdigit() and len(year) == 4 else "",
            status=_clean_value(data.get("status"), 30),
            sort=sort if sort in SORTS else "relevance",
            page=_positive_int(data.get("page"), 1, MAX_PAGE),
        )

    @property
    def filters(self):
        """Return the facet filters in use, {facet: value}."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    @property
    def has_query(self):
        return bool(self.q or self.filters)

    @property
    def follow_value(self):
        """The query and filters alone (no page, no sort): what following this search follows (subscriptions)."""
        return SearchParams(q=self.q, **self.filters).query_string()

    def query_string(self, **changes):
        """Return the URL query for these parameters with `changes`; a change of filter goes back to page 1."""
        if set(changes) - {"page"}:
            changes.setdefault("page", 1)
        values = asdict(replace(self, **changes))
        defaults = asdict(SearchParams())
        return urlencode({key: value for key, value in values.items() if value != defaults[key] and value != ""})
