"""A 503 page while the database cannot be reached; the next request after it is back is served as usual."""

import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client or a proxy is asked to wait before trying again.
RETRY_AFTER = 30


def service_unavailable_response():
    """Return the 503 page, rendered without a request so no context processor can query the database."""
    body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def note_database_failure(sender, request=None, **kwargs):
    """Mark a request whose handling failed on the database (Django sends this while handling the error)."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answer 503 instead of a server error when the database fails, in the public site and the admin alike.

    A view's error arrives in process_exception; an error in an inner middleware (sessions, redirects) has
    already become a 500 response when it reaches here, so the got_request_exception signal marks it.
    Django closes a connection that failed at the end of the request, so no restart is needed to recover.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return service_unavailable_response()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return service_unavailable_response()
        return None
