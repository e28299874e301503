"""Rate-limit counters on the real Redis every process of every server shares (production requires REDIS_URL)."""

import multiprocessing
import queue
import threading

import pytest
import redis as redis_client
from django.core.cache import cache

from cms.security import rate_limit
from tests.redis_cache import delete_own_keys, use_redis

pytestmark = pytest.mark.redis

BUCKET, CLIENT, WINDOW = "/search/", "198.51.100.20", 60


@pytest.fixture
def redis(settings):
    """The caches on TEST_REDIS_URL; returns the raw client and the counter's key there."""
    use_redis(settings)
    yield cache._cache.get_client(write=True), cache.make_key(f"zhengce:rate:{BUCKET}:{CLIENT}:count")
    delete_own_keys()


def count_hits(times, limit, start, results):
    """Count `times` hits of one client once every worker is ready; put the waits (or the error) in `results`."""
    try:
        start.wait(timeout=60)
        results.put([rate_limit.hit(BUCKET, CLIENT, limit, WINDOW) for _ in range(times)])
    except Exception as error:  # noqa: BLE001 - reported to the test, which fails with it
        results.put(repr(error))


@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_parallel_hits_on_redis_are_all_counted(redis, kind):
    """Workers hit one client's counter at once: every hit is counted, and exactly `limit` of them are let through."""
    workers, times = 8, 40
    limit = workers * times // 2
    if kind == "threads":
        start, results = threading.Barrier(workers), queue.Queue()
        runners = [threading.Thread(target=count_hits, args=(times, limit, start, results)) for _ in range(workers)]
    else:
        # Forked like gunicorn's workers, each with its own connections to the same Redis.
        context = multiprocessing.get_context("fork")
        start, results = context.Barrier(workers), context.Queue()
        runners = [context.Process(target=count_hits, args=(times, limit, start, results)) for _ in range(workers)]
    for runner in runners:
        runner.start()
    waits = [results.get(timeout=120) for _ in runners]
    for runner in runners:
        runner.join(timeout=60)
    assert all(isinstance(worker, list) for worker in waits), waits
    waits = [wait for worker in waits for wait in worker]
    client, key = redis
    assert int(client.get(key)) == workers * times
    assert sum(1 for wait in waits if wait == 0) == limit
    assert all(1 <= wait <= WINDOW for wait in waits if wait)
    assert 0 < client.ttl(key) <= WINDOW


def test_a_counter_expiring_while_it_is_counted_still_ends_its_window(redis, monkeypatch):
    """The window ends just between Django's EXISTS and INCR: the counter INCR creates anew must still expire."""
    client, key = redis
    rate_limit.hit(BUCKET, CLIENT, 5, WINDOW)
    exists = redis_client.Redis.exists

    def expires_right_after_the_check(self, *names):
        found = exists(self, *names)
        self.delete(*names)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(redis_client.Redis, "exists", expires_right_after_the_check)
        assert rate_limit.hit(BUCKET, CLIENT, 5, WINDOW) == 0
    assert int(client.get(key)) == 1
    assert 0 < client.ttl(key) <= WINDOW  # -1 would be a counter, and a refusal, for ever
