"""The public share image of a page: /fenxiang/<page id>.png."""

from django.http import Http404, HttpResponse

from core.visibility import openable_page
from home.models import SiteSettings

from . import facts


def share_image(request, page_id):
    page = openable_page(page_id)
    if page is None:
        raise Http404
    url = page.get_full_url(request)
    if url is None:  # a page outside every site has no address to share
        raise Http404
    department = SiteSettings.for_request(request).site_name
    png = facts.share_image(page, url, department)
    # The page cache keeps the answer under the page's own tags (cms/cache/rules.py): a change to the page drops it.
    request.served_page = page
    return HttpResponse(png, content_type="image/png")
