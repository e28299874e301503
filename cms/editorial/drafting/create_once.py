"""A create form makes one page, however often it is posted.

A double click on 保存草稿, or a save while the autosave of the still-blank form is on its way, posts the same create
form twice; Wagtail would make a second draft of the same title (or refuse the second post with a slug clash
against the first, a page the editor never sees). Each create form carries a token (FIELD); the first post of a
token claims it in the shared cache, and a later post of the same token leads to the page the first one made,
waiting a few seconds for it if the first is still being saved. A post that makes no page (its form was invalid,
or the view failed) gives its claim back as it ends (ReleaseUnusedClaimMiddleware), so the next post of that form
goes ahead at once instead of waiting for a page that will never come.
"""

import re
import time
import uuid

from django.core.cache import cache

FIELD = "editorial_create_token"
REMEMBERED_SECONDS = 3600
WAIT_SECONDS = 5
PENDING = "pending"
TOKEN = re.compile(r"^[0-9a-f]{32}$")
_CLAIMED = "_editorial_create_key"


def new_token():
    return uuid.uuid4().hex


def _key(request):
    token = request.POST.get(FIELD, "")
    if not TOKEN.match(token):
        return None
    return f"editorial:create-once:{request.user.pk}:{token}"


def earlier_page_id(request):
    """Return the id of the page an earlier post of this create form made, or None if this post may create it."""
    key = _key(request)
    if key is None:
        return None
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(key, PENDING, REMEMBERED_SECONDS):
            setattr(request, _CLAIMED, key)
            return None
        value = cache.get(key)
        if value not in (None, PENDING):
            return value
        if time.monotonic() >= deadline:
            # The earlier post is stuck (a failed one gives its claim back).
            return None
        time.sleep(0.1)


def release_unused(request):
    """Give back this post's claim if it made no page, so that another post of the same form need not wait."""
    key = getattr(request, _CLAIMED, None)
    if key is not None and cache.get(key) == PENDING:
        cache.delete(key)


class ReleaseUnusedClaimMiddleware:
    """Whatever a create view answered (a form with errors, a JSON error to the autosave, a 500), an unused claim
    goes: Wagtail runs no hook when a create form is invalid."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            release_unused(request)


def remember(request, page):
    """Record that this post created `page`, for a later post of the same form."""
    key = getattr(request, _CLAIMED, None)
    if key is not None:
        cache.set(key, page.pk, REMEMBERED_SECONDS)
