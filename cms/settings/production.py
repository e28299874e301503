"""Production settings: every secret and host comes from the environment, or the process refuses to start."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def require_env(name):
    """Return the environment variable `name`, or stop with a message naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production (see the Configuration section of README.md)."
        )
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
# Each worker keeps its connection for ten minutes; the health check (a SELECT 1 before the first query of a request
# on a kept connection) replaces one the server has dropped, so a database restart costs no failed request.
DATABASES = {"default": dj_database_url.parse(require_env("DATABASE_URL"), conn_max_age=600, conn_health_checks=True)}

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# WhiteNoise serves static files under content-hashed names, compressed, cacheable for ever.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# gunicorn's workers, and every server, must share one cache: a page dropped by one process must be dropped for all,
# and a client's requests are counted against its rate limit by whichever process answers them, atomically (Redis
# INCR). base.py builds CACHES from the same environment variable.
REDIS_URL = require_env("REDIS_URL")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# HTTPS only. TLS ends at the reverse proxy, which must set X-Forwarded-Proto to the scheme the visitor used
# (nginx: `proxy_set_header X-Forwarded-Proto $scheme;`) and overwrite any value the visitor sent: Django
# believes this header, so a proxy that passes it through would let plain HTTP pass for HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
# The load balancer's health check asks over plain HTTP and must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() != "false"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() != "false"

# Approvers are told by email that something waits for them.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = require_env("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"zhengce@{ALLOWED_HOSTS[0]}")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
