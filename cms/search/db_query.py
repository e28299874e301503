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
from home.models import NewsPage
from interpretations.models import InterpretationPage, QAInterpretationPage
from policies.models import PolicyPage
from policies.validity import Validity

from .params import FACETS, PAGE_SIZE
from .registry import document_class_for, document_classes
from .results import FacetValue, Hit, SearchResults
from .synonyms import variants
from .text import doc_number_in, kind_label

MODELS = (PolicyPage, InterpretationPage, NewsPage)
CANDIDATES = 200
# Up to this many words every one must match; a longer query (a whole question) is ranked on any of them.
ALL_WORDS_UP_TO = 3
SNIPPET_LENGTH = 120


def _searchable():
    return visible_pages().type(*MODELS)


def _specific(ids):
    """Return the pages of `ids` as their own classes, with what facets and hits read fetched in bulk."""
    pages = list(Page.objects.filter(pk__in=ids).specific())
    for cls in document_classes():
        cls.prepare([page for page in pages if isinstance(page, cls.model)])
    policies = [page for page in pages if isinstance(page, PolicyPage)]
    codes = dict(
        PolicyPage.objects.filter(pk__in=[p.pk for p in policies]).with_validity().values_list("pk", "validity_code")
    )
    for policy in policies:
        policy.validity_code = codes[policy.pk]  # read by PolicyPage.validity instead of a query per page
    return pages


def _newest_ids(limit):
    """Return the ids of the `limit` searchable pages published last (by publication date), newest first.

    Not those that went live last: an imported back catalogue would hide every newer page.
    """
    rows = []
    for model in MODELS:
        rows += model.objects.published().newest_first().values_list("date_published", "pk")[:limit]
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
            ranked += list(PolicyPage.objects.published().filter(doc_number=number))
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
        fields = document_class_for(page).facet_fields(page)
        values = {
            "kind": [fields["kind"]],
            "topic": fields["topics"],
            "agency": fields["agencies"],
            "status": [page.validity.value] if isinstance(page, PolicyPage) else [],
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
            return str(Validity(value).label)
        return value

    def hit(self, page, kind):
        words = [w for w in query_words(self.params.q) if len(w) > 1] or query_words(self.params.q)
        article, anchor, text = self.best_article(page, words)
        text = text or getattr(page, "summary", "") or page.search_description
        if not text and isinstance(page, PolicyPage):
            text = page.body_text()
        status = page.validity if isinstance(page, PolicyPage) else None
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
            status=status.value if status else "",
            status_label=str(status.label) if status else "",
            doc_number=getattr(page, "doc_number", ""),
        )

    def best_article(self, page, words):
        """Return (label, anchor, text) of the article or question holding most query words."""
        if isinstance(page, PolicyPage):
            items = [
                (b.value.label(), b.value.anchor(), b.value["text"]) for b in page.body if b.block_type == "article"
            ]
        elif isinstance(page, QAInterpretationPage):
            items = [(qa.question, qa.anchor, qa.question) for qa in page.questions.all()]
        else:
            return "", "", ""
        scored = [(sum(word in item[2].lower() for word in words), item) for item in items]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        return best[1] if best[0] else ("", "", "")


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
