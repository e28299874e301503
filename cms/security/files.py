"""Uploaded files reach only those who may see them (which files a citizen may reach: core/files.py).

Documents are answered by Wagtail's serve view (``/documents/<id>/<name>``), which asks the
``before_serve_document`` hook (wagtail_hooks.py); everything under MEDIA_URL by ``serve_media``: image originals
and renditions under the same rule, never a document's file, whose serve view adds the safe headers. Staff with
access to the admin see every file, so that editors and reviewers preview drafts with their pictures and
attachments. A file is sent by Django, or by the reverse proxy from an internal location when SENDFILE_BACKEND is
``cms.security.accel``.
"""

from functools import wraps

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from core.files import is_reachable


def is_staff(request):
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def may_reach(request, file):
    return is_staff(request) or is_reachable(file)


def refuse_hidden_document(document, request):
    """Answer 404 for a document the visitor may not reach, as if it did not exist."""
    if not may_reach(request, document):
        raise Http404(_("文件不存在或尚未公开。"))


def _file_answer(view):
    """Let browsers and front caches keep a file only if they ask again each time (304 while it is unchanged).

    A file stops being public the moment its page is unpublished or withdrawn; a cache allowed to reuse it
    without asking would go on serving it.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # Wagtail's sendfile writes an unknown encoding as the text "None", which a client may take for a real one.
        if response.headers.get("Content-Encoding") == "None":
            del response.headers["Content-Encoding"]
        if response.status_code in (200, 206, 304) and "Cache-Control" not in response.headers:
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapper


serve_document = _file_answer(wagtail_serve_document)


def _image_at(name):
    """Return (image, stored file) for the image whose original or rendition is stored under `name`, or (None, None)."""
    Image = get_image_model()
    rendition = Image.get_rendition_model().objects.filter(file=name).select_related("image__collection").first()
    if rendition is not None:
        return rendition.image, rendition.file
    image = Image.objects.filter(file=name).select_related("collection").first()
    return (image, image.file) if image is not None else (None, None)


def _passes_view_restrictions(request, image):
    # Wagtail's own hook applies a collection's view restrictions to documents; images follow the same rule.
    return all(restriction.accept_request(request) for restriction in image.collection.get_view_restrictions())


def _send(request, file):
    try:
        path = file.path
    except NotImplementedError:  # a storage without local paths: stream what it returns
        return FileResponse(file.open("rb"))
    backend_path = getattr(settings, "SENDFILE_BACKEND", None)
    backend = import_string(f"{backend_path}.sendfile") if backend_path else sendfile_streaming_backend.sendfile
    # Images are shown in the page, not downloaded.
    return sendfile(request, path, attachment=False, attachment_filename=False, backend=backend)


@_file_answer
def serve_media(request, path):
    """Answer a file under MEDIA_URL: an image's original or rendition that the visitor may see, else 404."""
    # PostgreSQL refuses a NUL in a query parameter outright; no stored file has one.
    image, file = _image_at(path) if "\x00" not in path else (None, None)
    if image is None:
        raise Http404(_("文件不存在或尚未公开。"))
    if not is_staff(request) and not (is_reachable(image) and _passes_view_restrictions(request, image)):
        raise Http404(_("文件不存在或尚未公开。"))
    return _send(request, file)
