"""Which cache the settings choose: Redis when REDIS_URL is set (production requires it); else one per process."""

from tests.cms.test_settings import PRODUCTION_ENV, load_settings

SHOW = "print(*(f\"{c['BACKEND']} {c['LOCATION']}\" for c in (settings.CACHES['default'], settings.CACHES['pages'])))"


def caches_of(module, env):
    result = load_settings(module, env, SHOW)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_redis_url_selects_djangos_redis_backend():
    url = "redis://cache.example.gov.cn:6379/1"
    for module, env in (("cms.settings.production", PRODUCTION_ENV), ("cms.settings.dev", {})):
        shown = caches_of(module, {**env, "REDIS_URL": url})
        assert shown.count(f"django.core.cache.backends.redis.RedisCache {url}") == 2, module


def test_development_keeps_a_cache_per_process():
    shown = caches_of("cms.settings.dev", {"REDIS_URL": ""})
    assert shown.count("django.core.cache.backends.locmem.LocMemCache") == 2
