"""Per-client request limits for search and the public APIs: 429 with Retry-After beyond the limit."""

import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .clients import client_ip

logger = logging.getLogger(__name__)


def _rule_for(path):
    """Return (prefix, limit, window) of the most specific ZHENGCE_RATE_LIMITS entry for `path`, or None."""
    rules = getattr(settings, "ZHENGCE_RATE_LIMITS", None) or {}
    matches = [prefix for prefix, rule in rules.items() if rule and path.startswith(prefix)]
    if not matches:
        return None
    prefix = max(matches, key=len)
    limit, window = rules[prefix]
    return prefix, limit, window


def hit(bucket, client, limit, window):
    """Count one request of `client` in `bucket`; return the seconds to wait, or 0 when it is allowed."""
    key = f"zhengce:rate:{bucket}:{client}"
    now = time.time()
    # The window starts with a client's first request, so a limit never resets in the middle of a burst.
    cache.add(f"{key}:start", now, timeout=window)
    cache.add(f"{key}:count", 0, timeout=window)
    try:
        count = cache.incr(f"{key}:count")
    except ValueError:
        # The window ended between the two calls: this request opens the next one.
        cache.set(f"{key}:count", 1, timeout=window)
        cache.set(f"{key}:start", now, timeout=window)
        count = 1
    if count == 1:
        # Django's Redis incr() is EXISTS then INCR: a counter that expires between the two comes back from INCR
        # without an expiry, and would refuse the client for ever. The request that counts first ends the window.
        cache.touch(f"{key}:count", timeout=window)
    if count <= limit:
        return 0
    start = cache.get(f"{key}:start", now)
    return max(1, math.ceil(start + window - now))


class RateLimitMiddleware:
    """Refuse a client's requests to a limited path with 429 once it exceeds its allowance."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rule = _rule_for(request.path)
        if rule:
            prefix, limit, window = rule
            client = client_ip(request)
            wait = hit(prefix, client, limit, window)
            if wait:
                logger.warning("Rate limit exceeded: %s on %s (%s per %ss)", client, prefix, limit, window)
                response = self.refuse(request, wait)
                response.headers["Retry-After"] = str(wait)
                return response
        return self.get_response(request)

    def refuse(self, request, wait):
        """Return the 429 answer, in JSON for the APIs and as a page otherwise."""
        message = _("请求过于频繁，请 %(seconds)s 秒后再试。") % {"seconds": wait}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=429, json_dumps_params={"ensure_ascii": False})
        return render(request, "security/too_many_requests.html", {"message": message}, status=429)
