"""The share metadata of a public page: Open Graph, the Twitter card and the microdata WeChat's in-app browser reads.

WeChat documents custom share cards only through its JS-SDK (a 公众号's AppID, a signature from our server and a
script of theirs, which the site's CSP does not allow). Without it, the in-app browser takes the `<title>` and,
as observed rather than documented, `og:*` and the `itemprop` name, description and image; we give both and no
hidden first image (the older heuristic of a body image at least 300 px wide). Nothing is given for a preview (a
draft) or a page a citizen may not open, so no share image of a draft is ever linked.
"""

from django.utils import timezone
from wagtail.models import Page, Site

from . import facts


def share_meta(request, page, site_name):
    """Return what the meta tags say, or None where none may be given."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if isinstance(page, Page):
        if not page.live or not getattr(page, "is_openable", True):
            return None
        parts = page.get_url_parts(request)
        if parts is None:
            return None
        _site_id, root_url, page_path = parts
        card = facts.card_of(page)
        return {
            "site_name": site_name,
            "type": "article" if card.date else "website",
            "title": card.title,
            "description": card.description or page.search_description or card.title,
            "url": root_url + page_path,
            "image": facts.image_url(page, root_url),
            "image_alt": f"{card.kind}：{card.title}",
            "width": facts.CARD_WIDTH,
            "height": facts.CARD_HEIGHT,
            "published": card.date.isoformat() if card.date else "",
            "modified": timezone.localtime(page.last_published_at).isoformat() if page.last_published_at else "",
        }
    # A view that is not a page (search, the site map, the forms): the site, with the home page's image.
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_url = site.root_url
    return {
        "site_name": site_name,
        "type": "website",
        "title": site_name,
        "description": site_name,
        "url": root_url + request.path,
        "image": root_url + facts.image_path(Page(pk=site.root_page_id)),
        "image_alt": site_name,
        "width": facts.CARD_WIDTH,
        "height": facts.CARD_HEIGHT,
    }
