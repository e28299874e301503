"""Cached responses: their keys, what is kept of them, and whether they are still fresh."""

import hashlib
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from . import replay
from .tags import store, versions

# Headers set anew for every answer, outside what is kept.
_NOT_KEPT = {"set-cookie", "x-page-cache", "x-request-id", "etag", "last-modified", "cache-control"}


def key_for(request):
    """Return the cache key of a request: scheme, host, path and the query with its parameters in order, hashed."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "zhengce:page:" + hashlib.sha256(address.encode()).hexdigest()


def timeout():
    """Return how long an entry may live: ZHENGCE_PAGE_CACHE_TIMEOUT, and never past midnight.

    A document's validity (尚未施行, 有效, 已失效) follows today's date, so a page rendered yesterday may be wrong.
    """
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, min(settings.ZHENGCE_PAGE_CACHE_TIMEOUT, int((midnight - now).total_seconds())))


@dataclass
class Entry:
    status: int
    headers: list
    content: bytes
    versions: dict  # tag: the version it had when the response was rendered
    etag: str
    last_modified: int  # seconds since the epoch
    replays: list = field(default_factory=list)

    def is_fresh(self):
        """Return whether every tag the response depends on still has the version it was rendered with."""
        return versions(self.versions) == self.versions

    def response(self, head=False):
        """Return a new response with the kept status, headers and body (no body for HEAD)."""
        response = HttpResponse(b"" if head else self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response

    def replay(self):
        replay.run(self.replays)


def load(key):
    """Return the fresh entry under `key`, or None."""
    entry = store().get(key)
    if isinstance(entry, Entry) and entry.is_fresh():
        return entry
    return None


def save(key, response, tag_versions, replays):
    """Keep `response` under `key` with the tag versions it depends on; return the entry."""
    content = response.content
    entry = Entry(
        status=response.status_code,
        headers=[(name, value) for name, value in response.headers.items() if name.lower() not in _NOT_KEPT],
        content=content,
        versions=tag_versions,
        etag=f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        last_modified=int(time.time()),
        replays=list(replays),
    )
    store().set(key, entry, timeout=timeout())
    return entry
