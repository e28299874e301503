"""Count what citizens search for, without anything that could identify one of them."""

import re

from cms.cache.replay import repeat_on_cache_hit

from .models import SearchQueryStat

# Runs of digits long enough to be a phone, ID card or case number, and e-mail addresses.
_PERSONAL = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[邮箱]"),
    (re.compile(r"\d{6,}[\dXx]?"), "[数字]"),
]
MAX_LENGTH = 100


def scrub(query):
    """Return the query with personal data (phone and ID numbers, e-mail addresses) masked, lowercased."""
    for pattern, mask in _PERSONAL:
        query = pattern.sub(mask, query)
    return query.lower()[:MAX_LENGTH]


def record_search(query, count):
    """Count one search of `query` that found `count` results, and again each time the page cache answers it."""
    query = scrub(query)
    SearchQueryStat.record(query, count)
    repeat_on_cache_hit(SearchQueryStat.record, query, count)
