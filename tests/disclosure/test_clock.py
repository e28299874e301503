"""The statutory clock (disclosure/clock.py) around 春节 2026: 15–23 February off, Saturdays 14 and 28 worked (调休)."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from core.models.holidays import Holiday
from disclosure.clock import deadline_of, deadlines
from disclosure.models import DisclosureRequest, EventKind, State
from disclosure.models.events import RequestEvent
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]  # the seeded holiday table, read on both databases

SPRING_FESTIVAL = [(date(2026, 2, day), "春节") for day in range(15, 24)]
EXCHANGE_DAYS = [(date(2026, 2, 14), "春节调休上班"), (date(2026, 2, 28), "春节调休上班")]


def event(request, kind, day, **fields):
    return RequestEvent.objects.create(request=request, kind=kind, date=day, **fields)


def test_twenty_working_days_across_the_spring_festival_and_how_they_were_counted():
    request, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))  # a Monday, handed in (第三十一条)
    clock = deadline_of(request, today=date(2026, 2, 10))
    assert (clock.received_on, clock.start, clock.due) == (date(2026, 2, 9), date(2026, 2, 9), date(2026, 3, 13))
    assert clock.days_allowed == 20
    assert clock.holidays_skipped == SPRING_FESTIVAL
    assert clock.exchange_workdays == EXCHANGE_DAYS  # the two Saturdays count
    assert clock.weekends_skipped == 3  # 1, 7 and 8 March
    assert clock.correction_notice_due == date(2026, 2, 25)  # 7 working days: 10–14, 24–25 Feb (第三十条)
    assert not clock.is_overdue(today=date(2026, 3, 13)) and clock.is_overdue(today=date(2026, 3, 16))
    assert clock.days_left(today=date(2026, 3, 12)) == 1


def test_the_date_of_receipt_follows_the_channel():
    in_person, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    signed, _ = factories.disclosure_request(
        submitted_on=date(2026, 2, 5), channel="letter", signed_on=date(2026, 2, 9)
    )
    ordinary, _ = factories.disclosure_request(submitted_on=date(2026, 2, 5), channel="letter")
    online, _ = factories.disclosure_request(submitted_on=date(2026, 2, 6), channel="online")
    assert in_person.received_on == signed.received_on == date(2026, 2, 9)
    # Not received until confirmed with the applicant (第三十一条第二、三项): no clock runs.
    assert ordinary.received_on is online.received_on is None
    assert deadline_of(online).due is None
    online.confirmed_on = date(2026, 2, 9)
    assert deadline_of(online).due == date(2026, 3, 13)


def test_a_correction_stops_the_clock_and_restarts_it_from_the_complete_request():
    request, _ = factories.disclosure_request(submitted_on=date(2026, 2, 2))
    event(request, EventKind.CORRECTION_REQUESTED, date(2026, 2, 5), due_date=date(2026, 2, 27))
    request.state = State.AWAITING_CORRECTION
    clock = deadline_of(request)
    assert clock.awaiting_correction and clock.due is None
    assert clock.correction_notice_due == date(2026, 2, 11) and not clock.correction_notice_late
    event(request, EventKind.CORRECTION_RECEIVED, date(2026, 2, 13))
    request.state = State.REGISTERED
    clock = deadline_of(request)
    # 20 working days from Friday 13 February (第三十条), not from the 2nd: 14 Feb, 24–28 Feb, 2–19 March.
    assert (clock.start, clock.due) == (date(2026, 2, 13), date(2026, 3, 19))


def test_consultations_pause_the_clock_up_to_fifteen_working_days_each():
    request, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    event(request, EventKind.CONSULT_THIRD_PARTY, date(2026, 3, 2), end_date=date(2026, 3, 6))
    clock = deadline_of(request)
    assert [pause.days for pause in clock.pauses] == [4]  # 3–6 March
    assert clock.due == date(2026, 3, 19)
    # Another agency (第三十四条) that takes two months: only 15 working days do not count.
    event(request, EventKind.CONSULT_AGENCY, date(2026, 3, 9), end_date=date(2026, 5, 8))
    assert deadline_of(request).paused_days == 4 + 15
    assert deadline_of(request).due == date(2026, 4, 10)  # 39 working days after 9 Feb (清明 4–6 April off)


def test_an_open_consultation_counts_until_today():
    request, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    event(request, EventKind.CONSULT_THIRD_PARTY, date(2026, 3, 2))
    clock = deadline_of(request, today=date(2026, 3, 4))
    assert clock.paused and clock.paused_days == 2 and clock.due == date(2026, 3, 17)


def test_an_approved_extension_adds_its_working_days():
    request, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    event(request, EventKind.EXTENDED, date(2026, 3, 10), days=20, approved_by="王主任")
    clock = deadline_of(request)
    assert (clock.days_allowed, clock.extension_approved_by) == (40, "王主任")
    assert clock.due == date(2026, 4, 13)  # Qingming: 4–6 April off


def test_adding_or_editing_a_holiday_moves_every_open_request():
    first, _ = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    second, _ = factories.disclosure_request(submitted_on=date(2026, 2, 10))
    requests = DisclosureRequest.objects.filter(pk__in=(first.pk, second.pk)).prefetch_related("events")
    before = {pk: clock.due for pk, clock in deadlines(requests).items()}
    assert before == {first.pk: date(2026, 3, 13), second.pk: date(2026, 3, 16)}

    Holiday.objects.create(date=date(2026, 3, 10), name="本省放假", is_workday=False)
    after = {pk: clock.due for pk, clock in deadlines(requests).items()}
    assert after == {first.pk: date(2026, 3, 16), second.pk: date(2026, 3, 17)}

    # The 调休 Saturday of 28 February made a day off: one working day less on the way.
    Holiday.objects.filter(date=date(2026, 2, 28)).update(is_workday=False)
    assert deadline_of(first).due == date(2026, 3, 17)
    assert (date(2026, 2, 28), "春节调休上班") in deadline_of(first).holidays_skipped


def test_a_count_into_a_year_whose_holidays_are_not_listed_says_so():
    Holiday.objects.filter(date__year=2026).delete()  # as if the State Council had not announced 2026 yet
    request, _code = factories.disclosure_request(submitted_on=date(2025, 12, 15))

    clock = deadline_of(request, today=date(2025, 12, 16))
    assert clock.unlisted_years == [2026] and clock.holidays_skipped == []
    assert clock.due == date(2026, 1, 12)  # weekends only: 元旦 is not known yet
    shown = render_to_string("disclosure/clock.html", {"clock": clock, "item": request})
    assert "2026年的节假日安排尚未录入，期限暂只跳过周末；录入后自动重新计算。" in shown
    Holiday.objects.create(date=date(2026, 1, 1), name="元旦")
    clock = deadline_of(request, today=date(2025, 12, 16))
    assert clock.unlisted_years == [] and clock.due == date(2026, 1, 13)
