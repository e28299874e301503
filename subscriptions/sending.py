"""The worker's sending. An address's due rows are first claimed by one UPDATE whose conditions are all on the row
itself (not sent, not failed, not held by another worker), which the database applies to each row atomically: of
two workers running at once, one gets a row and the other skips it, on PostgreSQL and SQLite alike. The claimed rows
are sent, then marked sent; a worker that dies mid-way leaves its hold, which expires after CLAIM_TIMEOUT.

A failure of the mail server (no connection, 4xx) puts the rows back for a later run, after a back-off that doubles
with each attempt, until ZHENGCE_SUBSCRIPTION_MAX_ATTEMPTS, and ends this run; a refusal (5xx) is recorded on the
rows and the address, and an address refused ZHENGCE_SUBSCRIPTION_MAX_HARD_FAILURES times in a row is suspended (no
more mail until it subscribes and confirms again).
"""

import datetime
import logging
import smtplib
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from . import mails
from .models import Delivery, Frequency, Subscriber

logger = logging.getLogger(__name__)

BACKOFF = datetime.timedelta(minutes=5)
CLAIM_TIMEOUT = datetime.timedelta(minutes=15)


class ServerDown(Exception):
    """The mail server cannot be reached: stop this run, the rows wait for the next."""


def _hard_refusal(error):
    """Return the SMTP code of a permanent refusal (5xx), or None for a failure worth retrying."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return max(codes) if codes and min(codes) >= 500 else None
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPResponseException) and code and code >= 500:
        return code
    return None


def _claim(subscriber_id, now):
    """Hold the address's due rows for this worker; return them."""
    ids = list(Delivery.objects.due(now).filter(subscriber_id=subscriber_id).values_list("pk", flat=True))
    token = uuid.uuid4().hex
    Delivery.objects.filter(pk__in=ids, sent_at__isnull=True, failed_at__isnull=True).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=timezone.now() - CLAIM_TIMEOUT)
    ).update(claim=token, claimed_at=timezone.now())
    return list(
        Delivery.objects.filter(claim=token).select_related("event", "subscription", "subscriber").order_by("pk")
    )


def _messages(subscriber, rows):
    """Return [(message, rows it carries)]: each immediate row alone, the due digest rows together."""
    out = [(mails.notice(subscriber, row), [row]) for row in rows if row.frequency == Frequency.IMMEDIATE]
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        grouped = [row for row in rows if row.frequency == frequency]
        if grouped:
            out.append((mails.digest(subscriber, grouped, frequency.label), grouped))
    return out


def _release(rows, **fields):
    Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(claim="", claimed_at=None, **fields)


def _failed(rows, subscriber, error, now):
    """Record a failure; return the error's text when the server is down (retry later), None for a refusal."""
    code = _hard_refusal(error)
    text = f"{type(error).__name__}: {error}"[:1000]
    if code:
        _release(rows, failed_at=now, last_error=text)
        subscriber.hard_failures += 1
        subscriber.last_failure = text
        if subscriber.hard_failures >= settings.ZHENGCE_SUBSCRIPTION_MAX_HARD_FAILURES:
            subscriber.suspended_at = now
        subscriber.save(update_fields=["hard_failures", "last_failure", "suspended_at"])
        logger.warning("Subscription mail refused (%s) for subscriber %s", code, subscriber.pk)
        return None
    for row in rows:
        attempts = row.attempts + 1
        _release(
            [row],
            attempts=attempts,
            last_error=text,
            failed_at=now if attempts >= settings.ZHENGCE_SUBSCRIPTION_MAX_ATTEMPTS else None,
            next_attempt_at=now + BACKOFF * 2 ** (attempts - 1),
        )
    return text


def _send_to(subscriber_id, connection, now):
    rows = _claim(subscriber_id, now)
    if not rows:
        return 0
    subscriber = rows[0].subscriber
    sent = 0
    messages = _messages(subscriber, rows)
    for index, (message, carried) in enumerate(messages):
        message.connection = connection
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            if _hard_refusal(error):
                _failed(carried, subscriber, error, now)
                continue
            # The server is down: this address's other messages wait as long as this one.
            waiting = [row for _message, rows in messages[index:] for row in rows]
            raise ServerDown(_failed(waiting, subscriber, error, now)) from error
        _release(carried, sent_at=now)
        sent += 1
    if sent and subscriber.hard_failures:
        Subscriber.objects.filter(pk=subscriber.pk).update(hard_failures=0)
    return sent


def send_due(now=None):
    """Send every message due at `now`; return (messages sent, whether the mail server was down)."""
    now = now or timezone.now()
    due = Delivery.objects.due(now).values_list("subscriber_id", flat=True)
    subscriber_ids = list(due.distinct().order_by("subscriber_id"))
    sent = 0
    connection = get_connection()
    try:
        for subscriber_id in subscriber_ids:
            sent += _send_to(subscriber_id, connection, now)
    except ServerDown as error:
        logger.warning("Mail server down, subscription mail postponed: %s", error)
        return sent, True
    finally:
        try:
            connection.close()
        except Exception:  # a server gone away mid-run: nothing to close
            pass
    return sent, False
