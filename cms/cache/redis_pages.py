"""On Redis, a cached page in one round trip: the entry and the versions of the tags it depends on, together.

The entry is kept as Django's RedisCache keeps any value (pickled, under the cache's key for it), so ``get()``
still reads it. Beside it, written in the same transaction and with the same expiry, a plain-text record lists the
cache keys of its tags' versions, one a line. Two ways to read them in one round trip:

- ``read_with()``, when the caller knows those keys (entries.py remembers them from the entry it last served):
  one MGET of the entry and the versions.
- ``read()``, when it does not (a process's first hit on a page): a pipeline of two commands, GET of the entry
  and a small Lua script that reads the record and the versions of the keys it lists. (The entry does not go
  through the script: handing Lua a page of 20 kB costs Redis some 25 microseconds, GET about one.)

Either way the versions are read with or after the entry, never before it, as on any other backend. A caller
whose keys or record do not cover every tag of the entry (its tags changed, the record was evicted apart from it)
reads the versions it lacks in a second round trip.

The script reads keys it is not handed (those the record lists), which a single Redis server allows and Redis
Cluster does not; the settings use one server (REDIS_URL).
"""

import hashlib
import pickle
import weakref

from django.core.cache.backends.redis import RedisCache, RedisSerializer
from redis.exceptions import NoScriptError

# KEYS[1]: the record of an entry's tags. Returns {record, {version of each key it lists}}, or {} without a record.
VERSIONS_SCRIPT = """
local record = redis.call('GET', KEYS[1])
if not record then
  return {}
end
local keys = {}
for name in string.gmatch(record, '[^\\n]+') do
  keys[#keys + 1] = name
end
if #keys == 0 then
  return {record, {}}
end
return {record, redis.call('MGET', unpack(keys))}
"""
_VERSIONS_SHA = hashlib.sha1(VERSIONS_SCRIPT.encode(), usedforsecurity=False).hexdigest()

# {Django's client of a cache: {write: redis-py client}}
_clients = weakref.WeakKeyDictionary()


def supports(cache):
    """Return whether `cache` is Django's Redis backend, on which reads take one round trip."""
    return isinstance(cache, RedisCache)


def _client(cache, write=False):
    """Return a redis-py client on `cache`'s connection pool, made once per process.

    Django's get_client() builds a new redis.Redis for every command, which costs about as much as a round trip
    on loopback (it sets up its table of reply parsers each time). A redis.Redis is safe to share between
    threads. With several servers in LOCATION, this process reads from the one replica it chose first.
    """
    backend = cache._cache
    clients = _clients.setdefault(backend, {})
    if write not in clients:
        clients[write] = backend.get_client(write=write)
    return clients[write]


# Keys are made with make_key(), not make_and_validate_key(): validation only warns of keys memcached would refuse
# (and costs more than the rest of a hit's key handling); these are a fixed prefix and a hash.
def record_key(cache, key):
    return cache.make_key(f"{key}:tags")


def _loader(cache):
    """Return the function that turns what Redis holds back into the value `cache` stored.

    Django's RedisSerializer keeps ints as digits and pickles everything else; its loads() tries int() first,
    which raises for every pickle (a few microseconds, nine times a hit). A pickle of protocol 2 or later starts
    with 0x80, which no int does, so those go straight to pickle.
    """
    serializer = cache._cache._serializer
    if type(serializer) is not RedisSerializer:
        return serializer.loads
    return lambda data: pickle.loads(data) if data[:1] == b"\x80" else serializer.loads(data)


def read(cache, key):
    """Return (the value under `key` or None, {cache key of a tag version: the version or None}), in one round trip.

    The second item holds the versions of the keys the record beside the value lists; it is empty when there is
    no value or no record.
    """
    client = _client(cache)
    record = record_key(cache, key)
    pipeline = client.pipeline(transaction=False)
    pipeline.get(cache.make_key(key))
    pipeline.evalsha(_VERSIONS_SHA, 1, record)
    value, found = pipeline.execute(raise_on_error=False)
    if isinstance(value, Exception):
        raise value
    if isinstance(found, NoScriptError):
        # The server has not seen the script since it started: EVAL runs it and keeps it for the next EVALSHA.
        found = client.eval(VERSIONS_SCRIPT, 1, record)
    elif isinstance(found, Exception):
        raise found
    if value is None:
        return None, {}
    loads = _loader(cache)
    versions = {}
    if found:
        names, values = found
        for name, version in zip(names.decode().split("\n"), values, strict=True):
            versions[name] = None if version is None else loads(version)
    return loads(value), versions


def read_with(cache, key, version_keys):
    """Return (the value under `key` or None, [the version under each of `version_keys`, or None]), in one MGET."""
    values = _client(cache).mget([cache.make_key(key), *version_keys])
    if values[0] is None:
        return None, []
    loads = _loader(cache)
    return loads(values[0]), [None if version is None else loads(version) for version in values[1:]]


def write(cache, key, value, version_keys, timeout):
    """Keep `value` under `key` for `timeout` seconds, with the record of `version_keys` (cache keys) beside it."""
    client = _client(cache, write=True)
    pipeline = client.pipeline(transaction=True)
    pipeline.set(cache.make_key(key), cache._cache._serializer.dumps(value), ex=timeout)
    pipeline.set(record_key(cache, key), "\n".join(version_keys), ex=timeout)
    pipeline.execute()
