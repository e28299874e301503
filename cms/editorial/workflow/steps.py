"""The review steps as the admin draws them: a step that does not apply to the page is skipped, not "not started".

Wagtail lists a step the review has not reached as not started, although the 法规处 step will skip itself for a
document that is not normative (and any interpretation): here it is drawn as 不适用 from the start, and as 已跳过
once the review has passed it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import TaskState

from ..models.tasks import ReviewTask

SKIPPED = TaskState.STATUS_SKIPPED


@dataclass(frozen=True)
class Step:
    name: str
    status: str  # a TaskState status, or "pending"
    label: str
    by: object = None  # the user who approved, sent back or cancelled it
    comment: str = ""

    @property
    def status_display(self):
        """The name Wagtail's templates give the label (the dashboard's list of what awaits review)."""
        return self.label


def labels():
    """The review's own words for a step's state (the actions are 审核通过 and 退回修改)."""
    return {
        TaskState.STATUS_IN_PROGRESS: _("审核中"),
        TaskState.STATUS_APPROVED: _("已通过"),
        TaskState.STATUS_REJECTED: _("已退回修改"),
        TaskState.STATUS_SKIPPED: _("已跳过"),
        TaskState.STATUS_CANCELLED: _("已取消"),
    }


def review_steps(workflow_state):
    """Return the Steps of `workflow_state`, in order, with their latest state."""
    obj = workflow_state.content_object
    steps = []
    for task in workflow_state.all_tasks_with_state():
        task_state = task.task_state
        if task_state is not None:
            status = task_state.status
            label = labels().get(status) or task_state.get_status_display()
            steps.append(Step(task.name, status, label, task_state.finished_by, task_state.get_comment()))
            continue
        specific = task.specific
        reason = specific.skip_reason(obj) if isinstance(specific, ReviewTask) and obj is not None else ""
        if reason:
            steps.append(Step(task.name, SKIPPED, _("不适用，将跳过"), comment=reason))
        else:
            steps.append(Step(task.name, "pending", _("未开始")))
    return steps
