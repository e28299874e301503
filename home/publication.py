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

from django.apps import apps
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.query import PageQuerySet


class PublishedQuerySet(PageQuerySet):
    def published(self):
        """Return the pages a citizen may find: live, public, neither withdrawn nor removed."""
        return self.live().public().filter(withdrawn_at__isnull=True, removed_at__isnull=True)

    def newest_first(self):
        """Order by publication date, newest first; pages without one (never published) last on every database."""
        return self.order_by(F("date_published").desc(nulls_last=True), "-pk")

    def published_in(self, year):
        """Return the pages whose publication date falls in `year`."""
        return self.filter(
            date_published__gte=datetime.date(year, 1, 1), date_published__lt=datetime.date(year + 1, 1, 1)
        )


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


def visible_pages():
    """Return the pages of every type a citizen may see: those `published()` returns for the page types that have
    a publication state, and the live, public pages of the others (the home page, the sections, collections)."""
    stateful = [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and issubclass(model, PublicationStateMixin)
        # A subtype's pages are already among those of the type it inherits its state (and manager) from.
        and not any(issubclass(parent, PublicationStateMixin) for parent in model._meta.get_parent_list())
    ]
    visible = Q(pk__in=Page.objects.live().public().not_type(*stateful).values("pk"))
    for model in stateful:
        visible |= Q(pk__in=model.objects.published().values("pk"))
    return Page.objects.filter(visible)


# Sent with `page` after withdrawal, removal or a change of review flags updates a page's row directly,
# which Django's save signals do not see.
publication_state_changed = Signal()
