"""The steps' rules that come from the regulation: one 补正 notice, what closes a request waiting for it, receipt."""

from datetime import date

import pytest

from disclosure.clock import deadline_of
from disclosure.models import EventKind, State
from disclosure.workflow import StepRefused, take_step
from tests import factories

pytestmark = pytest.mark.django_db


def test_one_correction_notice_and_the_clock_restarts_when_the_correction_arrives():
    item, _ = factories.disclosure_request(submitted_on=date(2026, 2, 2))
    take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 5), "due_date": date(2026, 2, 27)})
    item.refresh_from_db()
    assert item.state == State.AWAITING_CORRECTION and deadline_of(item).due is None
    with pytest.raises(StepRefused, match="不能告知补正"):
        take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 6), "due_date": date(2026, 2, 27)})
    with pytest.raises(StepRefused, match="逾期不补正"):  # 第三十条: only these close a request waiting for 补正
        take_step(None, item, EventKind.ANSWERED, {"date": date(2026, 2, 9), "answer_type": "disclosed"})
    take_step(None, item, EventKind.CORRECTION_RECEIVED, {"date": date(2026, 2, 13)})
    item.refresh_from_db()
    assert item.state == State.REGISTERED and deadline_of(item).due == date(2026, 3, 19)
    with pytest.raises(StepRefused, match="一次性告知"):
        take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 24), "due_date": date(2026, 3, 6)})


def test_no_correction_by_the_period_closes_the_request_as_the_annual_report_counts_it():
    item, _ = factories.disclosure_request(submitted_on=date(2026, 2, 2))
    take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 5), "due_date": date(2026, 2, 27)})
    take_step(
        None,
        item,
        EventKind.ANSWERED,
        {"date": date(2026, 3, 2), "answer_type": "other", "answer_reason": "other_no_correction"},
    )
    item.refresh_from_db()
    assert item.state == State.ANSWERED


def test_an_online_request_waits_for_its_confirmation_before_anything_else():
    item, _ = factories.disclosure_request(submitted_on=date(2026, 2, 6), channel="online")
    with pytest.raises(StepRefused, match="请先确认收到申请"):
        take_step(None, item, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 9), "due_date": date(2026, 2, 27)})
    take_step(None, item, EventKind.CONFIRMED, {"date": date(2026, 2, 9)})
    item.refresh_from_db()
    assert item.received_on == date(2026, 2, 9) and deadline_of(item).due == date(2026, 3, 13)
    with pytest.raises(StepRefused, match="无需再确认"):
        take_step(None, item, EventKind.CONFIRMED, {"date": date(2026, 2, 10)})
