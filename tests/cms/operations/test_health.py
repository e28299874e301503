"""/healthz: what a load balancer sees in each state of the database, cache and search engine."""

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


def test_cache_failure_is_degraded(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache server gone")

    monkeypatch.setattr(cache, "set", broken)
    status, body = get_health(client)
    assert status == 200 and body["cache"] == "down" and body["status"] == "degraded"


def test_database_down_takes_the_instance_out(client, database_down):
    with database_down():
        status, body = get_health(client)
    assert status == 503
    assert body["status"] == "down" and body["database"] == "down"
