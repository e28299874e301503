"""Reminders sent once: the record and the mail go in one transaction, under the record's unique constraint.

An app describes what is due and how to write it; this module sends it and its command reports, so the consultations'
and the disclosure requests' reminders behave alike: run the command as often as you like, each reminder goes once; a
mail server that fails records nothing, and the next run sends; two runs at the same moment send once (the second
stops at the unique record).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

logger = logging.getLogger(__name__)


def from_address():
    return getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL


def send_once(record, subject, body, addresses):
    """Save `record` (unsaved; its unique constraint means "already sent") and send the mail to `addresses`.

    `record` may also be a function saving such a record and whatever goes with it (a digest and its lines).
    Return True when sent, False when another run recorded it first. A mail server's failure propagates and
    records nothing.
    """
    save = record if callable(record) else record.save
    try:
        with transaction.atomic():
            save()
            send_mail(subject, body, from_address(), addresses)
    except IntegrityError:
        return False
    return True


def run_reminders(command, items, send, label):
    """Send each of `items` with `send(item)` (returning the addresses written to, [] for none, None when another
    run sent it first) and report on `command`'s output; one failure does not stop the others. Return (sent,
    failed)."""
    sent = failed = 0
    for item in items:
        text = label(item)
        try:
            addresses = send(item)
        except Exception as error:  # the mail server: the next run tries again
            logger.exception("Reminder not sent: %s", text)
            command.stderr.write(f"发送失败（下次运行时重试）：{text}：{error}")
            failed += 1
            continue
        if addresses is None:
            command.stdout.write(f"未发送：{text}，另一次运行已发送")
        elif addresses:
            sent += 1
            command.stdout.write(f"已发送：{text} → {', '.join(addresses)}")
        else:
            command.stdout.write(command.style.WARNING(f"未发送：{text}，没有填写电子邮箱的收件人"))
    command.stdout.write(command.style.SUCCESS(f"完成，发送提醒 {sent} 条，失败 {failed} 条。"))
    return sent, failed
