"""The staff's daily reminders (send_disclosure_reminders) through a real SMTP server on 127.0.0.1: due within 5
working days, overdue, 补正 and fee periods passed, to the assigned division and the office only, once a day each."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from disclosure.models import EventKind, MailKind, RequestMail
from disclosure.workflow import take_step
from policies.models import Division
from tests import factories

# Records each reminder under a conditional unique constraint (SQLite and PostgreSQL both enforce it).
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

BEIJING = ZoneInfo("Asia/Shanghai")


def run(day):
    out = StringIO()
    with time_machine.travel(datetime(day.year, day.month, day.day, 8, tzinfo=BEIJING), tick=False):
        call_command("send_disclosure_reminders", stdout=out, stderr=out)
    return out.getvalue()


def test_reminders_go_to_the_division_and_the_office_once_a_day(smtp_server):
    factories.editorial()
    factories.user("office", "办公室")
    factories.user("daqi", "起草处室编辑-大气处")
    factories.user("shui", "起草处室编辑-水处")
    # Received Monday 9 February 2026: due Friday 13 March (春节 skipped, two 调休 Saturdays worked).
    assigned, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(
        None, assigned, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": Division.objects.get(name="大气处")}
    )
    waiting, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(None, waiting, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 10), "due_date": date(2026, 3, 6)})
    unpaid, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(
        None, unpaid, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": Division.objects.get(name="水处")}
    )
    take_step(None, unpaid, EventKind.FEE_NOTICE, {"date": date(2026, 2, 10), "due_date": date(2026, 3, 6)})
    factories.disclosure_request(submitted_on=date(2026, 3, 2))  # due in April: nothing to say

    # Thursday 5 March: 6 working days left, not yet "within 5"; the correction's and the fee's periods end tomorrow.
    assert "发送提醒 0 条" in run(date(2026, 3, 5))
    out = run(date(2026, 3, 9))  # Monday: 4 working days left; the correction's and the fee's periods passed
    assert "发送提醒 3 条" in out
    assert "发送提醒 0 条" in run(date(2026, 3, 9))  # the same day again: nothing
    by_subject = {
        subject: message for subject, message in zip(smtp_server.subjects(), smtp_server.messages, strict=True)
    }
    due_soon = by_subject[f"政府信息公开申请即将到期：{assigned.number}（2026年03月13日）"]
    assert sorted(due_soon.rcpt_tos) == ["daqi@example.gov.cn", "office@example.gov.cn"]  # not 水处
    assert "还剩4个工作日" in due_soon.get_content()
    lapsed = by_subject[f"补正期限已过：{waiting.number}"]
    assert lapsed.rcpt_tos == ["office@example.gov.cn"]  # no division yet
    assert "视为放弃申请（第三十条）" in lapsed.get_content()
    fee = by_subject[f"缴费期限已过：{unpaid.number}"]
    assert sorted(fee.rcpt_tos) == ["office@example.gov.cn", "shui@example.gov.cn"]

    assert "发送提醒 3 条" in run(date(2026, 3, 10))  # a new day, a new reminder
    run(date(2026, 3, 16))
    assert (
        smtp_server.subjects()[-3:].count(f"政府信息公开申请已超期：{assigned.number}（应于2026年03月13日前答复）") == 1
    )
    assert RequestMail.objects.filter(request=assigned).count() == 3
    assert set(RequestMail.objects.values_list("kind", flat=True)) == {
        MailKind.DUE_SOON,
        MailKind.OVERDUE,
        MailKind.CORRECTION_LAPSED,
        MailKind.FEE_LAPSED,
    }
    assert "发送提醒 0 条" in run(date(2026, 3, 16))
