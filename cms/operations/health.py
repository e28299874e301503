"""The health report a load balancer polls: the database and the cache decide whether this instance takes traffic."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from cms.search import engine


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


def search_state():
    if not engine.is_configured():
        return "not_configured"
    status = engine.health()
    return "down" if status in ("unavailable", "red") else "ok"


# never_cache: a cached "ok" would keep a dead instance in the balancer.
@never_cache
def healthz(request):
    """Report the state of the database, the cache and the search engine as JSON."""
    report = {"database": database_state(), "cache": cache_state(), "search": search_state()}
    if report["database"] != "ok" or report["cache"] != "ok":
        # Pages cannot be served without either (Wagtail reads the site's root paths from the cache unguarded).
        status, code = "down", 503
    elif report["search"] != "ok":
        # The site still answers (search falls back to the database), so the balancer keeps this instance.
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **report}, status=code)
