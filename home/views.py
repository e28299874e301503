"""The site's error pages: the 404 that answers 410 Gone for a page removed in error."""

from django.shortcuts import render
from django.views import defaults
from wagtail.models import Page, Site

from core.publication import PublicationStateMixin


def _stored(page):
    """Return the page as stored (its specific class) if its type has a publication state, else None."""
    cls = page.specific_class
    if cls is None or not issubclass(cls, PublicationStateMixin):
        return None
    return cls.objects.filter(pk=page.pk).first()


def removed_page_for(request):
    """Return the page removed in error whose URL is the request's path, or None."""
    site = Site.find_for_request(request)
    # No page's URL holds a NUL, and PostgreSQL refuses one in a query: the path cannot be a removed page.
    if site is None or "\x00" in request.path:
        return None
    components = [part for part in request.path.split("/") if part]
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
    page = Page.objects.filter(url_path=url_path, live=False).first()
    if page is None:
        return None
    page = _stored(page)
    return page if isinstance(page, PublicationStateMixin) and page.is_removed else None


def page_not_found(request, exception=None):
    """The site's 404, except for a page removed in error: 410 Gone, with no reason shown."""
    if removed_page_for(request) is not None:
        return render(request, "410.html", status=410)
    return defaults.page_not_found(request, exception)
