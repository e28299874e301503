"""A sendfile backend (Wagtail's SENDFILE_BACKEND) that lets nginx send the file the application has allowed.

The answer carries no body, only ``X-Accel-Redirect`` naming the file under ZHENGCE_MEDIA_ACCEL_LOCATION, an
``internal`` location of nginx that maps to MEDIA_ROOT and that no visitor can request directly. nginx keeps the
application's headers (type, disposition, caching) and handles ranges and conditional requests itself, so a large
video does not hold a worker while it downloads.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse


def sendfile(request, filename, **kwargs):
    location = getattr(settings, "ZHENGCE_MEDIA_ACCEL_LOCATION", "")
    if not location.startswith("/") or not location.endswith("/"):
        raise ImproperlyConfigured("ZHENGCE_MEDIA_ACCEL_LOCATION must be a path starting and ending with '/'.")
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse()
    response["X-Accel-Redirect"] = quote(f"{location}{relative.as_posix()}")
    return response
