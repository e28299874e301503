"""/healthz: what a load balancer sees in each state of the database, cache and search engine."""

import socket

import pytest

from cms.search import engine


def get_health(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def test_all_ok(client, monkeypatch, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9200"
    monkeypatch.setattr(engine, "health", lambda: "green")
    assert get_health(client) == (200, {"status": "ok", "database": "ok", "cache": "ok", "search": "ok"})


def test_search_not_configured_is_degraded_but_serving(client, settings):
    settings.ELASTICSEARCH_URL = ""
    status, body = get_health(client)
    assert status == 200
    assert body == {"status": "degraded", "database": "ok", "cache": "ok", "search": "not_configured"}


def test_search_unreachable_is_degraded_but_serving(client, settings):
    # Nothing listens on port 9: the real client fails to connect.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1
    status, body = get_health(client)
    assert status == 200
    assert body["status"] == "degraded" and body["search"] == "down" and body["database"] == "ok"


def test_an_unreachable_cache_takes_the_instance_out(client, settings):
    # A real Redis client against a loopback port nothing listens on: pages would fail, so the balancer must know.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    status, body = get_health(client)
    assert status == 503 and body["cache"] == "down" and body["status"] == "down"


@pytest.mark.postgresql
def test_database_down_takes_the_instance_out(client, database_down):
    with database_down():
        status, body = get_health(client)
    assert status == 503
    assert body["status"] == "down" and body["database"] == "down"
