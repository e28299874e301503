"""Signal handlers of the review: e-mails, and 三同步 when documents go live or offline.

Wagtail's admin connects its own e-mail notifiers for workflows under fixed ``dispatch_uid``s. Ours take
those uids over (``register``), whichever app's ``ready()`` runs first: a receiver already connected
under a uid makes a later ``connect`` with that uid a no-op, and ``disconnect`` removes one connected
earlier. So each event sends one e-mail, ours, for our review steps; for any other workflow task the
handlers hand over to Wagtail's notifier.
"""

from wagtail.admin import signal_handlers as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, page_unpublished, task_submitted, workflow_rejected, workflow_submitted

from policies.models import PolicyPage

from ..models.tasks import ReviewTask
from .notifications import notify_rejected, notify_task_started
from .release import cancel_release, release_with, withdraw_orphans


def _is_review_task(task):
    return isinstance(task.specific, ReviewTask)


def _is_review_workflow(workflow):
    return any(_is_review_task(task) for task in workflow.tasks)


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A step started: write to its approvers (Wagtail would write to the whole group and the superusers)."""
    if _is_review_task(instance.task):
        notify_task_started(instance)
    else:
        wagtail_mail.task_submission_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """A review started: what passed review earlier no longer stands for the new version."""
    if _is_review_workflow(instance.workflow):
        page = instance.content_object
        if page is not None:
            cancel_release(page, user=user)
        # The first step's approvers are written to by on_task_submitted; no mail to every superuser.
        return
    wagtail_mail.workflow_submission_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """A step sent the item back: write to the submitter, with the comment."""
    task_state = instance.current_task_state
    if task_state is not None and _is_review_task(task_state.task):
        notify_rejected(instance, user=user)
    else:
        wagtail_mail.workflow_rejection_email_notifier(sender=sender, instance=instance, user=user, **kwargs)


def on_page_published(sender, instance, **kwargs):
    """A document went live: its approved interpretations go out with it."""
    if isinstance(instance, PolicyPage):
        release_with(instance)


def on_page_unpublished(sender, instance, **kwargs):
    """A document went offline: its interpretations left without a live document go too."""
    if isinstance(instance, PolicyPage):
        withdraw_orphans(instance)


# (signal, sender, Wagtail's dispatch_uid to take over, our handler)
REPLACED = (
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", on_task_submitted),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", on_workflow_submitted),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", on_workflow_rejected),
)


def register():
    for signal, sender, uid, handler in REPLACED:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(handler, sender=sender, dispatch_uid=uid, weak=False)
    page_published.connect(on_page_published, dispatch_uid="editorial_release_with_policy", weak=False)
    page_unpublished.connect(on_page_unpublished, dispatch_uid="editorial_unpublish_orphans", weak=False)
