"""The staff's daily reminders (send_disclosure_reminders) through a real SMTP server on 127.0.0.1: one digest a
day per address listing the requests due for it (overdue, due within 5 working days, 补正 and fee periods passed),
the office all of them, a division its own; recorded on each request; a refused address retried the next run."""

import importlib
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse

from core.reminders import run_reminders
from disclosure.models import EventKind, MailKind, ReminderDigest, RequestMail
from disclosure.reminders import due_digests, label, send_digest
from disclosure.workflow import take_step
from policies.models import Division
from tests import factories, shared_data

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("disclosure_reminders")]

BEIJING = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 3, 9)
OFFICE, DAQI, SHUI = "office@example.gov.cn", "daqi@example.gov.cn", "shui@example.gov.cn"


def build():
    factories.editorial()
    factories.user("office", "办公室", "起草处室编辑-大气处")  # one address, two roles
    factories.user("daqi", "起草处室编辑-大气处")
    factories.user("shui", "起草处室编辑-水处")
    factories.user("nomail", "起草处室编辑-大气处").__class__.objects.filter(username="nomail").update(email="")
    daqi, shui = Division.objects.get(name="大气处"), Division.objects.get(name="水处")
    overdue, _code = factories.disclosure_request(submitted_on=date(2026, 1, 12))
    take_step(None, overdue, EventKind.ASSIGNED, {"date": date(2026, 1, 13), "division": daqi})
    # Received Monday 9 February 2026: due Friday 13 March (春节 skipped, two 调休 Saturdays worked).
    due_soon, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(None, due_soon, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": daqi})
    waiting, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(None, waiting, EventKind.CORRECTION_REQUESTED, {"date": date(2026, 2, 10), "due_date": date(2026, 3, 6)})
    unpaid, _code = factories.disclosure_request(submitted_on=date(2026, 2, 9))
    take_step(None, unpaid, EventKind.ASSIGNED, {"date": date(2026, 2, 10), "division": shui})
    take_step(None, unpaid, EventKind.FEE_NOTICE, {"date": date(2026, 2, 10), "due_date": date(2026, 3, 6)})
    factories.disclosure_request(submitted_on=date(2026, 3, 2))  # due in April: nothing to say
    return {"overdue": overdue, "due_soon": due_soon, "waiting": waiting, "unpaid": unpaid}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    yield from shared_data.build_once(django_db_blocker, build)


@pytest.fixture
def requests(built):
    return shared_data.fresh(built)


def at_eight(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 8, tzinfo=BEIJING), tick=False)


def run(day):
    out = StringIO()
    with at_eight(day):
        call_command("send_disclosure_reminders", stdout=out, stderr=out)
    return out.getvalue()


def test_each_address_gets_one_digest_a_day_and_each_request_records_it(requests, smtp_server):
    overdue, due_soon, waiting, unpaid = (requests[key] for key in ("overdue", "due_soon", "waiting", "unpaid"))
    out = run(MONDAY)  # 4 working days left on due_soon; the correction's and the fee's periods passed on Friday
    assert "发送提醒 3 条，失败 0 条" in out
    assert "未发送：用户 nomail 的每日提醒（超期 1 件，即将到期 1 件" in out and "没有填写电子邮箱的收件人" in out
    assert "发送提醒 0 条" in run(MONDAY)  # the same day again: nothing
    mails = {message.rcpt_tos[0]: message for message in smtp_server.messages}
    assert len(smtp_server.messages) == 3 and [len(message.rcpt_tos) for message in mails.values()] == [1, 1, 1]
    assert sorted(mails) == [DAQI, OFFICE, SHUI]  # the office's member in 大气处 too gets one, not two
    subjects = dict(zip(smtp_server.subjects(), smtp_server.messages, strict=True))
    assert (
        subjects["政府信息公开申请提醒：超期 1 件，即将到期 1 件，补正期限已过 1 件，缴费期限已过 1 件"]
        is mails[OFFICE]
    )
    assert subjects["政府信息公开申请提醒：超期 1 件，即将到期 1 件"] is mails[DAQI]
    assert subjects["政府信息公开申请提醒：缴费期限已过 1 件"] is mails[SHUI]

    body = mails[OFFICE].get_content().replace("\r\n", "\n")
    headings = [
        body.index(f"【{heading}】1 件") for heading in ("已超期", "5个工作日内到期", "补正期限已过", "缴费期限已过")
    ]
    assert headings == sorted(headings)
    for law in ("第三十三条", "视为放弃申请（第三十条）", "国办函〔2020〕109号第七条"):
        assert body.count(law) == 1
    assert f"{due_soon.number}｜大气处｜{due_soon.get_state_display()}｜答复期限2026年03月13日，还剩4个工作日" in body
    assert f"{waiting.number}｜尚未分办｜" in body and "｜补正期限2026年03月06日\n" in body
    assert f"{unpaid.number}｜水处｜" in body and "｜缴费期限2026年03月06日\n" in body
    assert f"{overdue.number}｜大气处｜办理中｜答复期限2026年02月09日，已超期16个工作日\n" in body
    assert reverse("disclosure_admin_detail", args=[waiting.pk]) in body
    assert unpaid.number not in mails[DAQI].get_content() and due_soon.number not in mails[SHUI].get_content()

    assert sorted(RequestMail.objects.filter(request=due_soon).values_list("kind", "sent_on", "recipients")) == [
        (MailKind.DUE_SOON, MONDAY, DAQI),
        (MailKind.DUE_SOON, MONDAY, OFFICE),
    ]
    client = Client()
    client.force_login(get_user_model().objects.get(username="office"))
    page = client.get(reverse("disclosure_admin_detail", args=[due_soon.pk])).content.decode()
    assert f"2026年3月9日 即将到期提醒：已发送（{OFFICE}、{DAQI}）" in page

    out = run(date(2026, 3, 16))  # a new week: due_soon is overdue now
    assert "发送提醒 3 条" in out
    assert smtp_server.subjects()[3:] == [
        "政府信息公开申请提醒：超期 2 件，补正期限已过 1 件，缴费期限已过 1 件",
        "政府信息公开申请提醒：超期 2 件",
        "政府信息公开申请提醒：缴费期限已过 1 件",
    ]
    assert "答复期限2026年03月13日，已超期1个工作日" in smtp_server.messages[4].get_content()
    assert RequestMail.objects.filter(request=due_soon, kind=MailKind.OVERDUE).count() == 2


def test_a_refused_address_records_nothing_and_is_tried_again(requests, smtp_server):
    get_user_model().objects.filter(username="shui").update(email="bounce-shui@example.gov.cn")
    out = run(MONDAY)
    assert "发送失败（下次运行时重试）：bounce-shui@example.gov.cn 的每日提醒（缴费期限已过 1 件" in out
    assert "发送提醒 2 条，失败 1 条" in out
    assert sorted(mail.rcpt_tos[0] for mail in smtp_server.messages) == [DAQI, OFFICE]
    assert set(ReminderDigest.objects.values_list("address", flat=True)) == {DAQI, OFFICE}
    assert not RequestMail.objects.filter(recipients__startswith="bounce").exists()
    assert "发送提醒 0 条，失败 1 条" in run(MONDAY)  # the others are done; the refused address is tried again
    get_user_model().objects.filter(username="office").update(is_active=False)
    waiting = requests["waiting"]  # not assigned yet: without an office, nobody to remind
    assert f"未发送：{waiting.number} 补正期限已过提醒（2026-03-06），没有填写电子邮箱的收件人" in run(MONDAY)


def test_the_migration_gives_each_address_of_an_earlier_reminder_its_row(requests):
    migration = importlib.import_module("disclosure.migrations.0010_reminders_one_row_per_address")
    request = requests["due_soon"]
    RequestMail.objects.create(
        request=request, kind=MailKind.DUE_SOON, sent_on=MONDAY, recipients=f"{OFFICE}, Daqi@example.gov.cn"
    )
    migration.one_row_per_address(apps, None)
    assert sorted(RequestMail.objects.values_list("recipients", "digest__address", "digest__sent_on")) == [
        ("Daqi@example.gov.cn", DAQI, MONDAY),
        (OFFICE, OFFICE, MONDAY),
    ]
    [line] = request.mails.history()
    assert (line.sent_on, line.label, line.recipients) == (MONDAY, "即将到期提醒", [OFFICE, "Daqi@example.gov.cn"])
    with at_eight(MONDAY):
        assert [digest.address for digest in due_digests(MONDAY)] == [SHUI, ""]  # those two had today's
    migration.merge_addresses(apps, None)
    assert list(RequestMail.objects.values_list("recipients", "digest")) == [(f"Daqi@example.gov.cn, {OFFICE}", None)]


@pytest.mark.postgresql  # the unique record per address and day stops a second run that raced the first
def test_two_runs_at_once_send_each_digest_once(requests, smtp_server):
    with at_eight(MONDAY):
        raced = due_digests(MONDAY)  # the second run found the same digests due...
    assert "发送提醒 3 条" in run(MONDAY)  # ... while the first sent them
    out = StringIO()
    with at_eight(MONDAY):
        sent = run_reminders(
            BaseCommand(stdout=out, stderr=out), raced, lambda digest: send_digest(digest, MONDAY), label
        )
    assert sent == (0, 0) and out.getvalue().count("另一次运行已发送") == 3
    assert len(smtp_server.messages) == 3
    assert ReminderDigest.objects.count() == 3 and RequestMail.objects.filter(sent_on=MONDAY).count() == 7
