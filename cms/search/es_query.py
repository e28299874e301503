"""The Elasticsearch query: Chinese text matching, ranking, facets, article hits and suggestions."""

import datetime

from django.utils import timezone
from elasticsearch.dsl import Q, Search

from core.segmentation import query_words

from . import semantic
from .engine import alias_name, engine_call
from .params import FACETS, PAGE_SIZE
from .registry import document_classes, status_labels, with_statuses
from .results import FacetValue, Hit, SearchResults
from .synonyms import variants
from .text import SHORT_QUERY_CHARS, STOPWORDS, doc_number_in, hit_status, kind_label, merge_marks, status_label

# Field weights of key words (大气污染防治条例, 排污许可): they name a document, so a word in the title counts
# most, then the document number, the summary, the body.
TEXT_FIELDS = ["title^8", "doc_number.text^5", "summary^3", "body", "related"]
WORD_FIELDS = ["title_words^8", "summary_words^3", "body_words"]
# Field weights of a question (semantic.is_question): it asks what a text says, and the body says it. A title
# (a short field, which BM25 already favours) weighing 8 buried the answer under pages whose title merely
# shares a word. bench/search_relevance.py, notices, lexical MRR@10 on half A (chosen on) / half B: title at 8
# 0.569 / 0.574, at 1 0.823 / 0.827, at 0.5 0.859 / 0.864, at 0.25 0.878 / 0.870, at 0 0.886 / 0.858 (a
# difference on half A within noise: the title keeps a little weight). govqa (titles say nothing) moves by
# less than 0.01. The summary counts as the body: no set has data for more.
QUESTION_TEXT_FIELDS = ["title^0.25", "doc_number.text^5", "summary", "body", "related"]
QUESTION_WORD_FIELDS = ["title_words^0.25", "summary_words", "body_words"]
# Character pairs weigh half as much as jieba words (bench/search_relevance.py measured the mix).
PAIRS_WEIGHT = 0.5
WORDS_WEIGHT = 1.0
# An article's match also counts in its document's body, so on its own it adds half as much.
ARTICLE_WEIGHT = 0.5
# Up to this many words a query must match them all (and most of its character pairs), when it is at most
# SHORT_QUERY_CHARS long (cms/search/text.py, with the STOPWORDS); a longer text (a whole question) ranks on
# whichever words a page has.
SHORT_QUERY_WORDS = 3
SHORT_MINIMUM_SHOULD_MATCH = "3<75%"
# A small boost for the recent pages (the factors of a status, such as repealed, come from the documents).
RECENCY_WEIGHT = 0.1
FACET_SIZE = 30
FACET_FIELDS = {"kind": "kind", "topic": "topics", "agency": "agencies", "year": "year"}
HIGHLIGHT = {
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "fragment_size": 120,
    "number_of_fragments": 1,
    "boundary_scanner": "sentence",
    "boundary_scanner_locale": "zh-CN",
}
SUGGEST_BELOW = 3
HIT_FIELDS = ["page_id", "kind", "url", "title", "doc_number", "summary", "published"]


def source_fields():
    """Return the fields a hit reads: its own, and those each document reads its status from."""
    fields = list(HIT_FIELDS)
    for cls in document_classes():
        fields += [name for name in cls.status_fields if name not in fields]
    return fields


def status_query(code, today):
    """Return the query for entries of status `code` on `today`, as each document type with statuses says."""
    queries = [cls.status_query(code, today) for cls in with_statuses()]
    if not queries:
        return Q("match_none")
    return queries[0] if len(queries) == 1 else Q("bool", should=queries, minimum_should_match=1)


def visible_at(now):
    """Return the filter of the entries citizens may find at `now`: those indexed ahead of their time wait for it."""
    return Q(
        "bool",
        should=[Q("range", visible_from={"lte": now.isoformat()}), ~Q("exists", field="visible_from")],
        minimum_should_match=1,
    )


class ElasticsearchQuery:
    """Search the index for a citizen's parameters."""

    def __init__(self, params, today=None, exclude_ids=(), strict=True):
        self.params = params
        # Strict: a short query must match all its words; run() relaxes it when that finds nothing.
        self.strict = strict
        self.today = today or timezone.localdate()
        self.now = timezone.now()
        self.exclude_ids = list(exclude_ids)

    # --- matching and ranking -------------------------------------------------------------------

    def text_query(self, text, name):
        """Match `text` as character pairs and as jieba words, with the best article found on its own."""
        words = [word for word in query_words(text) if word not in STOPWORDS] or query_words(text)
        # A short query (or a document number) is a few key words, all of which a citizen expects to see;
        # a long one (a whole question) is ranked on whichever of its words a text has.
        short = self.strict and (
            bool(doc_number_in(text))
            or (len(words) <= SHORT_QUERY_WORDS and len("".join(text.split())) <= SHORT_QUERY_CHARS)
        )
        if not self.strict:
            # Relaxed after finding nothing: a lone digit or character would match almost anything.
            words = [word for word in words if len(word) > 1 and not word.isdigit()] or words
        pairs = {"query": text, "boost": PAIRS_WEIGHT}
        if short:
            pairs["minimum_should_match"] = SHORT_MINIMUM_SHOULD_MATCH
        joined = {
            "query": " ".join(words),
            "analyzer": "whitespace",
            "operator": "and" if short else "or",
            "boost": WORDS_WEIGHT,
        }
        question = semantic.is_question(text)
        clauses = [
            Q("multi_match", fields=QUESTION_TEXT_FIELDS if question else TEXT_FIELDS, type="most_fields", **pairs),
            Q("multi_match", fields=QUESTION_WORD_FIELDS if question else WORD_FIELDS, type="most_fields", **joined),
        ]
        article = Q(
            "bool",
            should=[Q("match", **{"articles.text": pairs}), Q("match", **{"articles.text_words": joined})],
            minimum_should_match=1,
        )
        clauses.append(
            Q(
                "nested",
                path="articles",
                query=article,
                score_mode="max",
                boost=ARTICLE_WEIGHT,
                inner_hits={
                    "name": name,
                    "size": 1,
                    "_source": ["articles.label", "articles.anchor"],
                    "highlight": {**HIGHLIGHT, "fields": {"articles.text": {}}},
                },
            )
        )
        return Q("bool", should=clauses, minimum_should_match=1)

    def match_query(self):
        """Return the text query with synonym variants, the document number found first."""
        queries = [self.text_query(text, f"article{i}") for i, text in enumerate(variants(self.params.q))]
        query = queries[0] if len(queries) == 1 else Q("dis_max", queries=queries, tie_breaker=0.3)
        number = doc_number_in(self.params.q)
        if number:
            query = Q("bool", should=[query, Q("constant_score", filter=Q("term", doc_number=number), boost=1000)])
        return query

    def ranked(self, query):
        """Scale the text score: documents out of force lower, recent ones slightly higher."""
        recency = Q(
            "function_score",
            query=query,
            functions=[
                {"weight": 1},
                {
                    "gauss": {"published": {"origin": self.today.isoformat(), "scale": "730d", "decay": 0.5}},
                    "weight": RECENCY_WEIGHT,
                },
            ],
            score_mode="sum",
            boost_mode="multiply",
        )
        return Q(
            "function_score",
            query=recency,
            functions=[
                {"filter": cls.status_query(code, self.today), "weight": factor}
                for cls in document_classes()
                for code, factor in cls.status_weights.items()
            ],
            score_mode="multiply",
            boost_mode="multiply",
        )

    # --- filters and facets ----------------------------------------------------------------------

    def filter_for(self, name, value):
        if name == "status":
            return status_query(value, self.today)
        if name == "year":
            return Q("term", year=int(value))
        return Q("term", **{FACET_FIELDS[name]: value})

    def facet_aggregations(self):
        """Count each facet's values under every filter but its own."""
        filters = {name: self.filter_for(name, value) for name, value in self.params.filters.items()}
        aggregations = {}
        for name in FACETS:
            others = [query for other, query in filters.items() if other != name]
            if name == "status":
                values = {
                    "filters": {"filters": {code: status_query(code, self.today).to_dict() for code in status_labels()}}
                }
            else:
                values = {"terms": {"field": FACET_FIELDS[name], "size": FACET_SIZE}}
            aggregations[name] = {
                "filter": Q("bool", filter=others).to_dict() if others else {"match_all": {}},
                "aggs": {"counts": values},
            }
        return aggregations

    def search(self, start=None, size=PAGE_SIZE, highlight=True):
        """Build the request for `size` results from `start` (by default the requested page's)."""
        params = self.params
        search = Search(index=alias_name()).extra(track_total_hits=True)
        if params.q:
            query = self.ranked(self.match_query())
        else:
            query = Q("match_all")
        exclude = [Q("ids", values=[str(pk) for pk in self.exclude_ids])] if self.exclude_ids else []
        search = search.query(Q("bool", must=[query], filter=[visible_at(self.now)], must_not=exclude))
        if params.filters:
            search = search.post_filter(Q("bool", filter=[self.filter_for(n, v) for n, v in params.filters.items()]))
        search = search.extra(aggs=self.facet_aggregations())
        if params.sort == "newest" or (params.sort == "relevance" and not params.q):
            search = search.sort({"published": {"order": "desc", "missing": "_last"}}, "_score")
        elif params.sort == "oldest":
            search = search.sort({"published": {"order": "asc", "missing": "_last"}}, "_score")
        else:
            search = search.sort("_score", {"published": {"order": "desc", "missing": "_last"}})
        search = search.source(source_fields())
        if params.q:
            if highlight:
                search = self.highlighted(search)
            # Whole typed words are checked against the indexed words: 大汽污染 → 大气污染.
            search = search.suggest(
                "words",
                params.q.lower(),
                term={
                    "field": "body_words",
                    "suggest_mode": "missing",
                    "min_word_length": 2,
                    "prefix_length": 0,
                    "size": 1,
                },
            )
        start = (params.page - 1) * PAGE_SIZE if start is None else start
        return search[start : start + size]

    @staticmethod
    def highlighted(search):
        """Ask for the snippet: the best sentence of the summary or body, words marked."""
        return search.highlight_options(**HIGHLIGHT).highlight("summary").highlight("body", no_match_size=120)

    # --- re-ranking questions by meaning (cms/search/semantic.py) ---------------------------------

    def is_question(self):
        """Return whether the query is phrased in words, as a question is (semantic.is_question)."""
        return semantic.is_question(self.params.q)

    def reranks(self):
        """Return whether this query's results are re-ranked by meaning (semantic.reranks)."""
        return semantic.reranks(self.params)

    def shown_request(self, page_ids):
        """Build the request for the page of results: these pages, with highlights and article hits."""
        search = Search(index=alias_name()).query(
            Q("bool", must=[self.match_query()], filter=[Q("ids", values=[str(pk) for pk in page_ids])])
        )
        return self.highlighted(search.source(source_fields()))[: len(page_ids)]

    def shown_hits(self, es, page_ids):
        """Return {page id: Hit} for the pages of the page of results, with highlights and article hits."""
        return {hit.page_id: self.hit(hit) for hit in self.shown_request(page_ids).using(es).execute()}

    def run_reranked(self, es, embedding):
        """Rank the best lexical matches by lexical and semantic score together; count and facet as ever."""
        depth = semantic.RERANK_DEPTH
        response = self.search(start=0, size=depth, highlight=False).source(False).using(es).execute()
        suggestion = self.suggestion(response)
        if self.strict and not response.hits.total.value:
            self.strict = False
            response = self.search(start=0, size=depth, highlight=False).source(False).using(es).execute()
        lexical = {int(hit.meta.id): hit.meta.score for hit in response.hits}
        order = semantic.rerank(es, lexical, embedding)
        start = (self.params.page - 1) * PAGE_SIZE
        page_ids = order[start : start + PAGE_SIZE]
        shown = self.shown_hits(es, page_ids) if page_ids else {}
        return SearchResults(
            params=self.params,
            engine="elasticsearch",
            count=response.hits.total.value,
            hits=[shown[pk] for pk in page_ids if pk in shown],
            facets=self.facets(response),
            suggestion=suggestion,
        )

    def run(self):
        if self.reranks():
            # The question is embedded in native code, which runs while Elasticsearch finds the lexical matches.
            embedding = semantic.embed_query_soon(self.params.q)
            with engine_call() as es:
                return self.run_reranked(es, embedding)
        with engine_call() as es:
            response = self.search().using(es).execute()
            if self.strict and self.params.q and not response.hits.total.value:
                suggestion = self.suggestion(response)
                self.strict = False
                response = self.search().using(es).execute()
                return self.results(response, suggestion)
        return self.results(response, self.suggestion(response))

    def results(self, response, suggestion):
        return SearchResults(
            params=self.params,
            engine="elasticsearch",
            count=response.hits.total.value,
            hits=[self.hit(hit) for hit in response.hits],
            facets=self.facets(response),
            suggestion=suggestion,
        )

    # --- reading the response ------------------------------------------------------------------

    def hit(self, hit):
        source = hit.to_dict()
        highlight = getattr(hit.meta, "highlight", None)
        snippet = ""
        if highlight:
            fragments = highlight.to_dict()
            snippet = (fragments.get("summary") or fragments.get("body") or [""])[0]
        article_label, article_url = "", ""
        inner = getattr(hit.meta, "inner_hits", None)
        if inner:
            best = max(
                (h for name in inner.to_dict() for h in getattr(inner, name).hits),
                key=lambda h: h.meta.score or 0,
                default=None,
            )
            if best is not None:
                article_label = best.label
                article_url = f"{source['url']}#{best.anchor}"
                article_highlight = getattr(best.meta, "highlight", None)
                if article_highlight:
                    snippet = article_highlight.to_dict()["articles.text"][0]
        status = hit_status(source, self.today)
        published = source.get("published")
        return Hit(
            id=source["page_id"],
            title=source["title"],
            url=source["url"],
            kind=source["kind"],
            kind_label=kind_label(source["kind"]),
            snippet=merge_marks(snippet),
            article=article_label,
            article_url=article_url,
            published=datetime.date.fromisoformat(published[:10]) if published else None,
            status=status,
            status_label=status_label(status),
            doc_number=source.get("doc_number", ""),
        )

    def facets(self, response):
        facets = {}
        aggregations = response.to_dict()["aggregations"]
        for name in FACETS:
            buckets = aggregations[name]["counts"]["buckets"]
            selected = str(getattr(self.params, name))
            if name == "status":
                pairs = [(code, buckets[code]["doc_count"]) for code in status_labels()]
                values = [FacetValue(code, status_label(code), count, code == selected) for code, count in pairs]
            else:
                values = [
                    FacetValue(
                        str(b["key"]),
                        kind_label(b["key"]) if name == "kind" else str(b["key"]),
                        b["doc_count"],
                        str(b["key"]) == selected,
                    )
                    for b in buckets
                ]
                if name == "year":
                    values.sort(key=lambda v: v.value, reverse=True)
            facets[name] = [v for v in values if v.count or v.selected]
        return facets

    def suggestion(self, response):
        """Return a corrected query when this one found little and the index knows better words."""
        if response.hits.total.value >= SUGGEST_BELOW or not hasattr(response, "suggest"):
            return ""
        query = self.params.q.lower()
        corrected = query
        for entry in response.suggest.words:
            if entry.options:
                corrected = corrected.replace(entry.text, entry.options[0].text)
        return corrected if corrected != query else ""


def suggest_titles(prefix, size=8):
    """Return up to `size` (title, url) pairs whose title (or a word of it on) starts with `prefix`."""
    search = Search(index=alias_name()).source(["title", "url", "visible_from"])
    search = search.suggest(
        "titles", prefix.lower(), completion={"field": "suggest", "size": size, "skip_duplicates": True}
    )
    with engine_call() as es:
        response = search.using(es).execute()
    found = {}
    now = timezone.now()
    for option in response.suggest.titles[0].options:
        # A completion cannot be filtered by time: a title indexed ahead of its time is left out here.
        visible_from = option._source.to_dict().get("visible_from")
        if visible_from and datetime.datetime.fromisoformat(visible_from) > now:
            continue
        found.setdefault(option._source.url, option._source.title)
    return [(title, url) for url, title in found.items()]
