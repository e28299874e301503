"""What a page's share metadata and share image say, from what the page declares (core/sharing.py), for pages a
citizen may open only (core/visibility.py)."""

import hashlib

from django.core.cache import cache
from django.urls import reverse

from core.sharing import ShareCard

from . import cards

CARD_WIDTH, CARD_HEIGHT = cards.CARD_WIDTH, cards.CARD_HEIGHT
# Bumped when the card's drawing changes, so that cached images are drawn again.
DRAWING_VERSION = 1
CACHE_SECONDS = 30 * 24 * 3600


def card_of(page):
    """The page's ShareCard; a page type that declares none is shared by its title and description."""
    declared = getattr(page, "share_card", None)
    if declared is not None:
        return declared()
    return ShareCard(page.title, str(page._meta.verbose_name), None, getattr(page, "search_description", ""))


def version(page):
    """What changes whenever the page's live content changes: its live revision (publishing makes a new one)."""
    if page.live_revision_id:
        return str(page.live_revision_id)
    return page.last_published_at.strftime("%Y%m%d%H%M%S") if page.last_published_at else "0"


def image_path(page):
    return reverse("share_image", args=[page.pk])


def image_url(page, root_url):
    """The share image's absolute address; `v` names the live revision, so that a scraper fetches a new one."""
    return f"{root_url}{image_path(page)}?v={version(page)}"


def share_image(page, url, department):
    """The PNG of the page's share card, kept in the cache under the page's live revision, its address and the
    department's name: a new publication, a move or a renamed department draws it again."""
    key = (
        "sharing:card:"
        + hashlib.sha1(f"{DRAWING_VERSION}|{page.pk}|{version(page)}|{url}|{department}".encode()).hexdigest()
    )
    png = cache.get(key)
    if png is None:
        png = cards.share_image(card_of(page), url, department)
        cache.set(key, png, CACHE_SECONDS)
    return png
