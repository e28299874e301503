"""Test settings: an isolated SQLite database (or DATABASE_URL), fast hashing, a private media folder."""

import os
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db-test.sqlite3'}", conn_max_age=0)}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="zhengce-media-")))
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"

# Search tests run against the real node `make test` starts; each run gets its own index names.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = f"zhengce-test-{os.getpid()}"
ELASTICSEARCH_REFRESH_ON_WRITE = True
ELASTICSEARCH_RETRY_AFTER = 0

# A cache per test process whatever REDIS_URL says; the page cache stays on, so every test that reads a page after a
# change checks its invalidation. tests/conftest.py empties the caches before each test; tests/cms/cache runs its
# tests against a real Redis server too when TEST_REDIS_URL is set.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
ZHENGCE_PAGE_CACHE_ENABLED = True

# Every test runs from 127.0.0.1 and shares one cache: limits would leak from test to test, so they are off
# here and the security tests switch them on with the `settings` fixture. So are sign-in locks: axes refuses
# Client.login(), which authenticates without a request.
ZHENGCE_RATE_LIMITS = {}
AXES_ENABLED = False

# SQLite: the test database is a file, not Django's shared in-memory one, which refuses a second writer at once
# ("table is locked") where a file makes it wait: tests of parallel requests (sign-in failures) then run on both
# databases. Each transaction takes the write lock as it begins, as Django advises for concurrent writers (a
# deferred one cannot upgrade its read lock while another writes); a test database needs no durability.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"zhengce-test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA synchronous=OFF",
    }
