"""Cached responses: their keys, what is kept of them, and whether they are still fresh."""

import hashlib
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from . import redis_pages, replay
from .tags import store, version_key, versions

# Headers set anew for every answer, outside what is kept.
_NOT_KEPT = {"set-cookie", "x-page-cache", "x-request-id", "etag", "last-modified", "cache-control"}


def key_for(request):
    """Return the cache key of a request: scheme, host, path and the query with its parameters in order, hashed."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "zhengce:page:" + hashlib.sha256(address.encode()).hexdigest()


def timeout(expires_at=None):
    """Return how long an entry may live: ZHENGCE_PAGE_CACHE_TIMEOUT, never past midnight, nor past `expires_at`
    (seconds since the epoch: the next change the clock makes to what it shows, timed.py).

    A document's validity (尚未施行, 有效, 已失效) follows today's date, so a page rendered yesterday may be wrong.
    """
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    seconds = min(settings.ZHENGCE_PAGE_CACHE_TIMEOUT, int((midnight - now).total_seconds()))
    if expires_at is not None:
        # Whole seconds down, so no cache keeps it past the change; load() checks the exact moment too.
        seconds = min(seconds, int(expires_at - now.timestamp()))
    return max(1, seconds)


@dataclass
class Entry:
    status: int
    headers: list
    content: bytes
    versions: dict  # tag: the version it had when the response was rendered
    etag: str
    last_modified: int  # seconds since the epoch
    replays: list = field(default_factory=list)
    # Seconds since the epoch: the end of its lifetime (midnight, the cache's timeout, or the next change the clock
    # makes to what it shows, timed.py).
    expires_at: float | None = None

    def is_fresh(self, current):
        """Return whether every tag the response depends on still has the version it was rendered with, and the
        clock has not changed what it shows.

        `current` is {tag: version} of its tags as they are now (a tag without a version is left out).
        """
        return current == self.versions and (self.expires_at is None or timezone.now().timestamp() < self.expires_at)

    def response(self, head=False):
        """Return a new response with the kept status, headers and body (no body for HEAD)."""
        response = HttpResponse(b"" if head else self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response

    def replay(self):
        replay.run(self.replays)


# What this process learned of the entries it read from Redis: {the entry's cache key: (its tags, the cache keys
# of their versions)}, so that the next hit reads the entry and those versions with one MGET instead of the script.
# Emptied when full, which costs each page's next hit the script once more. Keys are interned: pages share most tags.
_LEARNED_MAX = 10_000
_learned = {}


def _learn(cache, key, tags):
    if len(_learned) >= _LEARNED_MAX:
        _learned.clear()
    tags = tuple(tags)
    learned = _learned[cache.make_key(key)] = (tags, tuple(sys.intern(version_key(tag)) for tag in tags))
    return learned


def _read_from_redis(cache, key):
    """Return (the entry under `key` or None, {tag: version} of its tags now), in one round trip.

    In two when the versions read with the entry do not cover its tags (see redis_pages.py).
    """
    learned = _learned.get(cache.make_key(key))
    if learned:
        entry, found = redis_pages.read_with(cache, key, learned[1])
    else:
        entry, by_key = redis_pages.read(cache, key)
    if not isinstance(entry, Entry):
        return None, None
    if learned:
        read = dict(zip(learned[0], found, strict=True))
    else:
        tags, version_keys = _learn(cache, key, entry.versions)
        read = {tag: by_key[name] for tag, name in zip(tags, version_keys, strict=True) if name in by_key}
    if read.keys() != entry.versions.keys():
        # Rendered anew with other tags since this process learned them: read those it lacks now (a second trip).
        if learned:
            _learn(cache, key, entry.versions)
        read = {tag: version for tag, version in read.items() if tag in entry.versions}
        read.update(versions(entry.versions.keys() - read.keys()))
    return entry, {tag: version for tag, version in read.items() if version is not None}


def load(key):
    """Return the fresh entry under `key`, or None.

    On Redis the entry and its tags' versions come in one round trip (redis_pages.py); elsewhere the versions are
    read after the entry, in a second.
    """
    cache = store()
    if redis_pages.supports(cache):
        entry, current = _read_from_redis(cache, key)
    else:
        entry = cache.get(key)
        current = versions(entry.versions) if isinstance(entry, Entry) else None
    if isinstance(entry, Entry) and entry.is_fresh(current):
        return entry
    return None


def save(key, response, tag_versions, replays, expires_at=None):
    """Keep `response` under `key` with the tag versions it depends on, until `expires_at` at the latest; return
    the entry."""
    content = response.content
    lifetime = timeout(expires_at)
    # Checked on every read as well (is_fresh), so the end of its life never hangs on the backend's own expiry.
    ends = timezone.now().timestamp() + lifetime
    entry = Entry(
        status=response.status_code,
        headers=[(name, value) for name, value in response.headers.items() if name.lower() not in _NOT_KEPT],
        content=content,
        versions=tag_versions,
        etag=f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        last_modified=int(time.time()),
        replays=list(replays),
        expires_at=min(expires_at, ends) if expires_at is not None else ends,
    )
    cache = store()
    if redis_pages.supports(cache):
        redis_pages.write(cache, key, entry, _learn(cache, key, tag_versions)[1], lifetime)
    else:
        cache.set(key, entry, timeout=lifetime)
    return entry
