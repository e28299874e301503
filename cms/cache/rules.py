"""Which requests the page cache answers, which responses it keeps, and what each response depends on."""

from django.conf import settings

from core.cache_tags import SITE_TAG, page_tag

from .tags import ALL_TAG

READ_METHODS = ("GET", "HEAD")
# Cookies that make a response personal: a session (a signed-in user, a password passed for a page) or messages.
PERSONAL_COOKIES = ("messages",)
# Cache-Control directives with which a view says its response is not for a shared cache.
_PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def is_personal(request):
    """Return whether the request comes from someone with a session, or goes to the admin, or changes something."""
    if request.method not in READ_METHODS:
        return True
    if request.path.startswith(tuple(settings.ZHENGCE_PAGE_CACHE_PRIVATE_PATHS)):
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return True
    return "HTTP_AUTHORIZATION" in request.META


def may_use_cache(request):
    """Return whether the cache may answer `request` (read without the database, the session or the user)."""
    return settings.ZHENGCE_PAGE_CACHE_ENABLED and not is_personal(request)


def is_personal_response(request, response):
    """Return whether the response carries something of this visitor's: a cookie, or a form's CSRF token."""
    return bool(response.cookies) or bool(request.META.get("CSRF_COOKIE_USED"))


def may_store(request, response):
    """Return whether `response` to an anonymous GET may be kept and served to everyone."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if is_personal_response(request, response):
        return False
    directives = response.headers.get("Cache-Control", "").lower()
    return not any(directive in directives for directive in _PRIVATE_DIRECTIVES)


def dependencies(request):
    """Return the tags the response to `request` depends on, or None if it is not a response the cache keeps."""
    page = getattr(request, "served_page", None)
    if page is not None:
        declared = getattr(page, "cache_tags", None)
        # A page type that does not say what it shows may show anything.
        return {SITE_TAG, *(declared() if declared else (page_tag(page), ALL_TAG))}
    if request.path.startswith(tuple(settings.ZHENGCE_PAGE_CACHE_CONTENT_PATHS)):
        return {SITE_TAG, ALL_TAG}
    return None
