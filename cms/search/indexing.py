"""Write pages to the index: one page after a change, everything in a rebuild, and the drift between the two."""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk, scan

from .documents import WORDS_SIMILARITY, ContentDocument
from .engine import alias_name, building_alias_name, engine_call, indexes_behind, new_index_name
from .registry import document_classes
from .semantic import attach_vectors

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


def create_index(es, name, aliases=()):
    """Create an index with the content mapping, reachable through `aliases`."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS, similarity=WORDS_SIMILARITY)
    index.document(ContentDocument)
    index.aliases(**{alias: {} for alias in aliases})
    index.create(using=es)


def write_targets(es):
    """Return the indexes a change must reach: the live one and any being rebuilt; create one if none."""
    targets = indexes_behind(es, alias_name()) + indexes_behind(es, building_alias_name())
    if not targets:
        name = new_index_name()
        create_index(es, name, aliases=[alias_name()])
        targets = [name]
    return sorted(set(targets))


def entries(page_ids):
    """Return {page id: document} for the pages of `page_ids` that search may show."""
    found = {}
    for cls in document_classes():
        for page in cls.pages(cls.indexable().filter(pk__in=page_ids)):
            found[page.pk] = cls.from_page(page)
    attach_vectors(list(found.values()))
    return found


def _actions(index, documents, deleted_ids=()):
    for doc in documents:
        yield {"_op_type": "index", "_index": index, "_id": doc.meta.id, "_source": doc.to_dict()}
    for page_id in deleted_ids:
        yield {"_op_type": "delete", "_index": index, "_id": page_id}


def _bulk(es, actions, refresh=None):
    """Send actions; a delete of an absent entry is fine, any other failure raises."""
    refresh = settings.ELASTICSEARCH_REFRESH_ON_WRITE if refresh is None else refresh
    _count, errors = bulk(es, actions, chunk_size=BATCH_SIZE, refresh=refresh, raise_on_error=False)
    failures = [error for error in errors if error.get("delete", {}).get("status") != 404]
    if failures:
        raise RuntimeError(f"index write failed: {failures[:3]}")


def sync_pages(page_ids, timeout=None):
    """Index the pages of `page_ids` that search may show and remove the others from the index.

    An editor's request waits for this after its commit, so it gets the search timeout unless told otherwise.
    """
    page_ids = set(page_ids)
    found = entries(page_ids)
    gone = page_ids - set(found)
    with engine_call() as es:
        es = es.options(request_timeout=timeout or settings.ELASTICSEARCH_TIMEOUT)
        for index in write_targets(es):
            _bulk(es, _actions(index, found.values(), gone))


def indexable_pages():
    """Yield (document class, queryset) for everything search may show."""
    for cls in document_classes():
        yield cls, cls.indexable().order_by("pk")


def count_indexable():
    return sum(queryset.count() for _cls, queryset in indexable_pages())


def rebuild(progress=None):
    """Build a new index from the database and point the search alias to it; return the new index's name.

    Search keeps answering from the old index meanwhile, and changes made during the rebuild reach both.
    """
    with engine_call() as es:
        es = es.options(request_timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT)
        # What an interrupted rebuild left behind would otherwise keep receiving writes.
        for leftover in indexes_behind(es, building_alias_name()):
            es.indices.delete(index=leftover)
        name = new_index_name()
        create_index(es, name, aliases=[building_alias_name()])
        try:
            _fill(es, name, progress)
        except BaseException:
            es.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = indexes_behind(es, alias_name())
        swap = [{"add": {"index": name, "alias": alias_name()}}]
        swap += [{"remove": {"index": index, "alias": alias_name()}} for index in old]
        swap += [{"remove": {"index": name, "alias": building_alias_name()}}]
        es.indices.update_aliases(actions=swap)
        for index in old:
            es.indices.delete(index=index)
        return name


def _fill(es, name, progress):
    # No refreshes while loading: the new index is not searched until the swap.
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    # Batches are built here (jieba segmentation, the slow part) while a thread sends the previous one,
    # so Python and Elasticsearch work at the same time.
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending = None
        for batch in _rebuild_batches(name):
            if sending:
                sending.result()
            sending = sender.submit(_bulk, es, batch, False)
            if progress:
                progress(len(batch))
        if sending:
            sending.result()
    es.indices.put_settings(index=name, settings={"refresh_interval": None})
    es.indices.refresh(index=name)
    # A page changed while its batch was being read may have been overwritten by that older copy.
    report = drift(es, name)
    if not report.clean:
        _bulk(es, _actions(name, entries(report.missing | report.stale).values(), report.extra))


def _rebuild_batches(index):
    """Yield lists of index actions for every page search may show, a batch at a time."""
    for cls, queryset in indexable_pages():
        ids = list(queryset.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH_SIZE):
            pages = cls.pages(cls.indexable().filter(pk__in=ids[start : start + BATCH_SIZE]))
            # Vectors stored for unchanged passages are reused; only new or edited pages are embedded.
            documents = attach_vectors([cls.from_page(page) for page in pages])
            yield list(_actions(index, documents))


@dataclass
class Drift:
    missing: set = field(default_factory=set)  # shown by the site, absent from the index
    extra: set = field(default_factory=set)  # in the index, not shown by the site
    stale: set = field(default_factory=set)  # indexed from an older revision

    @property
    def clean(self):
        return not (self.missing or self.extra or self.stale)


def drift(es, index=None):
    """Compare the pages search may show with what the index holds."""
    expected = {}
    for _cls, queryset in indexable_pages():
        expected.update(queryset.values_list("pk", "live_revision_id"))
    es.indices.refresh(index=index or alias_name())
    indexed = {
        int(hit["_id"]): hit["_source"].get("revision")
        for hit in scan(es, index=index or alias_name(), query={"_source": ["revision"]})
    }
    return Drift(
        missing=set(expected) - set(indexed),
        extra=set(indexed) - set(expected),
        stale={pk for pk, revision in expected.items() if pk in indexed and indexed[pk] != revision},
    )
