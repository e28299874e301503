"""Moving the site's clock in a test, for what changes at a time without an edit (a consultation closing).

Everything that asks the time through `django.utils.timezone.now()` (models, views, the page cache) sees the
moved clock; the cache backends' own expiry keeps the real one, which only lets an entry live longer, and the page
cache checks the moment an entry stops being true itself (cms/cache/entries.py).
"""

from datetime import timedelta

from django.utils import timezone


class Clock:
    def __init__(self, monkeypatch):
        self.offset = timedelta()
        real_now = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)

    def now(self):
        return timezone.now()

    def move_to(self, moment):
        """Move the clock so that it reads `moment` now."""
        self.offset += moment - timezone.now()
