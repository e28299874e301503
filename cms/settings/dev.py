"""Development settings: SQLite by default, DATABASE_URL when set, a throwaway secret key."""

import os
import secrets

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = True
# A fresh key per process is enough for development: sessions do not need to survive a restart.
SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0)}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
