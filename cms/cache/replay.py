"""Work a cached response must repeat each time it is served, such as counting a search in the statistics.

During a miss, code that must also run on every hit calls ``repeat_on_cache_hit(function, *args)``; the page
cache keeps the call with the response (pickled: a module-level function or a model's classmethod, with plain
arguments) and makes it again whenever it serves that response. Outside a miss the call does nothing.
"""

import contextvars
import logging
from contextlib import contextmanager

logger = logging.getLogger(__name__)

_collected = contextvars.ContextVar("page_cache_replays", default=None)


def repeat_on_cache_hit(function, *args):
    """Have the page cache call function(*args) again each time it serves the response being rendered."""
    calls = _collected.get()
    if calls is not None:
        calls.append((function, args))


@contextmanager
def collecting():
    """Collect the calls made to repeat_on_cache_hit while rendering one response."""
    calls = []
    token = _collected.set(calls)
    try:
        yield calls
    finally:
        _collected.reset(token)


def run(calls):
    for function, args in calls:
        try:
            function(*args)
        except Exception:  # noqa: BLE001 - the visitor still gets the page when a statistic cannot be written
            logger.exception("page cache: repeating %r on a hit failed", function)
