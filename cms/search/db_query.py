"""Search from the database: the search of a site without Elasticsearch, and its stand-in when the engine is down.

Pages are ranked by BM25 over their jieba words (cms.search.terms, the same SQL on SQLite and PostgreSQL).
Filters and facets are worked out over the best CANDIDATES matches.
"""

import datetime
import re
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.html import escape
from wagtail.fields import StreamField
from wagtail.models import Page

from core.segmentation import query_words
from core.visibility import visible_pages

from . import terms
from .params import FACETS, PAGE_SIZE
from .registry import document_class_for, document_classes, searchable_models
from .results import FacetValue, Hit, SearchResults
from .synonyms import variants
from .text import doc_number_in, kind_label, status_label

CANDIDATES = 100
# Up to this many words every one must match; a longer query (a whole question) is ranked on any of them.
ALL_WORDS_UP_TO = 3
SNIPPET_LENGTH = 120


def _searchable():
    return visible_pages().type(*searchable_models())


def _specific(ids):
    """Return the pages of `ids` as their own classes, with what facets and hits read fetched in bulk.

    Their bodies (StreamFields, the bulk of a row) are left in the database: facets never read them, and the ten
    hits of a page of results each fetch theirs for the snippet.
    """
    pages = []
    by_type = {}
    for pk, content_type in Page.objects.filter(pk__in=ids).values_list("pk", "content_type"):
        by_type.setdefault(content_type, []).append(pk)
    for content_type, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        bodies = [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]
        pages += model._default_manager.filter(pk__in=pks).defer(*bodies)
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


def ranked_ids(query, limit):
    """Return the ids of the best `limit` pages for `query` and its synonyms, by BM25 (cms.search.terms), best first.

    A short query must match all its words, as on Elasticsearch; when none holds them all, any word will do. Any
    page indexed is ranked, drafts too: the caller keeps those a citizen may see.
    """
    scores = {}
    queries = [terms.query_terms(text) for text in variants(query)]
    for only_all in (True, False):
        for words in queries:
            if words and (len(words) <= ALL_WORDS_UP_TO or not only_all):
                for pk, score in terms.rank(words, limit, only_all=only_all):
                    scores[pk] = max(score, scores.get(pk, 0.0))
        if scores:
            break
    return sorted(scores, key=lambda pk: (-scores[pk], pk))


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
        else:
            ids = []
            number = doc_number_in(self.params.q)
            if number:
                for cls in document_classes():
                    ids += [page.pk for page in cls.numbered(number)]
            ids += self.ranked_ids()
        ids = [pk for pk in dict.fromkeys(ids) if pk not in self.exclude_ids]
        visible = set(_searchable().filter(pk__in=ids).values_list("pk", flat=True))
        by_id = {page.pk: page for page in _specific(visible)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def ranked_ids(self):
        """Return the ids of the best CANDIDATES pages for the query and its synonyms (`ranked_ids`)."""
        return ranked_ids(self.params.q, CANDIDATES)

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
        published = document.published_on(page)
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
            matches.sort(key=lambda page: published_on(page) or datetime.date.min, reverse=newest_first)
        start = (self.params.page - 1) * PAGE_SIZE
        return SearchResults(
            params=self.params,
            engine="database",
            count=len(matches),
            hits=[self.hit(page, values[page.pk]["kind"][0]) for page in matches[start : start + PAGE_SIZE]],
            facets=facets,
            suggestion=terms.suggestion(self.params.q) if self.params.q else "",
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
        url = document.url_of(page)
        return Hit(
            id=page.pk,
            title=page.title,
            url=url,
            kind=kind,
            kind_label=kind_label(kind),
            snippet=highlight(text, words),
            article=article,
            article_url=f"{url}#{anchor}" if anchor else "",
            published=published_on(page),
            status=status,
            status_label=status_label(status),
            doc_number=getattr(page, "doc_number", ""),
        )


def published_on(page):
    return document_class_for(page).published_on(page)


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
