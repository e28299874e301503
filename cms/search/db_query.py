"""Search from the database when Elasticsearch is not configured or not reachable.

Wagtail's database backend (SQLite FTS5 or PostgreSQL full-text search) ranks the jieba-segmented text the
page models expose (core.segmentation). Filters and facets are worked out over the best CANDIDATES
matches, which is plenty for a degraded mode that must simply keep answering.
"""

import datetime
import re
from collections import Counter

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

from core.segmentation import query_words
from core.visibility import visible_pages

from .params import FACETS, PAGE_SIZE
from .registry import document_class_for, document_classes, searchable_models
from .results import FacetValue, Hit, SearchResults
from .synonyms import variants
from .text import doc_number_in, kind_label, status_label

CANDIDATES = 200
# Up to this many words every one must match; a longer query (a whole question) is ranked on any of them.
ALL_WORDS_UP_TO = 3
SNIPPET_LENGTH = 120


def _searchable():
    return visible_pages().type(*searchable_models())


def _specific(ids):
    """Return the pages of `ids` as their own classes, with what facets and hits read fetched in bulk."""
    pages = list(Page.objects.filter(pk__in=ids).specific())
    for cls in document_classes():
        cls.prepare([page for page in pages if isinstance(page, cls.model)])
    return pages


def _newest_ids(limit):
    """Return the ids of the `limit` searchable pages published last (by publication date), newest first.

    Not those that went live last: an imported back catalogue would hide every newer page.
    """
    rows = []
    for cls in document_classes():
        rows += cls.newest(limit)
    rows.sort(key=lambda row: (row[0] or datetime.date.min, row[1]), reverse=True)
    return [pk for _published, pk in rows[:limit]]


class DatabaseQuery:
    """Search the database for a citizen's parameters, answering in the same shape as Elasticsearch."""

    def __init__(self, params, exclude_ids=()):
        self.params = params
        self.exclude_ids = set(exclude_ids)
        self.today = timezone.localdate()

    def candidates(self):
        """Return the best-matching pages (specific), the document whose number is the query first."""
        if not self.params.q:
            ids = _newest_ids(CANDIDATES)
            by_id = {page.pk: page for page in _specific(ids)}
            return [by_id[pk] for pk in ids if pk in by_id]
        ranked = []
        number = doc_number_in(self.params.q)
        if number:
            for cls in document_classes():
                ranked += cls.numbered(number)
        for text in variants(self.params.q):
            words = query_words(text)
            if not words:
                continue
            operator = "and" if len(words) <= ALL_WORDS_UP_TO else "or"
            hits = list(_searchable().search(" ".join(words), operator=operator)[:CANDIDATES])
            # The backend indexes the title with the body, so a title holding every word is put first here.
            hits.sort(key=lambda page: not all(word in page.title.lower() for word in words))
            ranked += hits
        seen, unique = set(), []
        for page in ranked:
            if page.pk not in seen and page.pk not in self.exclude_ids:
                seen.add(page.pk)
                unique.append(page)
        by_id = {page.pk: page for page in _specific(seen)}
        return [by_id[page.pk] for page in unique if page.pk in by_id]

    @staticmethod
    def titles_starting(prefix, size=8):
        """Return up to `size` (title, url) pairs of titles holding `prefix`, those starting with it first."""
        pages = _searchable().filter(title__icontains=prefix).order_by("title")[:50]
        ranked = sorted(pages, key=lambda page: not page.title.lower().startswith(prefix.lower()))
        return [(page.title, page.url) for page in ranked[:size]]

    def facet_values(self, page):
        """Return {facet: [values]} for a page, as its search document files it."""
        document = document_class_for(page)
        fields = document.facet_fields(page)
        status = document.status_of(page)
        values = {
            "kind": [fields["kind"]],
            "topic": fields["topics"],
            "agency": fields["agencies"],
            "status": [status] if status else [],
        }
        published = page.date_published
        values["year"] = [str(published.year)] if published else []
        return values

    def run(self):
        pages = self.candidates()
        values = {page.pk: self.facet_values(page) for page in pages}
        filters = self.params.filters

        def passes(page, skip=None):
            return all(value in values[page.pk][name] for name, value in filters.items() if name != skip)

        facets = {}
        for name in FACETS:
            counts = Counter(v for page in pages if passes(page, skip=name) for v in values[page.pk][name])
            selected = str(getattr(self.params, name))
            facets[name] = [
                FacetValue(value, self.facet_label(name, value), count, value == selected)
                for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            ]
            if name == "year":
                facets[name].sort(key=lambda v: v.value, reverse=True)
        matches = [page for page in pages if passes(page)]
        if self.params.sort != "relevance" or not self.params.q:
            newest_first = self.params.sort != "oldest"
            matches.sort(key=lambda page: page.date_published or datetime.date.min, reverse=newest_first)
        start = (self.params.page - 1) * PAGE_SIZE
        return SearchResults(
            params=self.params,
            engine="database",
            count=len(matches),
            hits=[self.hit(page, values[page.pk]["kind"][0]) for page in matches[start : start + PAGE_SIZE]],
            facets=facets,
        )

    def facet_label(self, name, value):
        if name == "kind":
            return kind_label(value)
        if name == "status":
            return status_label(value)
        return value

    def hit(self, page, kind):
        words = [w for w in query_words(self.params.q) if len(w) > 1] or query_words(self.params.q)
        document = document_class_for(page)
        article, anchor, text = document.best_passage(page, words)
        text = text or getattr(page, "summary", "") or page.search_description or document.fallback_text(page)
        status = document.status_of(page)
        return Hit(
            id=page.pk,
            title=page.title,
            url=page.url,
            kind=kind,
            kind_label=kind_label(kind),
            snippet=highlight(text, words),
            article=article,
            article_url=f"{page.url}#{anchor}" if anchor else "",
            published=page.date_published,
            status=status,
            status_label=status_label(status),
            doc_number=getattr(page, "doc_number", ""),
        )


def highlight(text, words, length=SNIPPET_LENGTH):
    """Return an escaped excerpt of `text` around the first query word, each word in <mark>."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(word) for word in words if word and lowered.find(word) >= 0]
    start = max(0, min(positions) - length // 4) if positions else 0
    excerpt = text[start : start + length]
    pattern = "|".join(re.escape(w) for w in sorted({w for w in words if w}, key=len, reverse=True))
    parts = re.split(f"({pattern})", excerpt, flags=re.IGNORECASE) if pattern else [excerpt]
    # re.split puts the matched words at the odd positions.
    html = "".join(f"<mark>{escape(part)}</mark>" if i % 2 else escape(part) for i, part in enumerate(parts))
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return f"{prefix}{html}{suffix}"
