"""What a follower of a page or a list is told: the words a content page uses to describe what it just published.

The subscriptions app (above every content app) sends the mails; it never names a content model. It asks a page it
has just seen published for `page.follow_notices()`: a list of Notice, each one thing a follower may want to know
(a new publication in some lists, an amendment of another document, a major change with its 更新记录 note, a new
interpretation of a document). A notice's `key` says what happened once and for all ("published:12", "note:7"), so
publishing the same page again tells nobody twice. The lists are plain strings built here, so a page and a form
name the same list the same way:

- `page:<id>`: a followed document (its amendment, repeal, expiry, interpretations, major changes, withdrawal);
- `topic:<id>`, `agency:<id>`, `kind:<code>`, `policies`, `interpretations`, `news`, `consultations`: listings;
- 涉企 documents carry `business=(industry ids, region ids)`, matched against businesses' subscriptions.

Only citizen-visible text goes in a notice (titles, public notes, addresses): the subscriptions app checks the page
with core visibility before asking, and a notice never carries a body.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

# A publication older than this (an import of documents published years ago) is no news to anyone.
NEWS_WINDOW = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Notice:
    key: str
    title: str
    url: str
    what: str  # one sentence in Chinese: what happened ("发布了新文件", "被《…》修改")
    lists: tuple = ()
    note: str = ""  # a public note: the 更新记录 text, the relation's 说明
    business: tuple | None = None  # (industry ids, region ids) of a 涉企 publication
    page_id: int | None = None
    extra: dict = field(default_factory=dict)


def page_list(page_id):
    return f"page:{page_id}"


def list_key(kind, value=None):
    return kind if value in (None, "") else f"{kind}:{value}"


def is_news(page):
    """Whether `page`'s publication is recent enough to tell followers about (its 发布日期 within NEWS_WINDOW)."""
    published = getattr(page, "date_published", None)
    return published is None or published >= timezone.localdate() - NEWS_WINDOW


def new_publication(page, what, lists, business=None):
    """Return the notice of `page`'s first publication in `lists` ([] when it is old news)."""
    if not is_news(page):
        return []
    url = page.get_url() or ""
    return [Notice(f"published:{page.pk}", page.title, url, what, tuple(lists), business=business, page_id=page.pk)]
