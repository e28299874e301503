"""Working days (工作日): weekends are off, the holiday list (节假日) decides the exceptions.

A ``Holiday`` row either takes a day off (a public holiday, ``is_workday=False``) or puts a weekend day
back to work (调休上班, ``is_workday=True``). Every function takes an optional ``holidays`` mapping
{date: is_workday}; without it, the rows it needs are loaded from the database in one query, so the
arithmetic underneath stays pure and a report can load the calendar once for many calls.

The rows start as the State Council's arrangements (``core.models.holidays.state_council_days``, from the
``chinesecalendar`` package), seeded by a migration and refreshed by ``manage.py sync_holidays``; staff add and
edit rows in Settings → 节假日, and their rows win (see ``HolidayQuerySet.sync_state_council``).

Conventions:
- ``add_workdays(start, n)`` is the date of the n-th working day after ``start`` (``start`` itself never
  counts, whatever day it is): a document published on a Friday has its 3-working-day deadline on the
  Wednesday after.
- ``workdays_between(start, end)`` counts the working days d with start < d <= end (negative when end
  is before start), so ``workdays_between(start, add_workdays(start, n)) == n``.
"""

from datetime import date, timedelta

from core.models.holidays import Holiday

__all__ = [
    "load_holidays",
    "is_workday",
    "add_workdays",
    "workdays_between",
]

ONE_DAY = timedelta(days=1)


def load_holidays(start=None, end=None):
    """Return {date: is_workday} for the Holiday rows between `start` and `end` (inclusive; None = open)."""
    rows = Holiday.objects.all()
    if start is not None:
        rows = rows.filter(date__gte=start)
    if end is not None:
        rows = rows.filter(date__lte=end)
    return dict(rows.values_list("date", "is_workday"))


def _is_workday(day, holidays):
    if day in holidays:
        return bool(holidays[day])
    return day.weekday() < 5


def _add_workdays(start, n, holidays):
    step = ONE_DAY if n >= 0 else -ONE_DAY
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if _is_workday(day, holidays):
            remaining -= 1
    return day


def _workdays_between(start, end, holidays):
    if end < start:
        return -_workdays_between(end, start, holidays)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if _is_workday(day, holidays):
            count += 1
    return count


def is_workday(day: date, holidays=None) -> bool:
    """Return whether `day` is a working day: Monday to Friday unless the holiday list says otherwise."""
    if holidays is None:
        holidays = load_holidays(day, day)
    return _is_workday(day, holidays)


def add_workdays(start: date, n: int, holidays=None) -> date:
    """Return the date `n` working days after `start` (before it when `n` is negative)."""
    if holidays is None:
        holidays = load_holidays(start=start) if n >= 0 else load_holidays(end=start)
    return _add_workdays(start, n, holidays)


def workdays_between(start: date, end: date, holidays=None) -> int:
    """Return the number of working days after `start` up to and including `end`."""
    if holidays is None:
        holidays = load_holidays(min(start, end), max(start, end))
    return _workdays_between(start, end, holidays)
