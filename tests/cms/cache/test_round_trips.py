"""On Redis a hit costs one round trip, counted on the wire to a real server, and is exactly as fresh as before.

A process reads a page it has served before with one MGET of the entry and the versions of the tags it learned
from it; a page it has not, with a pipeline of GET and a script reading the record of tags kept beside the entry
(cms/cache/redis_pages.py). `forget` makes the next hit take the second way.
"""

import hashlib
import os
import uuid
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from cms.cache import entries, redis_pages, tags
from core.cache_tags import SITE_TAG, page_tag
from tests import factories
from tests.cms.cache.round_trips import RoundTripCounter
from tests.cms.cache.visits import cached, fresh, serve
from tests.redis_cache import delete_own_keys, redis_caches, use_redis

pytestmark = pytest.mark.redis


@pytest.fixture
def relay():
    counter = RoundTripCounter(os.environ["TEST_REDIS_URL"])
    yield counter
    counter.close()


@pytest.fixture
def pages(settings, relay):
    """Return the page cache on the Redis of TEST_REDIS_URL, reached through `relay`, under keys of this test's own."""
    use_redis(settings)  # checks that Redis answers
    settings.CACHES = {
        **settings.CACHES,
        "pages": redis_caches(relay.url, f"zhengce-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")["pages"],
    }
    yield caches[settings.ZHENGCE_PAGE_CACHE_ALIAS]
    delete_own_keys()


@contextmanager
def round_trips(relay):
    """Count the round trips to the page cache's Redis while the block runs: `with round_trips(relay) as trips:`."""
    counted = []
    before = relay.count
    yield counted
    counted.append(relay.count - before)


def raw(cache):
    return cache._cache.get_client(write=True)


def key_of(url):
    return entries.key_for(RequestFactory().get(url))


def forget():
    """Forget what this process learned of the entries' tags, as a new worker would not know them."""
    entries._learned.clear()


@pytest.mark.parametrize("first_in_process", [False, True], ids=["learned", "first"])
def test_a_hit_costs_one_round_trip(visitor, library, pages, relay, first_in_process):
    url = library["policy"].url
    cached(visitor, url)
    if first_in_process:
        forget()
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [1]
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [1]


@pytest.mark.parametrize("url", ["/", "/zhengce/", "/search/?q=大气", "/api/v2/pages/"])
def test_listings_search_and_apis_hit_in_one_round_trip_too(visitor, library, pages, relay, url):
    cached(visitor, url)
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    forget()
    assert serve(visitor, url)[1] == "hit"
    assert trips == [1]


def test_head_and_conditional_hits_cost_one_round_trip(visitor, library, pages, relay):
    url = library["policy"].url
    etag = serve(visitor, url)[0].headers["ETag"]
    with round_trips(relay) as trips:
        head = visitor.head(url)
        conditional = visitor.get(url, headers={"if-none-match": etag})
    assert (head.status_code, head.headers["X-Page-Cache"], head.content) == (200, "hit", b"")
    assert head.headers["ETag"] == etag
    assert conditional.status_code == 304
    assert trips == [2]


def test_a_script_redis_does_not_know_is_sent_again(visitor, library, pages, relay, monkeypatch):
    """After a restart Redis knows no script: the first EVALSHA fails (NOSCRIPT) and EVAL sends it once."""
    url = library["policy"].url
    cached(visitor, url)
    # A script of this test's own, so that no other test or worker on this Redis has loaded it (SCRIPT FLUSH would
    # empty the cache of every worker sharing the server).
    script = f"{redis_pages.VERSIONS_SCRIPT}-- {uuid.uuid4().hex}\n"
    monkeypatch.setattr(redis_pages, "VERSIONS_SCRIPT", script)
    monkeypatch.setattr(redis_pages, "_VERSIONS_SHA", hashlib.sha1(script.encode(), usedforsecurity=False).hexdigest())
    assert raw(pages).script_exists(redis_pages._VERSIONS_SHA) == [False]
    forget()
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [2]  # the pipeline, whose script Redis did not know, then EVAL
    forget()
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [1]


@pytest.mark.parametrize("first_in_process", [False, True], ids=["learned", "first"])
def test_a_stale_tag_is_a_miss(visitor, library, pages, relay, first_in_process):
    policy, other = library["policy"], library["other"]
    cached(visitor, policy.url)
    cached(visitor, other.url)
    tags.invalidate({page_tag(policy)})
    if first_in_process:
        forget()
    with round_trips(relay) as trips:
        assert entries.load(key_of(policy.url)) is None
    assert trips == [1]
    assert "浙江省大气污染防治办法" in fresh(visitor, policy.url)
    assert serve(visitor, policy.url)[1] == "hit"
    assert serve(visitor, other.url)[1] == "hit"


@pytest.mark.parametrize("first_in_process", [False, True], ids=["learned", "first"])
def test_a_tag_version_evicted_is_a_miss(visitor, library, pages, first_in_process):
    url = library["policy"].url
    cached(visitor, url)
    raw(pages).delete(tags.version_key(page_tag(library["policy"])))
    if first_in_process:
        forget()
    fresh(visitor, url)
    assert serve(visitor, url)[1] == "hit"


def test_a_change_shown_on_the_page_is_a_miss(visitor, library, pages):
    policy = library["policy"]
    cached(visitor, policy.url)
    factories.revise(policy, title="浙江省大气污染防治条例")
    assert "浙江省大气污染防治条例" in fresh(visitor, policy.url)


def test_tags_learned_from_an_older_entry_still_give_the_exact_answer(visitor, library, pages, relay):
    """Another process rendered the page anew with a tag this one did not learn: it is read too, then learned."""
    policy = library["policy"]
    url = policy.url
    cached(visitor, url)
    full_key = pages.make_key(key_of(url))
    tags_, version_keys = entries._learned[full_key]
    unlearned = tags_.index(page_tag(policy))
    entries._learned[full_key] = (
        tags_[:unlearned] + tags_[unlearned + 1 :],
        version_keys[:unlearned] + version_keys[unlearned + 1 :],
    )
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [2]
    assert page_tag(policy) in entries._learned[full_key][0]
    with round_trips(relay) as trips:
        assert serve(visitor, url)[1] == "hit"
    assert trips == [1]

    # The tag this process has not learned changes: the page is stale all the same.
    entries._learned[full_key] = (
        tags_[:unlearned] + tags_[unlearned + 1 :],
        version_keys[:unlearned] + version_keys[unlearned + 1 :],
    )
    tags.invalidate({page_tag(policy)})
    fresh(visitor, url)


def test_the_entry_lists_its_tags_beside_it_and_both_expire_together(visitor, library, pages):
    url = library["policy"].url
    cached(visitor, url)
    key = key_of(url)
    entry = pages.get(key)  # Django's own get still reads the entry
    assert isinstance(entry, entries.Entry)
    assert SITE_TAG in entry.versions and page_tag(library["policy"]) in entry.versions
    record = raw(pages).get(redis_pages.record_key(pages, key)).decode().split("\n")
    assert sorted(record) == sorted(tags.version_key(tag) for tag in entry.versions)
    entry_ttl = raw(pages).ttl(pages.make_key(key))
    record_ttl = raw(pages).ttl(redis_pages.record_key(pages, key))
    assert 0 < entry_ttl <= entries.timeout()
    assert abs(entry_ttl - record_ttl) <= 1


def test_without_the_record_a_first_hit_takes_a_second_round_trip_and_is_still_exact(visitor, library, pages, relay):
    policy = library["policy"]
    cached(visitor, policy.url)
    record = redis_pages.record_key(pages, key_of(policy.url))
    raw(pages).delete(record)
    forget()
    with round_trips(relay) as trips:
        assert serve(visitor, policy.url)[1] == "hit"
    assert trips == [2]
    tags.invalidate({page_tag(policy)})
    raw(pages).delete(record)
    forget()
    assert serve(visitor, policy.url)[1] == "miss"


@pytest.mark.parametrize("first_in_process", [False, True], ids=["learned", "first"])
def test_an_expired_entry_is_a_miss(visitor, library, pages, first_in_process):
    url = library["policy"].url
    cached(visitor, url)
    raw(pages).delete(pages.make_key(key_of(url)))
    if first_in_process:
        forget()
    fresh(visitor, url)


def test_values_read_back_as_djangos_serializer_reads_them(pages):
    loads = redis_pages._loader(pages)
    serializer = pages._cache._serializer
    for value in [0, 12, -3, "0123456789abcdef", "", b"\x80", {"tag": "v"}, [1, "2"], None]:
        stored = serializer.dumps(value)
        raw_value = str(stored).encode() if isinstance(stored, int) else stored  # Redis keeps ints as digits
        assert loads(raw_value) == serializer.loads(raw_value) == value
