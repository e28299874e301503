"""The page cache's tests run against the configured backend, and against a real Redis when TEST_REDIS_URL is set.

Every test module here takes the `page_cache` fixture (through `pytestmark`), which is parametrised: "locmem"
always, "redis" too when TEST_REDIS_URL names a server. A Redis that does not answer fails those tests.
"""

import os

import pytest
from django.core.cache import caches
from django.test import Client

from tests import factories, shared_data
from tests.redis_cache import delete_own_keys, use_redis

BACKENDS = ["locmem", *(["redis"] if os.environ.get("TEST_REDIS_URL") else [])]


@pytest.fixture(params=BACKENDS)
def page_cache(request, settings):
    """Return the cache that holds the pages, on each backend the tests run against."""
    if request.param == "locmem":
        yield caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]
        return
    use_redis(settings)
    yield caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]
    delete_own_keys()


@pytest.fixture
def visitor():
    """Return a client for an anonymous visitor, apart from any client a test signs in."""
    return Client()


def build_library():
    """A policy with a text interpretation, an unrelated policy and a news release about the first."""
    policy = factories.policy("浙江省大气污染防治办法", doc_number="浙环发〔2020〕12号")
    other = factories.policy("浙江省水污染防治办法", division="水处", topic="水环境", source_id="test:water")
    interpretation = factories.interpretation("text", [policy], title="《大气污染防治办法》解读")
    news = factories.news("大气办法新闻发布会", policies=[policy])
    return {"policy": policy, "other": other, "interpretation": interpretation, "news": news}


@pytest.fixture(scope="module")
def built_library(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build_library)


@pytest.fixture
def library(built_library):
    return shared_data.fresh(built_library)
