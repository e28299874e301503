"""HTTP caching headers for browsers and a CDN or front cache in front of the site."""

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .entries import timeout

# Answers that are not kept by the page cache but are the same for every visitor for a while.
SHORT_LIVED_STATUSES = (301, 404, 410)


def _drop_single_language_vary(response):
    # LocaleMiddleware varies every answer on Accept-Language; with one language the content never does, and the
    # header would make a front cache keep one copy per browser language.
    if len(settings.LANGUAGES) != 1 or "Vary" not in response.headers:
        return
    kept = [v.strip() for v in response.headers["Vary"].split(",") if v.strip().lower() != "accept-language"]
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    else:
        del response.headers["Vary"]


def public(request, response, etag, last_modified, expires_at=None):
    """Mark a cached response as shareable, with its validators; answer 304 when the client's copy matches.

    Browsers and front caches may keep it no longer than the page cache itself (`expires_at`, entries.timeout).
    """
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    remaining = timeout(expires_at)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.ZHENGCE_PAGE_CACHE_MAX_AGE, remaining),
        s_maxage=min(settings.ZHENGCE_PAGE_CACHE_S_MAXAGE, remaining),
    )
    _drop_single_language_vary(response)
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def short_lived(response):
    """Let a front cache keep a redirect or a missing page briefly (a page published later shows up soon)."""
    if "Cache-Control" not in response.headers:
        patch_cache_control(response, public=True, max_age=settings.ZHENGCE_PAGE_CACHE_MAX_AGE)
        _drop_single_language_vary(response)


def private(response):
    """Keep a personal response (signed in, the admin, a form, a cookie) out of every shared and local cache."""
    patch_cache_control(response, private=True, no_store=True)
