"""The statutory clock of a request (《政府信息公开条例》第三十条、第三十二至三十四条): one rule, one place.

The deadline is computed from the request's events and the holiday list each time it is asked for, never
stored, so a holiday added or edited in Settings → 节假日 moves every open request's deadline at once.

- The answer is due 20 working days after the request is received (第三十三条第一款); the date of receipt is the
  request's (第三十一条, ``DisclosureRequest.received_on``).
- A notice to correct (补正) is due within 7 working days of receipt; once sent, the clock stops, and the 20 days
  count again from the day the complete request arrives (第三十条).
- Consulting a third party (第三十二条) or another agency (第三十四条) does not count (第三十三条第二款): the working
  days of each consultation, up to the 15 the consulted party has to answer, are added. A consultation still
  open counts up to today.
- An extension adds at most 20 working days, approved by the head of the disclosure office (第三十三条第一款).
- A fee notice (信息处理费, 第四十二条) stops the clock: the days from the notice to the payment do not count
  (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号, 第七条); unpaid, it counts up to today.
- Asking the applicant for the reasons of a clearly excessive number or frequency of requests does not stop the
  clock (第三十五条 says nothing of it); if the reasons are sound but the answer cannot be given in time, the
  department sets a later, reasonable deadline and tells the applicant (第三十五条), which then replaces the count.

Days are counted as core.workdays counts them: the n-th working day after the start, the start never counting.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from core.models.holidays import Holiday
from core.workdays import add_workdays, load_holidays, workdays_between

from .models.codes import PAUSE_KINDS, EventKind, State

ANSWER_DAYS = 20  # 第三十三条第一款
CORRECTION_NOTICE_DAYS = 7  # 第三十条
CONSULTATION_DAYS = 15  # 第三十二条、第三十四条
EXTENSION_DAYS = 20  # 第三十三条第一款
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号第七条: 收到收费通知次日起20个工作日内缴纳


@dataclass
class Pause:
    kind: str
    label: str
    start: date
    end: date | None
    days: int  # the working days that do not count (at most CONSULTATION_DAYS for a consultation)
    open: bool

    @property
    def is_fee(self):
        return self.kind == EventKind.FEE_NOTICE


@dataclass
class Deadline:
    """How a request's deadline comes out: every figure the status and the admin show."""

    received_on: date | None
    start: date | None = None  # the day the 20 days count from (receipt, or the complete request after 补正)
    corrected_on: date | None = None
    correction_notice_due: date | None = None
    correction_requested_on: date | None = None
    correction_due: date | None = None  # the applicant's period to correct, as the notice set it
    awaiting_correction: bool = False
    pauses: list = field(default_factory=list)
    extension_days: int = 0
    extension_approved_by: str = ""
    fee_due: date | None = None  # the applicant's period to pay, as the fee notice set it (while unpaid)
    delayed_to: date | None = None  # 第三十五条: the later deadline the department set
    counted_due: date | None = None  # the deadline the working days give (before a 第三十五条 delay)
    due: date | None = None
    # What the count went over, from the day after `start` to `due`.
    weekends_skipped: int = 0
    holidays_skipped: list = field(default_factory=list)  # [(date, name)]
    unlisted_years: list = field(default_factory=list)  # years the count went into whose holidays are not listed
    exchange_workdays: list = field(default_factory=list)  # [(date, name)] 调休上班, counted as working days
    answered_on: date | None = None

    @property
    def paused_days(self):
        return sum(pause.days for pause in self.pauses)

    @property
    def paused(self):
        return any(pause.open for pause in self.pauses)

    @property
    def days_allowed(self):
        return ANSWER_DAYS + self.paused_days + self.extension_days

    def days_left(self, today=None, holidays=None):
        """Working days from `today` to the deadline (0 on the day, negative once overdue); None without one."""
        if self.due is None:
            return None
        return workdays_between(today or timezone.localdate(), self.due, holidays)

    @property
    def correction_notice_late(self):
        """Whether the notice to correct went out after the 7 working days of 第三十条."""
        return bool(self.correction_requested_on and self.correction_requested_on > self.correction_notice_due)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        end = self.answered_on or today
        return self.due is not None and end > self.due


def deadline_of(request, events=None, holidays=None, today=None, explain=True):
    """Return the Deadline of `request` from its events (default: from the database) and the holiday list.

    `holidays` ({date: is_workday}, as core.workdays takes it) lets a listing load the calendar once.
    """
    today = today or timezone.localdate()
    events = list(request.events.all()) if events is None else events
    clock = Deadline(received_on=request.received_on)
    if clock.received_on is None:
        return clock  # 第三十一条: not yet received (an online request or a fax not yet confirmed)
    if holidays is None:
        holidays = load_holidays(start=clock.received_on - timedelta(days=1))
    clock.start = clock.received_on
    clock.correction_notice_due = add_workdays(clock.received_on, CORRECTION_NOTICE_DAYS, holidays)
    for event in events:
        if event.kind == EventKind.CORRECTION_REQUESTED:
            clock.correction_requested_on, clock.correction_due = event.date, event.due_date
            clock.awaiting_correction = True
        elif event.kind == EventKind.CORRECTION_RECEIVED:
            # 第三十条: 答复期限自行政机关收到补正的申请之日起计算.
            clock.start = clock.corrected_on = event.date
            clock.awaiting_correction = False
        elif event.kind in PAUSE_KINDS:
            end = event.end_date or today
            days = min(max(workdays_between(event.date, end, holidays), 0), CONSULTATION_DAYS)
            clock.pauses.append(
                Pause(event.kind, event.get_kind_display(), event.date, event.end_date, days, event.end_date is None)
            )
        elif event.kind == EventKind.FEE_NOTICE:
            end = event.end_date or today
            days = max(workdays_between(event.date, end, holidays), 0)
            clock.pauses.append(
                Pause(event.kind, event.get_kind_display(), event.date, event.end_date, days, event.end_date is None)
            )
            clock.fee_due = event.due_date if event.end_date is None else None
        elif event.kind == EventKind.DELAY_SET:
            clock.delayed_to = event.due_date
        elif event.kind == EventKind.EXTENDED:
            clock.extension_days = min(clock.extension_days + (event.days or 0), EXTENSION_DAYS)
            clock.extension_approved_by = event.approved_by
        elif event.kind == EventKind.ANSWERED and clock.answered_on is None:
            clock.answered_on = event.date
    if clock.awaiting_correction or request.state == State.AWAITING_CORRECTION:
        clock.awaiting_correction = True
        return clock  # the clock stands still until the complete request arrives
    clock.due = clock.counted_due = add_workdays(clock.start, clock.days_allowed, holidays)
    if clock.delayed_to and clock.delayed_to > clock.due:
        clock.due = clock.delayed_to  # 第三十五条
    if explain:
        _explain(clock)
    return clock


def _explain(clock):
    """Fill in the days the count skipped and the 调休 days it counted, with the holiday list's names."""
    end = clock.counted_due  # what the count went over (a 第三十五条 delay is a date, not a count)
    rows = Holiday.objects.filter(date__gt=clock.start, date__lte=end).values_list("date", "name", "is_workday")
    clock.unlisted_years = Holiday.objects.unlisted_years(clock.start, end)
    calendar = {day: (name, is_workday) for day, name, is_workday in rows}
    day = clock.start + timedelta(days=1)
    while day <= end:
        if day in calendar:
            name, is_workday = calendar[day]
            if is_workday and day.weekday() >= 5:
                clock.exchange_workdays.append((day, name))
            elif not is_workday:
                clock.holidays_skipped.append((day, name))
        elif day.weekday() >= 5:
            clock.weekends_skipped += 1
        day += timedelta(days=1)


def deadlines(requests, today=None):
    """Return {request pk: Deadline} for `requests` (with their events prefetched), loading the calendar once."""
    requests = list(requests)
    starts = [r.received_on for r in requests if r.received_on]
    holidays = load_holidays(start=min(starts) - timedelta(days=1)) if starts else {}
    return {r.pk: deadline_of(r, list(r.events.all()), holidays, today, explain=False) for r in requests}
