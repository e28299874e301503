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


def _assigned(submitted_on=date(2026, 2, 9)):
    from policies.models import Division

    item, _ = factories.disclosure_request(submitted_on=submitted_on)
    division = Division.objects.get_or_create(name="大气处", defaults={"slug": "daqi"})[0]
    take_step(None, item, EventKind.ASSIGNED, {"date": submitted_on, "division": division})
    return item


def test_a_fee_notice_stops_the_clock_until_paid_and_unpaid_past_its_period_closes_the_request():
    # 第四十二条; 国办函〔2020〕109号第七条. Received 9 February 2026: due 13 March (春节 skipped).
    paid, unpaid = _assigned(), _assigned()
    with pytest.raises(StepRefused, match="应在答复期限（2026-03-13）内发出"):
        take_step(None, paid, EventKind.FEE_NOTICE, {"date": date(2026, 3, 16), "due_date": date(2026, 4, 14)})
    for item in (paid, unpaid):
        take_step(None, item, EventKind.FEE_NOTICE, {"date": date(2026, 2, 24), "due_date": date(2026, 3, 24)})
        item.refresh_from_db()
        assert item.state == State.AWAITING_FEE
    take_step(None, paid, EventKind.FEE_PAID, {"date": date(2026, 3, 3)})
    with pytest.raises(StepRefused, match="不能重复收费"):
        take_step(None, paid, EventKind.FEE_NOTICE, {"date": date(2026, 3, 4), "due_date": date(2026, 4, 3)})
    paid.refresh_from_db()
    clock = deadline_of(paid)
    # Six working days from the notice to the payment (Saturday 28 February is worked) do not count.
    assert paid.state == State.PROCESSING and clock.paused_days == 6 and clock.due == date(2026, 3, 23)

    fee_unpaid = {"answer_type": "other", "answer_reason": "other_fee_unpaid"}
    with pytest.raises(StepRefused, match="只能以“逾期未按收费通知要求缴纳费用”办结"):
        take_step(None, unpaid, EventKind.ANSWERED, {"date": date(2026, 3, 25), "answer_type": "disclosed"})
    with pytest.raises(StepRefused, match="缴费期限（2026-03-24）尚未届满"):
        take_step(None, unpaid, EventKind.ANSWERED, {"date": date(2026, 3, 24), **fee_unpaid})
    take_step(None, unpaid, EventKind.ANSWERED, {"date": date(2026, 3, 25), **fee_unpaid})
    unpaid.refresh_from_db()
    assert unpaid.state == State.ANSWERED


def test_excessive_requests_need_the_reasons_asked_and_a_set_delay_replaces_the_deadline():
    # 第三十五条: ask for reasons first; sound reasons but no time: a later, reasonable deadline, told to the applicant.
    item = _assigned()
    excessive = {"date": date(2026, 3, 2), "answer_type": "not_processed", "answer_reason": "not_processed_excessive"}
    with pytest.raises(StepRefused, match="应先要求申请人说明理由"):
        take_step(None, item, EventKind.ANSWERED, excessive)
    with pytest.raises(StepRefused, match="请先要求申请人说明理由"):
        take_step(None, item, EventKind.DELAY_SET, {"date": date(2026, 2, 26), "due_date": date(2026, 4, 30)})
    take_step(None, item, EventKind.REASONS_REQUESTED, {"date": date(2026, 2, 12), "note": "说明申请用途"})
    take_step(None, item, EventKind.REASONS_RECEIVED, {"date": date(2026, 2, 25)})
    assert deadline_of(item).due == date(2026, 3, 13)  # asking for reasons does not stop the clock
    with pytest.raises(StepRefused, match="应晚于现在的答复期限"):
        take_step(None, item, EventKind.DELAY_SET, {"date": date(2026, 2, 26), "due_date": date(2026, 3, 13)})
    take_step(None, item, EventKind.DELAY_SET, {"date": date(2026, 2, 26), "due_date": date(2026, 4, 30)})
    clock = deadline_of(item)
    assert clock.due == date(2026, 4, 30) and clock.delayed_to == date(2026, 4, 30)
    take_step(None, item, EventKind.ANSWERED, excessive)
