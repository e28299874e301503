"""Per-client rate limits on search, the search API and the public API: 429 with Retry-After."""

import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def limits(settings):
    settings.ZHENGCE_RATE_LIMITS = {
        "/search/": (3, 60),
        "/api/search/": (3, 60),
        "/api/search/suggest/": (5, 60),
        "/api/v2/": (4, 60),
    }
    settings.ZHENGCE_TRUSTED_PROXIES = 0
    cache.clear()
    factories.site()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("url", "limit"),
    [("/search/?q=大气", 3), ("/api/search/?q=大气", 3), ("/api/search/suggest/?q=大气", 5), ("/api/v2/pages/", 4)],
)
def test_a_client_beyond_its_limit_gets_429_with_retry_after(client, url, limit):
    for _ in range(limit):
        assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get(url, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "请求过于频繁" in refused.content.decode()
    # Another client is served as usual.
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_429_page_is_a_page_and_the_api_answer_is_json(client):
    for _ in range(4):
        client.get("/search/?q=水", REMOTE_ADDR="10.0.0.1")
        client.get("/api/search/?q=水", REMOTE_ADDR="10.0.0.1")
    page = client.get("/search/?q=水", REMOTE_ADDR="10.0.0.1")
    assert page["Content-Type"].startswith("text/html") and "<h1>请求过于频繁</h1>" in page.content.decode()
    api = client.get("/api/search/?q=水", REMOTE_ADDR="10.0.0.1")
    assert api.json()["detail"].startswith("请求过于频繁")


def test_the_suggestions_count_apart_from_the_searches(client):
    for _ in range(3):
        client.get("/api/search/?q=水", REMOTE_ADDR="10.0.0.1")
    assert client.get("/api/search/?q=水", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/search/suggest/?q=水", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_pages_outside_the_limited_paths_are_not_counted(client):
    for _ in range(10):
        assert client.get("/", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(client, settings):
    for number in range(3):
        client.get("/search/?q=水", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    # A client cannot escape its limit by inventing X-Forwarded-For.
    assert client.get("/search/?q=水", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(client, settings):
    settings.ZHENGCE_TRUSTED_PROXIES = 1
    for _ in range(3):
        # What the client claims (left) is ignored; the proxy appended the address it saw (right).
        client.get("/search/?q=水", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7")
    assert (
        client.get("/search/?q=水", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7").status_code
        == 429
    )
    # Another visitor behind the same proxy has its own allowance.
    assert client.get("/search/?q=水", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_limits_off_in_the_test_settings():
    from django.conf import settings as django_settings

    from cms.settings import test as test_settings

    assert test_settings.ZHENGCE_RATE_LIMITS == {}
    assert django_settings.ZHENGCE_RATE_LIMITS  # switched on by this module's fixture only
