"""Working days: weekends off, the holiday list takes days off and puts weekend days back to work (调休)."""

from datetime import date, timedelta

import pytest

from core.models.holidays import Holiday
from core.workdays import add_workdays, is_workday, load_holidays, workdays_between

# The holiday table a data migration seeded, read through its QuerySet.
pytestmark = pytest.mark.postgresql

# 2025 National Day, as the State Council arranged it and the seeding migration stored it: 1–8 October off;
# Sunday 28 September and Saturday 11 October worked in exchange.
NATIONAL_DAY = {date(2025, 10, day): False for day in range(1, 9)} | {
    date(2025, 9, 28): True,
    date(2025, 10, 11): True,
}


def test_a_fresh_database_has_the_state_councils_calendar():
    assert load_holidays(date(2025, 9, 27), date(2025, 10, 12)) == NATIONAL_DAY
    rows = Holiday.objects.filter(date__range=(date(2026, 2, 1), date(2026, 3, 31)))
    assert [(row.date, row.name, row.is_workday, row.source) for row in rows] == [
        (date(2026, 2, 14), "春节调休上班", True, Holiday.Source.STATE_COUNCIL),
        *((date(2026, 2, day), "春节", False, Holiday.Source.STATE_COUNCIL) for day in range(15, 24)),
        (date(2026, 2, 28), "春节调休上班", True, Holiday.Source.STATE_COUNCIL),
    ]
    years = set(Holiday.objects.values_list("date__year", flat=True))
    assert years == set(range(2004, 2027))
    assert not Holiday.objects.exclude(source=Holiday.Source.STATE_COUNCIL).exists()


def test_weekdays_are_working_days_and_weekends_are_not():
    assert is_workday(date(2025, 3, 7))  # Friday
    assert not is_workday(date(2025, 3, 8))  # Saturday
    assert not is_workday(date(2025, 3, 9))  # Sunday
    assert is_workday(date(2025, 3, 10))  # Monday


def test_holiday_rows_take_days_off_and_put_weekend_days_back():
    assert not is_workday(date(2025, 10, 1))  # Wednesday, a holiday
    assert is_workday(date(2025, 9, 28))  # Sunday, worked in exchange
    assert is_workday(date(2025, 10, 11))  # Saturday, worked in exchange
    assert not is_workday(date(2025, 10, 12))  # an ordinary Sunday


def test_friday_plus_three_working_days_is_wednesday():
    assert add_workdays(date(2025, 3, 7), 3) == date(2025, 3, 12)


def test_across_a_weekend():
    assert add_workdays(date(2025, 3, 6), 2) == date(2025, 3, 10)  # Thursday + 2 = Monday
    assert add_workdays(date(2025, 3, 8), 1) == date(2025, 3, 10)  # from a Saturday, the Monday
    assert add_workdays(date(2025, 3, 7), 0) == date(2025, 3, 7)


def test_across_a_holiday():
    # Tuesday 30 September: 1–8 October are off, Thursday 9, Friday 10, then Saturday 11 is worked.
    assert add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert add_workdays(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert add_workdays(date(2025, 9, 30), 4) == date(2025, 10, 13)


def test_a_weekend_day_worked_in_exchange_counts():
    # Friday 26 September + 1: Saturday 27 is off, Sunday 28 is worked.
    assert add_workdays(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert add_workdays(date(2025, 9, 26), 2) == date(2025, 9, 29)


def test_a_weekend_day_worked_in_exchange_at_the_2026_spring_festival_counts():
    assert is_workday(date(2026, 2, 14))  # Saturday before 春节, worked in exchange
    assert is_workday(date(2026, 2, 28))  # Saturday after it, worked in exchange
    assert not is_workday(date(2026, 2, 21))  # a Saturday inside the holiday
    assert not is_workday(date(2026, 2, 16))  # a Monday inside the holiday
    assert not is_workday(date(2026, 3, 7))  # an ordinary Saturday


def test_deadlines_across_the_2026_spring_festival():
    # Friday 13 February: Saturday 14 is worked, 15–23 are off, work resumes on Tuesday 24.
    friday = date(2026, 2, 13)
    assert [add_workdays(friday, n) for n in range(1, 8)] == [
        date(2026, 2, 14),
        date(2026, 2, 24),
        date(2026, 2, 25),
        date(2026, 2, 26),
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 2),
    ]
    # A document of Thursday 12 February has its 3-working-day deadline after the holiday.
    assert add_workdays(date(2026, 2, 12), 3) == date(2026, 2, 24)
    assert workdays_between(friday, date(2026, 2, 28)) == 6
    assert workdays_between(date(2026, 2, 14), date(2026, 2, 23)) == 0
    assert add_workdays(date(2026, 2, 24), -1) == date(2026, 2, 14)


def test_a_day_off_staff_add_counts_like_the_arranged_ones():
    Holiday.objects.create(date=date(2025, 3, 11), name="本地防汛调休")  # a Tuesday
    assert not is_workday(date(2025, 3, 11))
    assert add_workdays(date(2025, 3, 7), 3) == date(2025, 3, 13)


def test_negative_counts_go_back():
    assert add_workdays(date(2025, 3, 10), -1) == date(2025, 3, 7)


def test_workdays_between():
    assert workdays_between(date(2025, 3, 7), date(2025, 3, 12)) == 3  # Friday → Wednesday
    assert workdays_between(date(2025, 3, 7), date(2025, 3, 9)) == 0  # Friday → Sunday
    assert workdays_between(date(2025, 3, 7), date(2025, 3, 7)) == 0
    assert workdays_between(date(2025, 3, 12), date(2025, 3, 7)) == -3


def test_workdays_between_with_holidays():
    # Sunday 28, Monday 29, Tuesday 30 September; Thursday 9, Friday 10, Saturday 11 October.
    assert workdays_between(date(2025, 9, 26), date(2025, 10, 12)) == 6
    assert workdays_between(date(2025, 9, 30), date(2025, 10, 10)) == 2


def test_workdays_between_inverts_add_workdays():
    holidays = load_holidays()
    start = date(2025, 9, 15)
    for offset in range(40):
        day = start + timedelta(days=offset)
        for n in (0, 1, 3, 7):
            assert workdays_between(day, add_workdays(day, n, holidays), holidays) == n


def test_one_query_per_call_and_none_with_a_calendar(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_workdays(date(2025, 9, 30), 3) == date(2025, 10, 11)
    with django_assert_num_queries(1):
        assert workdays_between(date(2025, 9, 30), date(2025, 10, 11)) == 3
    holidays = load_holidays(date(2025, 9, 1), date(2025, 10, 31))
    with django_assert_num_queries(0):
        assert add_workdays(date(2025, 9, 30), 3, holidays) == date(2025, 10, 11)
        assert is_workday(date(2025, 9, 28), holidays)


def test_pure_functions_need_no_database():
    holidays = {date(2025, 4, 4): False}  # 清明节, a Friday
    assert add_workdays(date(2025, 4, 3), 3, holidays) == date(2025, 4, 9)
    assert workdays_between(date(2025, 4, 3), date(2025, 4, 10), holidays) == 4
