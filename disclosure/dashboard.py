"""The requests that need attention: due within 5 working days, overdue, paused, waiting for a correction."""

from django.utils import timezone

from .clock import deadlines
from .models.codes import OPEN_STATES, State

DUE_SOON_DAYS = 5
DUE_SOON, OVERDUE, PAUSED, AWAITING_CORRECTION, AWAITING_FEE, UNCONFIRMED = (
    "due_soon",
    "overdue",
    "paused",
    "awaiting_correction",
    "awaiting_fee",
    "unconfirmed",
)
BUCKET_LABELS = {
    DUE_SOON: "5个工作日内到期",
    OVERDUE: "已超期",
    PAUSED: "征求意见中（暂停计时）",
    AWAITING_CORRECTION: "待补正",
    AWAITING_FEE: "待缴费（暂停计时）",
    UNCONFIRMED: "待确认收到",
}


def open_requests_with_deadlines(requests, today=None):
    """Return [(request, Deadline)] of the open ones among `requests`, the soonest deadline first."""
    today = today or timezone.localdate()
    requests = list(requests.filter(state__in=OPEN_STATES).select_related("division").prefetch_related("events"))
    clocks = deadlines(requests, today)
    rows = [(request, clocks[request.pk]) for request in requests]
    return sorted(rows, key=lambda row: (row[1].due is None, row[1].due or today, row[0].number))


def bucket_of(request, clock, today, holidays=None):
    """Return the bucket of an open request, or None when its deadline is further away."""
    if request.state == State.AWAITING_CORRECTION:
        return AWAITING_CORRECTION
    if request.state == State.PAUSED:
        return PAUSED
    if request.state == State.AWAITING_FEE:
        return AWAITING_FEE
    if clock.received_on is None:
        return UNCONFIRMED
    if clock.due < today:
        return OVERDUE
    if clock.days_left(today, holidays) <= DUE_SOON_DAYS:
        return DUE_SOON
    return None


def buckets(requests, today=None):
    """Return {bucket: [(request, Deadline)]} of the open requests among `requests`."""
    from core.workdays import load_holidays

    today = today or timezone.localdate()
    holidays = load_holidays(start=today)
    found = {name: [] for name in BUCKET_LABELS}
    for request, clock in open_requests_with_deadlines(requests, today):
        name = bucket_of(request, clock, today, holidays)
        if name:
            found[name].append((request, clock))
    return found
