"""What every public content page shares after publication: withdrawal, removal in error, force-publishing.

The editorial app (cms/editorial) sets these fields through its admin actions; the content apps only
read them, to keep withdrawn and removed pages out of listings, feeds, the API and search.
"""

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.query import PageQuerySet


class PublishedQuerySet(PageQuerySet):
    def published(self):
        """Return the pages a citizen may find: live, public, neither withdrawn nor removed."""
        return self.live().public().filter(withdrawn_at__isnull=True, removed_at__isnull=True)


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
