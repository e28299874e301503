"""The outbox: every content change is noted in the database first, then applied to the index.

Noting happens in the same transaction as the change, so nothing is lost if Elasticsearch is down;
applying happens after the commit, and again whenever the engine is back (`search_sync`, the next
change, or the next search).
"""

import logging
import time
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .engine import EngineUnavailable, is_available, is_configured, recovered
from .indexing import sync_pages
from .models import PendingIndexChange

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# How often a search looks for changes left over from an outage.
RECHECK_SECONDS = 30
_last_check = 0.0


def enqueue(page_ids):
    """Note that the index entries of `page_ids` must be brought up to date, and do it after the commit."""
    if not is_configured() or not page_ids:
        return
    now = timezone.now()
    for page_id in set(page_ids):
        PendingIndexChange.objects.update_or_create(page_id=page_id, defaults={"queued_at": now})
    transaction.on_commit(apply_pending)


def apply_pending(limit=BATCH_SIZE, timeout=None):
    """Apply up to `limit` pending changes, oldest first; return how many were applied."""
    rows = list(PendingIndexChange.objects.order_by("queued_at", "pk")[:limit])
    if not rows or not is_available():
        return 0
    try:
        sync_pages([row.page_id for row in rows], timeout=timeout)
    except EngineUnavailable as error:
        _note_failure(rows, error)
        return 0
    except Exception as error:  # a failure here must not undo or break the editor's request
        logger.exception("search index update failed")
        _note_failure(rows, error)
        return 0
    # A row queued again since it was read stays for the next round.
    applied = reduce(or_, (Q(pk=row.pk, queued_at=row.queued_at) for row in rows))
    PendingIndexChange.objects.filter(applied).delete()
    return len(rows)


def _note_failure(rows, error):
    PendingIndexChange.objects.filter(pk__in=[row.pk for row in rows]).update(
        attempts=F("attempts") + 1, last_error=str(error)[:1000]
    )


def apply_all(progress=None):
    """Apply every pending change; return how many were applied, stopping if the engine fails."""
    total = 0
    while True:
        applied = apply_pending(timeout=settings.ELASTICSEARCH_INDEX_TIMEOUT)
        if not applied:
            return total
        total += applied
        if progress:
            progress(applied)


def catch_up():
    """Apply changes left over from an outage: at once after a recovery, else looking every RECHECK_SECONDS."""
    global _last_check
    now = time.monotonic()
    if not recovered() and now - _last_check < RECHECK_SECONDS:
        return
    _last_check = now
    if PendingIndexChange.objects.exists():
        apply_pending()
