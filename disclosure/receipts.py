"""The applicant's e-mail receipt: when an online request is submitted, and when its receipt is confirmed.

Sent after the transaction that saved the request commits (``transaction.on_commit``), so a receipt never speaks of
a request that was rolled back, and a mail server that fails never loses or undoes the request: the failure is
logged and recorded on the request (``RequestMail.error``), shown to the office on its page.

What it says, and what it does not (the privacy choice): the number, the dates, the deadline as the clock computes
it and the status page's address — never the secret code, nor the applicant's name, identity document or the
information asked for. The address typed in the form is not verified: a mistyped one reaches a stranger, who then
learns that a request with this number exists and nothing else. And a mailbox is a second, long-lived channel (kept,
forwarded, synced to phones, relayed between servers): a code in it would turn whoever reads the mailbox into
whoever may open the status page. The code is shown once, on the confirmation page, and only its hash is kept.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.reminders import from_address

from .clock import ANSWER_DAYS, deadline_of
from .models import MailKind, RequestMail

logger = logging.getLogger(__name__)


def status_page_url():
    # WAGTAILADMIN_BASE_URL is the site's public base URL, the one every e-mail's links start with.
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_status")


def message_for(item, kind):
    clock = deadline_of(item, explain=False)
    values = {
        "number": item.number,
        "submitted": item.submitted_on.strftime("%Y年%m月%d日"),
        "url": status_page_url(),
        "days": ANSWER_DAYS,
    }
    if clock.received_on is None:
        received = _(
            "收到申请之日：以本机关与您确认之日为准（第三十一条），确认后答复期限为该日起%(days)s个工作日（第三十三条），"
            "届时将另行通知。"
        )
    else:
        values["received"] = clock.received_on.strftime("%Y年%m月%d日")
        values["due"] = clock.due.strftime("%Y年%m月%d日") if clock.due else "—"
        received = _(
            "收到申请之日：%(received)s（第三十一条）\n答复期限：%(due)s（收到申请之日起%(days)s个工作日，"
            "节假日不计；补正、征求意见、延期等情形依法调整，以查询页为准）"
        )
    subject = (
        _("政府信息公开申请回执（%(number)s）")
        if kind == MailKind.RECEIPT
        else _("已确认收到您的政府信息公开申请（%(number)s）")
    ) % values
    body = (
        _("您好：\n\n本机关已收到您提交的政府信息公开申请。\n\n申请编号：%(number)s\n提交日期：%(submitted)s\n")
        + received
        + _(
            "\n\n查询办理进度：%(url)s\n请输入申请编号和提交申请时页面显示的查询码。为保护您的信息，查询码不通过邮件发送。\n\n"
            "（本邮件由系统自动发送，请勿回复。如非本人申请，请忽略本邮件。）"
        )
    ) % values
    return subject, body


def send_receipt(item, kind):
    """Send `item`'s applicant the receipt `kind` now, recording it; a failure is recorded, never raised."""
    record = RequestMail(request=item, kind=kind, sent_on=timezone.localdate(), recipients=item.email)
    try:
        subject, body = message_for(item, kind)
        send_mail(subject, body, from_address(), [item.email])
    except Exception as error:  # the mail server, the network: the request stands, the office is told
        logger.exception("Receipt %s of disclosure request %s not sent", kind, item.number)
        record.error = str(error)[:500] or error.__class__.__name__
        record.save()
        # The kind of error only: a refused recipient's message names the address, which the log keeps for good.
        log(
            instance=item,
            action="disclosure.mail_failed",
            user=None,
            data={"kind": kind, "error": type(error).__name__},
        )
        return record
    record.sent_at = timezone.now()
    record.save()
    return record


def receipt_after_commit(item, kind=MailKind.RECEIPT):
    """Send the receipt once the current transaction commits (nothing when the applicant gave no address)."""
    if not item.email:
        return
    pk = item.pk
    # robust: even should recording the failure fail too, the applicant still sees their number and code.
    transaction.on_commit(lambda: send_receipt(type(item).objects.get(pk=pk), kind), robust=True)
