"""Tag versions: what a cached response depends on, and how a change makes those responses stale."""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

# Changed by every change: search, the APIs, feeds and the sitemap show everything, so they depend on it.
ALL_TAG = "all"


def store():
    """Return the cache that holds pages and tag versions."""
    return caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]


def _key(tag):
    return f"zhengce:tag:{tag}"


def _new_version():
    # Random, not a counter: a tag evicted from the cache must never get back a version an old entry recorded.
    return secrets.token_hex(8)


def version_key(tag):
    """Return the key under which the cache itself keeps the version of `tag` (prefix and version included)."""
    return store().make_key(_key(tag))


def versions(tags, create=False):
    """Return {tag: version} of `tags`; with `create`, a tag without a version is given one."""
    cache = store()
    keys = {_key(tag): tag for tag in tags}
    found = {keys[key]: version for key, version in cache.get_many(list(keys)).items()}
    if create:
        for tag in set(tags) - found.keys():
            version = _new_version()
            # Whichever request gives the tag its version first wins; the others read it.
            cache.add(_key(tag), version, timeout=None)
            found[tag] = cache.get(_key(tag)) or version
    return found


def _write(tags):
    cache = store()
    # ALL first: a request that sees a tag's new version must also see ALL changed (see the middleware's guard).
    cache.set(_key(ALL_TAG), _new_version(), timeout=None)
    others = set(tags) - {ALL_TAG}
    if others:
        cache.set_many({_key(tag): _new_version() for tag in others}, timeout=None)


def _write_safely(tags):
    try:
        _write(tags)
    except Exception:  # noqa: BLE001 - an unreachable cache must not undo or break an editor's change
        logger.exception("page cache: could not invalidate %s", sorted(tags))


def invalidate(tags):
    """Give `tags` (and ALL) new versions now, and again once the current transaction commits.

    Now, so that nothing rendered before the change is served after it within this process and in tests;
    after the commit, so that a response another request rendered from the data as it was until the commit
    cannot outlive it.
    """
    tags = set(tags)
    if not tags or not settings.ZHENGCE_PAGE_CACHE_ENABLED:
        return
    _write_safely(tags)
    transaction.on_commit(lambda: _write_safely(tags), robust=True)
