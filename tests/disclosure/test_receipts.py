"""The applicant's e-mail receipts, through a real SMTP server on 127.0.0.1 (tests/mail.py): sent once the request
is saved, never with the secret code or who applied; a mail server down loses nothing and the office is told."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry

from disclosure.models import DisclosureRequest, EventKind, MailKind
from disclosure.workflow import take_step
from tests import factories

from .views.test_public import VALID

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def test_the_receipt_and_the_confirmation_carry_the_number_and_the_deadline_never_the_code(
    client, smtp_server, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 2, 6, 10, tzinfo=BEIJING), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("disclosure_apply"), VALID)
        item, code = DisclosureRequest.objects.get(), response.context["code"]
    with time_machine.travel(datetime(2026, 2, 9, 10, tzinfo=BEIJING), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            take_step(None, item, EventKind.CONFIRMED, {"date": date(2026, 2, 9)})

    receipt, confirmation = smtp_server.messages
    assert receipt.rcpt_tos == confirmation.rcpt_tos == ["zhangsan@example.com"]
    assert smtp_server.subjects() == [
        f"政府信息公开申请回执（{item.number}）",
        f"已确认收到您的政府信息公开申请（{item.number}）",
    ]
    first, second = receipt.get_content(), confirmation.get_content()
    assert "提交日期：2026年02月06日" in first and "以本机关与您确认之日为准" in first
    # 20 working days from Monday 9 February, 春节 (15–23 February) skipped, Saturday 14 and 28 February worked.
    assert "收到申请之日：2026年02月09日" in second and "答复期限：2026年03月13日" in second
    for body in (first, second):
        assert item.number in body and "http://testserver/yishenqing/chaxun/" in body
        # Neither the code nor anything of who applied or what they asked: a mistyped address reaches a stranger.
        assert code not in body and "张三" not in body and "重点排污单位" not in body and "3301021990" not in body
    assert list(item.mails.values_list("kind", "error")) == [(MailKind.RECEIPT, ""), (MailKind.CONFIRMED, "")]


def test_a_mail_server_down_keeps_the_request_and_the_office_sees_the_failure(
    client, smtp_server, django_capture_on_commit_callbacks
):
    factories.editorial()
    office = factories.user("office", "办公室")
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("disclosure_apply"), VALID)
    item = DisclosureRequest.objects.get()
    assert response.status_code == 200 and response.context["code"] in response.content.decode()
    mail = item.mails.get()
    assert mail.kind == MailKind.RECEIPT and mail.sent_at is None and mail.error
    entry = ModelLogEntry.objects.get(action="disclosure.mail_failed", object_id=str(item.pk))
    assert "zhangsan" not in str(entry.data)
    client.force_login(office)
    page = client.get(reverse("disclosure_admin_detail", args=[item.pk])).content.decode()
    assert "申请回执" in page and "发送失败，请以电话等其他方式告知申请人" in page
