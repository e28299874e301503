"""Reminders to the owning division, N working days before the close and before the feedback deadline, counted on
the holiday calendar, sent once each through a real SMTP server on 127.0.0.1 (tests/mail.py)."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from consultations.models import ReminderSent
from tests import factories

# Counts working days on the seeded holiday table; records each reminder under a unique constraint.
pytestmark = pytest.mark.postgresql

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


def run():
    out, err = StringIO(), StringIO()
    call_command("send_consultation_reminders", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def consultation():
    factories.editorial()
    factories.user("daqi_editor", "起草处室编辑-大气处")
    factories.user("daqi_head", "处室负责人", "起草处室编辑-大气处")
    factories.user("shui_editor", "起草处室编辑-水处")
    # Closes on Wednesday 30 September 2026; 中秋 (25–27 September) and 国庆 (1–7 October) are days off,
    # Saturday 10 October is worked.
    return factories.consultation(
        opens_at=at(date(2026, 8, 31)),
        closes_at=at(date(2026, 9, 30), 17),
        feedback_due_on=date(2026, 10, 12),
        division="大气处",
    )


def test_reminders_go_to_the_division_on_working_days_once_each(consultation, smtp_server):
    # Three working days before the close is Thursday 24 September (the holiday does not count), not the 25th.
    with time_machine.travel(at(date(2026, 9, 23)), tick=False):
        assert "发送提醒 0 条" in run()
    with time_machine.travel(at(date(2026, 9, 24)), tick=False):
        factories.comment(consultation, "一条意见")
        out = run()
        assert "发送提醒 1 条" in out
        assert "发送提醒 0 条" in run()  # once
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert sorted(message.rcpt_tos) == ["daqi_editor@example.gov.cn", "daqi_head@example.gov.cn"]
    assert smtp_server.subjects()[0] == f"征求意见即将截止：《{consultation.title}》"
    body = message.get_content()
    assert "2026年09月30日 17:00" in body and "已收到意见 1 条" in body
    assert f"/admin/consultations/comments/?consultation={consultation.pk}" in body

    # The feedback deadline, Monday 12 October: three working days before is Thursday 8 October (Saturday the
    # 10th is worked, the national holiday is not).
    with time_machine.travel(at(date(2026, 10, 7)), tick=False):
        assert "发送提醒 0 条" in run()
    with time_machine.travel(at(date(2026, 10, 8)), tick=False):
        assert "发送提醒 1 条" in run()
        assert "发送提醒 0 条" in run()
    assert len(smtp_server.messages) == 2
    feedback = smtp_server.messages[1]
    assert smtp_server.subjects()[1] == f"意见采纳情况反馈将到期：《{consultation.title}》"
    assert "尚有 1 条未答复" in feedback.get_content()
    assert list(ReminderSent.objects.values_list("kind", "due_on")) == [
        ("closing", date(2026, 9, 30)),
        ("feedback", date(2026, 10, 12)),
    ]
    # After the deadline, nothing more.
    with time_machine.travel(at(date(2026, 10, 13)), tick=False):
        assert "发送提醒 0 条" in run()


def test_the_default_feedback_deadline_counts_working_days_after_the_close(consultation):
    assert factories.revise(consultation, feedback_due_on=None).feedback_due() == date(2026, 10, 27)


def test_a_mail_server_outage_records_nothing_and_the_next_run_sends(consultation, smtp_server):
    smtp_server.stop()
    with time_machine.travel(at(date(2026, 9, 28)), tick=False):
        assert "发送失败" in run()
        assert not ReminderSent.objects.exists()
        smtp_server.start()
        assert "发送提醒 1 条" in run()
    assert len(smtp_server.messages) == 1


def test_moving_the_closing_time_makes_the_reminder_due_again(consultation, smtp_server):
    with time_machine.travel(at(date(2026, 9, 29)), tick=False):
        run()
        factories.revise(consultation, closes_at=at(date(2026, 10, 9), 17))
    with time_machine.travel(at(date(2026, 10, 8)), tick=False):
        run()
    assert [subject.startswith("征求意见即将截止") for subject in smtp_server.subjects()] == [True, True]
