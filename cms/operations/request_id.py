"""The id of the request being handled, taken from the proxy's X-Request-ID or made here."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# A proxy's id is trusted only when it cannot smuggle anything into a log line or a header.
_SANE = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

current_request_id = ContextVar("current_request_id", default=None)


def make_request_id(proposed=None):
    """Return `proposed` when it is a sane token, otherwise a new random id."""
    if proposed and _SANE.match(proposed):
        return proposed
    return uuid.uuid4().hex


def begin_request(sender, environ=None, **kwargs):
    """Give the request its id as it arrives, before Django logs anything about it."""
    proposed = (environ or {}).get("HTTP_X_REQUEST_ID")
    current_request_id.set(make_request_id(proposed))


def end_request(sender, **kwargs):
    current_request_id.set(None)


class RequestIdMiddleware:
    """Expose the request's id as request.request_id and in the response's X-Request-ID header.

    The id is set by the request_started signal rather than here, because Django logs an error response
    (404, 500) after the middleware chain has returned; request_finished clears it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = current_request_id.get()
        if request_id is None:  # a handler that sends no request_started (some ASGI setups)
            request_id = make_request_id(request.headers.get(HEADER))
            current_request_id.set(request_id)
        request.request_id = request_id
        response = self.get_response(request)
        response[HEADER] = request_id
        return response
