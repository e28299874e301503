"""The approved version of a page: what its live revision holds, never a later draft."""

from core.visibility import openable_page


def live_version(page_id):
    """Return (page as a citizen may open it, its live revision's content as a page) or (None, None).

    The page row holds the live content, but a draft saved since then is only in a later revision: the export reads
    the live revision itself, so what goes out is what passed review."""
    page = openable_page(page_id)
    if page is None:
        return None, None
    revision = page.live_revision
    return page, (revision.as_object() if revision is not None else page)


def exportable(page):
    """Whether the page has an article to export (interpretations and news declare ``article_parts``)."""
    return callable(getattr(page, "article_parts", None))


def has_poster(page):
    return callable(getattr(page, "poster_images", None))
