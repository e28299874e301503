"""The Elasticsearch query: Chinese text matching, ranking, facets, article hits and suggestions."""

import datetime
import logging
import re

from django.utils import timezone
from elasticsearch.dsl import Q, Search

from core.segmentation import query_words
from policies.validity import Validity

from . import semantic
from .engine import alias_name, engine_call
from .params import FACETS, PAGE_SIZE
from .results import FacetValue, Hit, SearchResults
from .synonyms import variants
from .text import doc_number_in, hit_status, kind_label, merge_marks

# Field weights: a word in the title counts most, then the document number, the summary, the body.
TEXT_FIELDS = ["title^8", "doc_number.text^5", "summary^3", "body", "related"]
WORD_FIELDS = ["title_words^8", "summary_words^3", "body_words"]
# Character pairs weigh half as much as jieba words (bench/search_relevance.py measured the mix).
PAIRS_WEIGHT = 0.5
WORDS_WEIGHT = 1.0
# An article's match also counts in its document's body, so on its own it adds half as much.
ARTICLE_WEIGHT = 0.5
# Up to this many words a query must match them all (and most of its character pairs).
SHORT_QUERY_WORDS = 3
# ... and when it is this short; a longer text (a whole question) ranks on whichever words a page has.
SHORT_QUERY_CHARS = 6
SHORT_MINIMUM_SHOULD_MATCH = "3<75%"
# Words that carry no meaning in a citizen's question (如何办理排污许可证 → 办理 排污许可证).
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 么 我 我们 你 你们 他 她 它 这 那 这个 那个 哪 哪些 哪个 什么 怎么 怎样 "
    "怎么办 如何 怎么样 为什么 为何 多少 有 有没有 是否 能否 可以 能 会 要 应该 应当 需要 "
    "请问 请 一下 都 也 就 还 对 把 "
    "被 让 给 向 从 到 等 之 其 该 以及 并 而 但 上 下 中 时 后 前 个 些".split()
)
# Factors for documents no longer (or not yet) in force, and a small boost for the recent ones.
VALIDITY_FACTORS = {Validity.REPEALED: 0.3, Validity.EXPIRED: 0.3, Validity.NOT_YET_EFFECTIVE: 0.8}
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
SOURCE_FIELDS = [
    "page_id",
    "kind",
    "url",
    "title",
    "doc_number",
    "summary",
    "published",
    "date_effective",
    "date_expires",
    "expiry_declared",
    "repealed_on",
    "amended_on",
]
# A question or a sentence is re-ranked by meaning: one that asks (a question word or mark, and at least
# this many characters), or has this many words besides stopwords and is longer than a short query.
# Key words and document numbers stay lexical: BM25 is right for them, and they are most of the traffic.
QUESTION_MARKERS = re.compile(r"[?？吗呢]|怎么|怎样|如何|什么|哪|为何|为什么|是否|能否|可否|多少")
QUESTION_MIN_CHARS = 4
SEMANTIC_MIN_WORDS = 4
# The best lexical matches re-ranked by meaning (a multiple of PAGE_SIZE, so a page is never split);
# the pages after them keep the lexical order, which is also theirs in the re-ranked list.
RERANK_DEPTH = 50
# Share of the meaning in the fused score, both scores min-max scaled over those matches: measured on
# bench/search_relevance.py (0.7–0.85 all give MRR@10 ≈ 0.765 on either half of the questions).
SEMANTIC_WEIGHT = 0.75
# Seconds a search waits for its question's vector (about 20 ms) before ranking on words alone.
EMBED_WAIT = 1.0

logger = logging.getLogger(__name__)


def validity_query(code, today):
    """Return the query for policy documents of validity `code` on `today` (policies.validity in ES terms)."""
    repealed = Q("range", repealed_on={"lte": today})
    expired = Q("term", expiry_declared=True) | Q("range", date_expires={"lte": today})
    not_yet = Q("range", date_effective={"gt": today})
    amended = Q("range", amended_on={"lte": today})
    # derive_validity's order: each state holds only when the ones before it do not.
    order = [
        (Validity.REPEALED, repealed),
        (Validity.EXPIRED, expired),
        (Validity.NOT_YET_EFFECTIVE, not_yet),
        (Validity.AMENDED, amended),
    ]
    must_not = []
    for state, condition in order:
        if state == code:
            return Q("bool", filter=[Q("term", kind="policy"), condition], must_not=must_not)
        must_not.append(condition)
    return Q("bool", filter=[Q("term", kind="policy")], must_not=must_not)


class ElasticsearchQuery:
    """Search the index for a citizen's parameters."""

    def __init__(self, params, today=None, exclude_ids=(), strict=True):
        self.params = params
        # Strict: a short query must match all its words; run() relaxes it when that finds nothing.
        self.strict = strict
        self.today = today or timezone.localdate()
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
        clauses = [
            Q("multi_match", fields=TEXT_FIELDS, type="most_fields", **pairs),
            Q("multi_match", fields=WORD_FIELDS, type="most_fields", **joined),
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
                {"filter": validity_query(code, self.today), "weight": factor}
                for code, factor in VALIDITY_FACTORS.items()
            ],
            score_mode="multiply",
            boost_mode="multiply",
        )

    # --- filters and facets ----------------------------------------------------------------------

    def filter_for(self, name, value):
        if name == "status":
            return validity_query(value, self.today)
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
                    "filters": {
                        "filters": {code: validity_query(code, self.today).to_dict() for code in Validity.values}
                    }
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
        if self.exclude_ids:
            query = Q("bool", must=[query], must_not=[Q("ids", values=[str(pk) for pk in self.exclude_ids])])
        search = search.query(query)
        if params.filters:
            search = search.post_filter(Q("bool", filter=[self.filter_for(n, v) for n, v in params.filters.items()]))
        search = search.extra(aggs=self.facet_aggregations())
        if params.sort == "newest" or (params.sort == "relevance" and not params.q):
            search = search.sort({"published": {"order": "desc", "missing": "_last"}}, "_score")
        elif params.sort == "oldest":
            search = search.sort({"published": {"order": "asc", "missing": "_last"}}, "_score")
        else:
            search = search.sort("_score", {"published": {"order": "desc", "missing": "_last"}})
        search = search.source(SOURCE_FIELDS)
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

    # --- re-ranking questions by meaning ---------------------------------------------------------

    def is_question(self):
        """Return whether the query is phrased in words, as a question is, rather than a few key words."""
        text = self.params.q
        if not text or doc_number_in(text):
            return False
        chars = len("".join(text.split()))
        if chars >= QUESTION_MIN_CHARS and QUESTION_MARKERS.search(text):
            return True
        words = [word for word in query_words(text) if word not in STOPWORDS]
        return len(words) >= SEMANTIC_MIN_WORDS and chars > SHORT_QUERY_CHARS

    def reranks(self):
        """Return whether this query's results are re-ranked by meaning."""
        params = self.params
        return (
            params.sort == "relevance"
            and (params.page - 1) * PAGE_SIZE < RERANK_DEPTH
            and self.is_question()
            and semantic.enabled()
        )

    def question_vector(self, embedding):
        """Return the question's vector from its embedding in progress, or None if the model failed or lags."""
        try:
            return embedding.result(timeout=EMBED_WAIT)
        except Exception:  # the lexical ranking is a complete answer
            logger.exception("could not embed the query, ranking it lexically")
            return None

    def similarities(self, es, vector, page_ids):
        """Return {page id: closeness of meaning} for these pages (those with a vector).

        An index built before the vectors existed has no `embedding` field and finds none: words alone rank.
        """
        if not page_ids:
            return {}
        response = es.search(index=alias_name(), body=self.similarity_request(vector, page_ids))
        return {int(hit["_id"]): hit["_score"] for hit in response["hits"]["hits"]}

    @staticmethod
    def similarity_request(vector, page_ids):
        """Build the request for the closeness of meaning between `vector` and each of these pages."""
        return {
            "knn": {
                "field": "embedding",
                "query_vector": [float(x) for x in vector],
                "k": len(page_ids),
                "num_candidates": len(page_ids),
                # So few documents pass the filter that Elasticsearch compares them all (exact, not HNSW).
                "filter": {"ids": {"values": [str(pk) for pk in page_ids]}},
            },
            "size": len(page_ids),
            "_source": False,
        }

    def shown_request(self, page_ids):
        """Build the request for the page of results: these pages, with highlights and article hits."""
        search = Search(index=alias_name()).query(
            Q("bool", must=[self.match_query()], filter=[Q("ids", values=[str(pk) for pk in page_ids])])
        )
        return self.highlighted(search.source(SOURCE_FIELDS))[: len(page_ids)]

    def shown_hits(self, es, page_ids):
        """Return {page id: Hit} for the pages of the page of results, with highlights and article hits."""
        return {hit.page_id: self.hit(hit) for hit in self.shown_request(page_ids).using(es).execute()}

    def run_reranked(self, es, embedding):
        """Rank the best lexical matches by lexical and semantic score together; count and facet as ever."""
        response = self.search(start=0, size=RERANK_DEPTH, highlight=False).source(False).using(es).execute()
        suggestion = self.suggestion(response)
        if self.strict and not response.hits.total.value:
            self.strict = False
            response = self.search(start=0, size=RERANK_DEPTH, highlight=False).source(False).using(es).execute()
        lexical = {int(hit.meta.id): hit.meta.score for hit in response.hits}
        vector = self.question_vector(embedding)
        order = fuse(lexical, self.similarities(es, vector, list(lexical)) if vector is not None else {})
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
            status=status.value if status else "",
            status_label=str(status.label) if status else "",
            doc_number=source.get("doc_number", ""),
        )

    def facets(self, response):
        facets = {}
        aggregations = response.to_dict()["aggregations"]
        for name in FACETS:
            buckets = aggregations[name]["counts"]["buckets"]
            selected = str(getattr(self.params, name))
            if name == "status":
                pairs = [(code, buckets[code]["doc_count"]) for code in Validity.values]
                values = [FacetValue(code, str(Validity(code).label), count, code == selected) for code, count in pairs]
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


def fuse(lexical, similar, weight=SEMANTIC_WEIGHT):
    """Return the page ids of `lexical` ordered by (1 - weight) × lexical + weight × semantic score.

    Both are min-max scaled over these pages, since Elasticsearch's BM25 scores have no fixed range;
    a page without a vector counts as the least similar. Ties keep the lexical order.
    """
    if not similar:
        return list(lexical)
    low, high = min(similar.values()), max(similar.values())
    lex_low, lex_high = min(lexical.values()), max(lexical.values())

    def scaled(value, low, high):
        return (value - low) / (high - low) if high > low else 0.0

    def score(pk):
        meaning = scaled(similar.get(pk, low), low, high)
        return (1 - weight) * scaled(lexical[pk], lex_low, lex_high) + weight * meaning

    return sorted(lexical, key=score, reverse=True)


def suggest_titles(prefix, size=8):
    """Return up to `size` (title, url) pairs whose title (or a word of it on) starts with `prefix`."""
    search = Search(index=alias_name()).source(["title", "url"])
    search = search.suggest(
        "titles", prefix.lower(), completion={"field": "suggest", "size": size, "skip_duplicates": True}
    )
    with engine_call() as es:
        response = search.using(es).execute()
    found = {}
    for option in response.suggest.titles[0].options:
        found.setdefault(option._source.url, option._source.title)
    return [(title, url) for url, title in found.items()]
