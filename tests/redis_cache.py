"""Django caches on the real Redis server of TEST_REDIS_URL (`make test` starts one), each test under its own keys."""

import os
import uuid

import pytest
from django.core.cache import caches


def redis_caches(url, prefix):
    """Return a CACHES setting whose caches all live in the Redis at `url` under keys starting with `prefix`."""
    options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    backend = "django.core.cache.backends.redis.RedisCache"
    return {
        alias: {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": f"{prefix}-{alias}", "OPTIONS": options}
        for alias in ("default", "pages")
    }


def use_redis(settings):
    """Point the caches of this test at TEST_REDIS_URL under keys of its own; fail when Redis does not answer."""
    url = os.environ["TEST_REDIS_URL"]
    settings.CACHES = redis_caches(url, f"zhengce-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        for alias in ("default", "pages"):
            caches[alias]._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001 - whatever the reason, the Redis run cannot go on
        pytest.fail(f"TEST_REDIS_URL={url} is set but Redis does not answer: {error}")


def delete_own_keys():
    """Delete this test's keys only: clear() would empty the whole Redis database."""
    for alias in ("default", "pages"):
        cache = caches[alias]
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
