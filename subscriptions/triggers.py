"""Where events come from: publishing, unpublishing, withdrawal and removal, and the daily expiry check.

A page is asked for its notices (core/following.py) only once it is something a citizen may find (core visibility),
so nothing of a draft is ever recorded: a notice holds the live page's title, public notes and address. A page that
goes away (unpublished, withdrawn, removed in error) tells its followers so, in words of its own that carry nothing
of its content but the title they followed.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished

from core.following import Notice, page_list
from core.publication import publication_state_changed
from core.visibility import visible_pages

from .models import Event

logger = logging.getLogger(__name__)


def record(notice):
    """Record `notice` as an event unless one with its key exists; return whether it is new."""
    with transaction.atomic():
        _event, created = Event.objects.get_or_create(
            key=notice.key[:200],
            defaults={
                "title": notice.title[:400],
                "url": notice.url[:500],
                "what": notice.what[:400],
                "note": notice.note,
                "lists": list(notice.lists),
                "business": [list(tags) for tags in notice.business] if notice.business else None,
                "page_id": notice.page_id,
            },
        )
    return created


def on_published(sender, instance, **kwargs):
    page = instance.specific
    notices = page.follow_notices() if hasattr(page, "follow_notices") else []
    # Old news (an import) costs no visibility query; anything else is recorded only if citizens may find the page.
    if not notices or not visible_pages().filter(pk=page.pk).exists():
        return
    for notice in notices:
        record(notice)


def _gone(page, key, what, note=""):
    url = "" if getattr(page, "removed_at", None) else (page.get_url() or "")
    record(
        Notice(key=key, title=page.title, url=url, what=what, lists=(page_list(page.pk),), note=note, page_id=page.pk)
    )


def on_unpublished(sender, instance, **kwargs):
    _gone(instance, f"unpublished:{instance.pk}:{timezone.now().isoformat()}", _("本页面已停止发布"))


def on_state_changed(sender, page, **kwargs):
    if getattr(page, "removed_at", None):
        _gone(page, f"removed:{page.pk}:{page.removed_at.isoformat()}", _("本页面已撤下"))
    elif getattr(page, "withdrawn_at", None):
        reason = getattr(page, "withdrawal_reason", "")  # shown to the public on the page (向公众显示)
        _gone(page, f"withdrawn:{page.pk}:{page.withdrawn_at.isoformat()}", _("本页面已撤回"), reason)


def record_timed():
    """Record what time alone makes happen (a document's expiry), from the hook `follow_timed_notices`."""
    count = 0
    for notices in hooks.get_hooks("follow_timed_notices"):
        for notice in notices():
            count += record(notice)
    return count


def register():
    page_published.connect(on_published, dispatch_uid="subscriptions-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="subscriptions-unpublished")
    publication_state_changed.connect(on_state_changed, dispatch_uid="subscriptions-state")
