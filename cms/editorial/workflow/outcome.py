"""What a reviewer is told after acting on a step from the dashboard: what happened, and where the page went next."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from ..models.release import AwaitingRelease
from .notifications import display_name


def _skipped_after(task_state):
    """Names of the steps the review skipped right after `task_state` (the 法规处 step of a non-normative document)."""
    later = TaskState.objects.filter(
        workflow_state_id=task_state.workflow_state_id, started_at__gte=task_state.started_at
    ).exclude(pk=task_state.pk)
    return [state.task.name for state in later.order_by("started_at", "pk") if state.status == TaskState.STATUS_SKIPPED]


def _where_it_went(page, workflow_state):
    """Where an approved page is now: at the next step, or published, scheduled or waiting for its document."""
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS and workflow_state.current_task_state is not None:
        return _("已转交%(step)s") % {"step": workflow_state.current_task_state.task.name}
    if workflow_state.status != WorkflowState.STATUS_APPROVED:
        return ""
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        moment = timezone.localtime(scheduled.approved_go_live_at).strftime("%Y-%m-%d %H:%M")
        return _("将于 %(moment)s 定时发布") % {"moment": moment}
    if AwaitingRelease.objects.filter(page_id=page.pk).exists():
        return _("待所解读的政策文件发布时一同发布")
    if page.live:
        return _("已发布")
    return ""


def outcome(task_state):
    """Return the sentence telling the reviewer what their action on `task_state` did ("" if it did nothing)."""
    task_state = TaskState.objects.select_related("workflow_state", "task").get(pk=task_state.pk)
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    if page is None:
        return ""
    page = page.specific_class.objects.get(pk=page.pk)
    title = page.get_admin_display_title()
    step = task_state.task.name
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("已将「%(title)s」退回修改（%(step)s），已通知提交人 %(submitter)s。") % {
            "title": title,
            "step": step,
            "submitter": display_name(workflow_state.requested_by),
        }
    if task_state.status != TaskState.STATUS_APPROVED:
        return ""
    sentence = _("已通过「%(title)s」的%(step)s") % {"title": title, "step": step}
    skipped = _skipped_after(task_state)
    if skipped:
        sentence += _("（%(steps)s不适用，已跳过）") % {"steps": "、".join(skipped)}
    where = _where_it_went(page, workflow_state)
    return sentence + (_("，%(where)s。") % {"where": where} if where else _("。"))
