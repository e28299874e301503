"""The health report a load balancer polls: the database and the cache decide whether this instance takes traffic.

Services this instance can do without (the search engine) add their state with `register_optional()` from their
app's `ready()`, so this layer names none of them.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError):
        return "down"
    return "ok"


def cache_state():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 5)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - any cache backend error means the same thing here
        return "down"
    return "ok" if answered else "down"


# name: function returning "ok", "down" or "not_configured"; a service down makes the instance "degraded".
OPTIONAL_CHECKS = {}


def register_optional(name, check):
    OPTIONAL_CHECKS[name] = check


# never_cache: a cached "ok" would keep a dead instance in the balancer.
@never_cache
def healthz(request):
    """Report the state of the database, the cache and the optional services as JSON."""
    report = {"database": database_state(), "cache": cache_state()}
    report.update((name, check()) for name, check in OPTIONAL_CHECKS.items())
    if report["database"] != "ok" or report["cache"] != "ok":
        # Pages cannot be served without either (Wagtail reads the site's root paths from the cache unguarded).
        status, code = "down", 503
    elif any(report[name] != "ok" for name in OPTIONAL_CHECKS):
        # The site still answers (search falls back to the database), so the balancer keeps this instance.
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **report}, status=code)
