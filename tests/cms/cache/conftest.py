"""The page cache's tests run against the configured backend, and against a real Redis when TEST_REDIS_URL is set.

Every test module here takes the `page_cache` fixture (through `pytestmark`), which is parametrised: "locmem"
always, "redis" too when TEST_REDIS_URL names a server. A Redis that does not answer fails those tests.
"""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import Client

from tests import factories

BACKENDS = ["locmem", *(["redis"] if os.environ.get("TEST_REDIS_URL") else [])]


def _redis_caches(url, prefix):
    options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    backend = "django.core.cache.backends.redis.RedisCache"
    return {
        alias: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": f"{prefix}-{alias}", "OPTIONS": options}
        for alias in ("default", "pages")
    }


def _delete_own_keys(cache):
    # Only this run's keys: clear() would empty the whole Redis database.
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(params=BACKENDS)
def page_cache(request, settings):
    """Return the cache that holds the pages, on each backend the tests run against."""
    if request.param == "locmem":
        yield caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]
        return
    url = os.environ["TEST_REDIS_URL"]
    settings.CACHES = _redis_caches(url, f"zhengce-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        for alias in ("default", "pages"):
            caches[alias]._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001 - whatever the reason, the Redis run cannot go on
        pytest.fail(f"TEST_REDIS_URL={url} is set but Redis does not answer: {error}")
    yield caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]
    for alias in ("default", "pages"):
        _delete_own_keys(caches[alias])


@pytest.fixture
def visitor():
    """Return a client for an anonymous visitor, apart from any client a test signs in."""
    return Client()


@pytest.fixture
def library():
    """A policy with a text interpretation, an unrelated policy and a news release about the first."""
    policy = factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2020〕12号")
    other = factories.policy("浙江省水污染防治办法", division="水处", topic="水环境", source_id="test:water")
    interpretation = factories.interpretation("text", [policy], title="《大气污染防治办法》解读")
    news = factories.news("大气办法新闻发布会", policies=[policy])
    return {"policy": policy, "other": other, "interpretation": interpretation, "news": news}
