"""What every public content page shares: its publication date, and what happened to it after publication.

The publication date (发布日期, `date_published`) is the one date a page is published on, everywhere: pages,
listings and their year filters, feeds, search, the API and the 解读情况 report. It is the page's own date
(an imported document keeps the date its agency published it on), and when left blank the day the page first
went live on this site. `last_published_at` is the last change, for the sitemap and feeds' <updated>.

Withdrawal, removal in error and force-publishing: the editorial app (cms/editorial) sets these fields through
its admin actions; the content apps only read them, to keep withdrawn and removed pages out of listings, feeds,
the API and search.
"""

import datetime

from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationDateMixin(models.Model):
    """The date a page was published (发布日期): its own, or the day it first went live on this site."""

    date_published = models.DateField(
        _("发布日期"), null=True, blank=True, db_index=True, help_text=_("留空则为在本网站首次发布之日")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.live and self.date_published is None:
            # A page left without a date was published on the day it went live, a day of Beijing time.
            self.date_published = timezone.localdate(self.first_published_at or timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "date_published"]
        return super().save(*args, **kwargs)

    @property
    def published_at(self):
        """The moment of publication for feeds: when it went live if that was on its publication date, else
        the start of that day (an imported document went live here long after it was published)."""
        went_live = self.first_published_at
        if self.date_published is None or (went_live and timezone.localdate(went_live) == self.date_published):
            return went_live
        return timezone.make_aware(datetime.datetime.combine(self.date_published, datetime.time.min))


STATE_FIELDS = (
    "withdrawn_at",
    "withdrawal_reason",
    "removed_at",
    "removal_reason",
    "unreviewed",
    "force_publish_reason",
)


class PublicationStateMixin(models.Model):
    """Fields recording what happened to a page after it went public.

    They describe the page, not a version of it: publishing or reverting to any revision keeps the
    stored values, and only the editorial actions change them (by updating the page row).
    """

    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("撤回说明"), blank=True, editable=False, help_text=_("向公众显示"))
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True, editable=False)
    removal_reason = models.TextField(_("删除原因"), blank=True, editable=False, help_text=_("仅内部可见"))
    unreviewed = models.BooleanField(_("未经审核发布"), default=False, editable=False)
    force_publish_reason = models.TextField(_("紧急发布理由"), blank=True, editable=False)

    class Meta:
        abstract = True

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in STATE_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    # Whether a citizen may see this page, the instance form of core/visibility.py (see there); a content type
    # whose pages may be withheld from citizens overrides `is_disclosed`, as its QuerySet overrides `disclosed()`.
    is_disclosed = True

    @property
    def is_openable(self):
        return self.live and not self.is_removed and self.is_disclosed

    @property
    def is_published(self):
        return self.is_openable and not self.is_withdrawn

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_removed(self):
        return self.removed_at is not None

    def get_sitemap_urls(self, request=None):
        if self.is_withdrawn or self.is_removed:
            return []
        return super().get_sitemap_urls(request)


# Sent with `page` after withdrawal, removal or a change of review flags updates a page's row directly,
# which Django's save signals do not see.
publication_state_changed = Signal()
