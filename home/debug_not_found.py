"""With DEBUG (`make run`), the site's designed 404 instead of Django's debug page listing the URL patterns.

Django answers a missing page with its technical 404 whenever DEBUG is on and never calls `handler404`; a developer
then sees neither the page citizens get nor the 410 of a page removed in error. This middleware answers as
production does: a view raising Http404 (Wagtail's serve view for a missing page), and a path no URL pattern
matches, get `home.views.page_not_found` (status 404, or 410). Without DEBUG it does nothing: Django calls the
handler itself. Placed after CommonMiddleware, whose added slash (/zhengce → /zhengce/) still applies to the answer.
"""

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve

from .views import page_not_found


class DesignedNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as error:
                return page_not_found(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
