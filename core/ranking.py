"""Which pages match a listing's keywords, best first, asked of the search app through a hook.

The content apps sit below the search app (cms/search), so a listing's keyword box (the policy library's) asks
through the `rank_pages_by_words` hook: a function (query, limit) returning page ids, best first. Without it (the
search app not installed), None: the caller falls back to matching the words in titles.
"""

from wagtail import hooks


def ranked_page_ids(query, limit):
    """Return the ids of the pages best matching `query`, best first (drafts included), or None if nothing ranks."""
    for rank in hooks.get_hooks("rank_pages_by_words"):
        return list(rank(query, limit))
    return None
