"""三同步: a policy goes out together with its approved interpretations, and they never go out before it.

(``finish.finish_workflow`` is the entry point Wagtail calls when a review finishes; it lives apart
because Wagtail imports it while its own models are still loading. What the rule asks of a page under
review — ``interpretation_requirement`` and the like — is in ``cms.editorial.models.release``, since the
final review step asks it too.)

- A policy document whose review finishes is published (or scheduled, at the time the final approver
  chose). Its interpretations that passed review earlier wait in ``AwaitingRelease``; they are published
  the moment the document goes live (``release_with`` from the ``page_published`` signal), so they go out
  together whether the document is published now or later by ``publish_scheduled``, and never before it.
- An interpretation whose review finishes is published only if every document it interprets is live
  (and neither withdrawn nor removed); otherwise it waits in ``AwaitingRelease``.
- A document that is unpublished takes down with it the interpretations left without a live document.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Revision

from core.publication import PublicationStateMixin
from interpretations.models import InterpretationPage

from ..models.release import (  # noqa: F401  (the questions of the rule, used here and by the hooks)
    INTERPRETATION_BLOCKED,
    INTERPRETATION_EXEMPT,
    INTERPRETATION_NOT_NEEDED,
    INTERPRETATION_READY,
    AwaitingRelease,
    approved_interpretations,
    interpretation_requirement,
    linked_policies,
    scheduled_revision,
)
from ..models.tasks import as_datetime

AWAITING_ACTION = "editorial.awaiting_release"
RELEASED_ACTION = "editorial.released_with_policy"
RELEASE_CANCELLED_ACTION = "editorial.release_cancelled"
UNPUBLISHED_WITH_ACTION = "editorial.unpublished_with_policy"
# The office's force-publishing (cms/editorial/office/actions.py) logs under this action.
FORCE_PUBLISH_ACTION = "editorial.force_publish"

# What a page keeps from its stored row, whatever the revision being published says: these are set by
# the office's actions on the page itself, never through an edit. (Publishing clears removed_at, as the
# office's force-publishing does; a withdrawn page stays withdrawn until the office says otherwise.)


# --- publishing ----------------------------------------------------------------------------------------------


def _force_publisher_id(page):
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action=FORCE_PUBLISH_ACTION).order_by("-timestamp", "-pk").first()
    )
    return entry.user_id if entry else None


def publish(revision, user, *, go_live_at=None, unreviewed=None, log_action=True):
    """Publish `revision` (or schedule it, if `go_live_at` is in the future) as a finished review does.

    The review is the authority here: the approver needs no publish permission of their own.
    """
    page = revision.content_object.specific
    if unreviewed is None:
        unreviewed = getattr(page, "unreviewed", False)
    revision.content["go_live_at"] = go_live_at.isoformat() if go_live_at else None
    revision.save(update_fields=["content"])
    revision.publish(user=user, skip_permission_checks=True, log_action=log_action)
    if isinstance(page, PublicationStateMixin):
        # The approval is the review: it settles the flags now, whenever the revision goes live.
        type(page).objects.filter(pk=page.pk).update(unreviewed=unreviewed, removed_at=None)


def finish_workflow(workflow_state, user=None):
    """Publish what a finished review approved."""
    # Fresh from the database: the objects cached on the workflow state predate the approval.
    base = workflow_state.content_object
    page = base.specific_class.objects.get(pk=base.pk)
    revision = Revision.objects.get(pk=page.latest_revision_id)
    go_live_at = as_datetime(revision.content.get("go_live_at"))
    if go_live_at is not None and go_live_at <= timezone.now():
        go_live_at = None

    if isinstance(page, InterpretationPage):
        release_interpretation(page, revision, user, go_live_at=go_live_at)
        return

    unreviewed = getattr(page, "unreviewed", False)
    if unreviewed and user is not None and _force_publisher_id(page) != user.pk:
        # Someone other than whoever force-published it has now approved it.
        unreviewed = False
    publish(revision, user, go_live_at=go_live_at, unreviewed=unreviewed)
    # The policy's interpretations awaiting release follow it when it goes live (see release_with).


def release_interpretation(page, revision, user, go_live_at=None):
    """Publish an approved interpretation if all its documents are public; otherwise keep it awaiting them."""
    draft = revision.as_object()
    policies = linked_policies(draft)
    if all(policy.is_published for policy in policies):
        AwaitingRelease.objects.filter(page=page).delete()
        publish(revision, user, go_live_at=go_live_at)
        return True
    AwaitingRelease.objects.update_or_create(page=page, defaults={"revision": revision, "approved_by": user})
    # Drop a schedule of an earlier approval: it now goes out with its documents.
    Revision.page_revisions.filter(object_id=str(page.pk)).update(approved_go_live_at=None)
    log(
        instance=page,
        action=AWAITING_ACTION,
        user=user,
        revision=revision,
        data={"policies": [{"id": policy.pk, "title": policy.title} for policy in policies if not policy.is_published]},
    )
    return False


def release_with(policy):
    """Publish the interpretations awaiting `policy` whose documents are now all public; return them."""
    if not policy.is_published:
        return []
    # Mostly nothing waits: then one query, not a savepoint as well (every document of an import goes live).
    waiting_rows = list(AwaitingRelease.objects.select_related("revision", "approved_by").order_by("approved_at"))
    if not waiting_rows:
        return []
    with transaction.atomic():
        return _release(policy, waiting_rows)


def _release(policy, waiting_rows):
    released = []
    for waiting in waiting_rows:
        draft = waiting.revision.as_object()
        policies = linked_policies(draft)
        if policy.pk not in {p.pk for p in policies} or not all(p.is_published for p in policies):
            continue
        page = waiting.page.specific
        revision, approver = waiting.revision, waiting.approved_by
        waiting.delete()
        publish(revision, approver)
        log(
            instance=page,
            action=RELEASED_ACTION,
            user=approver,
            revision=revision,
            data={"policy": {"id": policy.pk, "title": policy.title}},
        )
        released.append(page)
    return released


def cancel_release(page, user=None):
    """Forget that `page` passed review (its new version is under review again)."""
    deleted, _rows = AwaitingRelease.objects.filter(page_id=page.pk).delete()
    if deleted:
        log(instance=page.specific, action=RELEASE_CANCELLED_ACTION, user=user, data={})
    return bool(deleted)


@transaction.atomic
def withdraw_orphans(policy, user=None):
    """After `policy` went offline, take down its interpretations that have no other public document.

    Returns the interpretations unpublished. An interpretation scheduled to go live without a public
    document loses its schedule and waits for its documents instead.
    """
    unpublished = []
    for page in InterpretationPage.objects.filter(policy_links__policy=policy).distinct():
        others = [p for p in linked_policies(page) if p.pk != policy.pk and p.is_published]
        if page.live and not others:
            page.unpublish(user=user)
            log(
                instance=page,
                action=UNPUBLISHED_WITH_ACTION,
                user=user,
                data={"policy": {"id": policy.pk, "title": policy.title}},
            )
            unpublished.append(page)
        scheduled = scheduled_revision(page)
        if scheduled is not None and not page.live and not others:
            scheduled.approved_go_live_at = None
            scheduled.save(update_fields=["approved_go_live_at"])
            AwaitingRelease.objects.update_or_create(
                page=page, defaults={"revision": scheduled, "approved_by": scheduled.user}
            )
            log(
                instance=page,
                action=AWAITING_ACTION,
                user=user,
                revision=scheduled,
                data={"policies": [{"id": policy.pk, "title": policy.title}]},
            )
    return unpublished


def describe_exemption_refusal():
    return _("该文件需要同步解读：尚无通过审核的解读，也未记录不解读的理由")
