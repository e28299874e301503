"""The connection to Elasticsearch: client, index names, and whether the engine may be used right now."""

import time
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch

# Errors after which the engine counts as unavailable; a bad request (4xx) is a bug and is raised.
_UNAVAILABLE_STATUSES = {429, 500, 502, 503, 504}
_down_until = 0.0
_recovered = False


class EngineUnavailable(Exception):
    """Elasticsearch is not configured, not reachable, or failing."""


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def is_available():
    """Return whether the engine is configured and has not failed in the last few seconds."""
    return is_configured() and time.monotonic() >= _down_until


def mark_down():
    global _down_until
    _down_until = time.monotonic() + settings.ELASTICSEARCH_RETRY_AFTER


def mark_up():
    global _down_until, _recovered
    if _down_until:
        _recovered = True
    _down_until = 0.0


def recovered():
    """Return whether the engine answered after a failure, once per recovery."""
    global _recovered
    was, _recovered = _recovered, False
    return was


_recovered = False


@lru_cache(maxsize=4)
def _client(url, api_key, ca_certs, timeout):
    options = {"request_timeout": timeout, "max_retries": 0, "retry_on_timeout": False}
    if api_key:
        options["api_key"] = api_key
    if ca_certs:
        options["ca_certs"] = ca_certs
    return Elasticsearch(url, **options)


def client():
    """Return the client for the configured cluster."""
    if not is_configured():
        raise EngineUnavailable("ELASTICSEARCH_URL is not set")
    return _client(
        settings.ELASTICSEARCH_URL,
        settings.ELASTICSEARCH_API_KEY,
        settings.ELASTICSEARCH_CA_CERTS,
        settings.ELASTICSEARCH_TIMEOUT,
    )


@contextmanager
def engine_call():
    """Run a block of engine calls, turning connection failures into EngineUnavailable."""
    if not is_available():
        raise EngineUnavailable("Elasticsearch is unavailable")
    try:
        yield client()
    except TransportError as error:
        mark_down()
        raise EngineUnavailable(str(error)) from error
    except ApiError as error:
        if error.status_code in _UNAVAILABLE_STATUSES:
            mark_down()
            raise EngineUnavailable(str(error)) from error
        raise
    else:
        mark_up()


def health():
    """Return the cluster's health status ("green", "yellow", "red"), or "unavailable"."""
    try:
        with engine_call() as es:
            return es.cluster.health()["status"]
    except EngineUnavailable:
        return "unavailable"


# --- index names ----------------------------------------------------------------------------------
# Search reads through an alias; `search_reindex` builds a new index behind a second alias, which
# writes also reach, and swaps the read alias to it at the end.


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-content"


def building_alias_name():
    return f"{alias_name()}-next"


def new_index_name():
    return f"{alias_name()}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"


def indexes_behind(es, alias):
    """Return the concrete index names an alias points to."""
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias))


def health_state():
    """Return the engine's state for the health report: "ok", "down" or "not_configured"."""
    if not is_configured():
        return "not_configured"
    return "down" if health() in ("unavailable", "red") else "ok"
