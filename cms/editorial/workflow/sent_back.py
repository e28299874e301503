"""A page sent back for changes (退回修改): who sent it back, when, at which step and why, until it is resubmitted."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import TaskState, WorkflowState

from .notifications import display_name


@dataclass(frozen=True)
class SentBack:
    reviewer: str
    at: datetime
    step: str
    reason: str


def sent_back(obj):
    """Return how `obj` was sent back (SentBack), or None if it is not waiting for changes now.

    A resubmission puts the review back in progress, so the answer is None from then on.
    """
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return SentBack(
        reviewer=display_name(task_state.finished_by),
        at=task_state.finished_at,
        step=task_state.task.name,
        reason=(task_state.comment or "").strip(),
    )
