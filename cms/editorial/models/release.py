"""三同步, what it asks of a page under review: an interpretation that passed review and waits for its document
(``AwaitingRelease``), and whether a document may pass final approval (``interpretation_requirement``).

The publishing side of the rule is in ``cms.editorial.workflow.release``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from interpretations.models import InterpretationPage
from policies.models import PolicyPage

INTERPRETATION_NOT_NEEDED = "not_needed"
INTERPRETATION_READY = "ready"
INTERPRETATION_EXEMPT = "exempt"
INTERPRETATION_BLOCKED = "blocked"


class AwaitingRelease(models.Model):
    """An interpretation that passed review and waits to be published with the document it interprets."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="awaiting_release")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("待随文件发布的解读")

    def __str__(self):
        return str(self.page)


# --- questions -----------------------------------------------------------------------------------------------


def linked_policies(interpretation):
    """Return the documents `interpretation` (a page or a revision's object) interprets, as stored."""
    ids = [link.policy_id for link in interpretation.policy_links.all()]
    return list(PolicyPage.objects.filter(pk__in=ids))


def approved_interpretations(policy):
    """Return the interpretations of `policy` that passed review: live, awaiting release or scheduled."""
    pages = list(InterpretationPage.objects.filter(policy_links__policy=policy).distinct())
    ids = [str(page.pk) for page in pages]
    scheduled = set(
        Revision.page_revisions.filter(object_id__in=ids, approved_go_live_at__isnull=False).values_list(
            "object_id", flat=True
        )
    )
    awaiting = set(AwaitingRelease.objects.filter(page__in=pages).values_list("page_id", flat=True))
    return [page for page in pages if page.is_published or page.pk in awaiting or str(page.pk) in scheduled]


def interpretation_requirement(draft):
    """Say whether `draft` (a page as under review) may pass final approval under the 三同步 rule.

    Returns INTERPRETATION_NOT_NEEDED (not a document, or no interpretation needed), INTERPRETATION_READY
    (an interpretation passed review), INTERPRETATION_EXEMPT (none, but the reason not to interpret is
    written) or INTERPRETATION_BLOCKED.
    """
    if not isinstance(draft, PolicyPage) or not (draft.is_normative or draft.needs_interpretation):
        return INTERPRETATION_NOT_NEEDED
    if approved_interpretations(draft):
        return INTERPRETATION_READY
    if draft.interpretation_exemption.strip():
        return INTERPRETATION_EXEMPT
    return INTERPRETATION_BLOCKED


def scheduled_revision(page):
    """Return the revision of `page` scheduled to go live, or None."""
    return Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).first()
