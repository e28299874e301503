"""Changes the clock makes: a cached response is kept no later than the next one that touches what it shows.

Tags are made stale by edits (signals.py). Content whose state follows the time (a consultation opens, closes)
changes with no edit, so the apps owning it declare its coming changes through the `timed_cache_changes` hook
(core.cache_tags). An entry's lifetime is capped at the first change, after the request began, whose tags
meet the entry's; everything depending on ALL (search, the APIs, feeds) counts as meeting every change.
Counting from the start of the request matters: a page rendered just before a change and stored just after it
shows the old state, and is then not stored at all.
"""

from datetime import timedelta

from django.conf import settings
from wagtail import hooks

from core.cache_tags import TIMED_CHANGES_HOOK

from .tags import ALL_TAG


def next_change(depends_on, after):
    """Return the first moment after `after` (an aware datetime) at which a response showing `depends_on` changes
    by the clock, within the longest lifetime an entry may have, or None."""
    until = after + timedelta(seconds=settings.ZHENGCE_PAGE_CACHE_TIMEOUT)
    depends_on = set(depends_on)
    everything = ALL_TAG in depends_on
    moments = [
        moment
        for changes in hooks.get_hooks(TIMED_CHANGES_HOOK)
        for moment, tags in changes(after, until)
        if after < moment <= until and (everything or depends_on & set(tags))
    ]
    return min(moments, default=None)
