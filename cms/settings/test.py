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

# Every test runs from 127.0.0.1 and shares one cache: limits would leak from test to test, so they are off
# here and the security tests switch them on with the `settings` fixture.
ZHENGCE_RATE_LIMITS = {}
ZHENGCE_LOGIN_MAX_FAILURES = None
