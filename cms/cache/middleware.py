"""Answer anonymous reads from the page cache; keep what may be kept; set the HTTP caching headers.

It sits after the rate limiter (a hit still counts against the client's allowance) and before the session,
authentication, CSRF and message middleware, so a hit reads neither the session nor the database.
"""

import logging

from django.utils import timezone

from . import entries, headers, replay, rules, tags, timed

logger = logging.getLogger(__name__)

HIT, MISS = "hit", "miss"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not rules.may_use_cache(request):
            response = self.get_response(request)
            if rules.is_personal(request):
                headers.private(response)
            return response

        key = entries.key_for(request)
        entry = self._load(key)
        if entry is not None:
            entry.replay()
            response = entry.response(head=request.method == "HEAD")
            response.headers["X-Page-Cache"] = HIT
            return headers.public(request, response, entry.etag, entry.last_modified, entry.expires_at)
        return self._render(request, key)

    def _render(self, request, key):
        started = timezone.now()
        guard = self._all_version()
        with replay.collecting() as calls:
            response = self.get_response(request)
        if rules.may_store(request, response):
            entry = self._save(key, request, response, calls, guard, started)
            if entry is not None:
                response.headers["X-Page-Cache"] = MISS
                return headers.public(request, response, entry.etag, entry.last_modified, entry.expires_at)
        elif rules.is_personal_response(request, response):
            headers.private(response)
        elif response.status_code in headers.SHORT_LIVED_STATUSES:
            headers.short_lived(response)
        return response

    def _load(self, key):
        try:
            return entries.load(key)
        except Exception:  # noqa: BLE001 - an unreachable cache means rendering the page, not an error
            logger.warning("page cache: read failed", exc_info=True)
            return None

    def _all_version(self):
        try:
            return tags.versions({tags.ALL_TAG}, create=True)[tags.ALL_TAG]
        except Exception:  # noqa: BLE001
            logger.warning("page cache: read failed", exc_info=True)
            return None

    def _save(self, key, request, response, calls, guard, started):
        """Keep the response unless anything changed while it was rendered; return the entry or None."""
        if guard is None:
            return None
        try:
            depends_on = rules.dependencies(request)
            if not depends_on:
                return None
            change = timed.next_change(depends_on, after=started)
            if change is not None and change <= timezone.now():
                return None  # the clock changed what it shows while it was rendered
            tag_versions = tags.versions(depends_on, create=True)
            # Read after the tags' versions: a change bumps ALL before its tags, so if a tag was read new while
            # the content was rendered old, ALL has changed since the request began.
            if tags.versions({tags.ALL_TAG}).get(tags.ALL_TAG) != guard:
                return None
            expires_at = change.timestamp() if change is not None else None
            return entries.save(key, response, tag_versions, calls, expires_at)
        except Exception:  # noqa: BLE001
            logger.warning("page cache: write failed", exc_info=True)
            return None
