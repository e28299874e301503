"""The worker against a real SMTP server: retries with back-off after an outage, a refusal (5xx) recorded and the
address suspended, the command run again sending nothing twice; and two workers at once (each in its own
transaction, on every database) sending each message once."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.following import Notice
from subscriptions.fanout import fan_out
from subscriptions.models import Delivery, Event, Subscriber
from subscriptions.sending import BACKOFF, send_due
from subscriptions.triggers import record
from tests import factories


def happen(*keys, lists=("news",)):
    for key in keys:
        record(Notice(key=key, title=f"新闻{key}", url="/xinwen/x/", what="发布了新闻", lists=lists))
    fan_out()


def test_an_outage_is_retried_with_back_off_and_a_refusal_suspends_the_address(smtp_server, settings):
    settings.ZHENGCE_SUBSCRIPTION_MAX_HARD_FAILURES = 2
    factories.subscriber("reader@example.com", "news")
    happen("a", "b")

    smtp_server.stop()
    now = timezone.now()
    assert send_due(now) == (0, True)
    waiting = Delivery.objects.filter(subscriber__email="reader@example.com")
    assert {(row.attempts, row.next_attempt_at, row.sent_at) for row in waiting} == {(1, now + BACKOFF, None)}
    assert "ConnectionRefusedError" in waiting[0].last_error
    assert send_due(now + BACKOFF / 2) == (0, False)  # not due yet: nothing is tried

    smtp_server.start()
    sent, down = send_due(now + BACKOFF + timedelta(seconds=1))
    assert (sent, down) == (2, False)
    assert [message["To"] for message in smtp_server.messages] == ["reader@example.com"] * 2

    bouncing = factories.subscriber("bounce@example.com", "news")
    happen("c", "d")
    assert send_due() == (2, False)
    bouncing.refresh_from_db()
    assert bouncing.hard_failures == 2 and bouncing.suspended_at and "550" in bouncing.last_failure
    assert Delivery.objects.filter(subscriber=bouncing, failed_at__isnull=False).count() == 2

    happen("e")
    out = StringIO()
    call_command("send_subscriptions", stdout=out, stderr=StringIO())
    call_command("send_subscriptions", stdout=out, stderr=StringIO())
    assert [message["To"] for message in smtp_server.messages] == ["reader@example.com"] * 5  # none to the suspended
    assert "发送 1 封" in out.getvalue() and "发送 0 封" in out.getvalue()


def test_unconfirmed_addresses_are_forgotten_after_the_confirmation_days(settings):
    settings.ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS = 3
    old = factories.subscriber("old@example.com", "news", confirmed=False)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=4))
    old.subscriptions.update(created_at=timezone.now() - timedelta(days=4))
    factories.subscriber("new@example.com", "news", confirmed=False)
    factories.subscriber("kept@example.com", "news")
    happen("long-ago", "recent")
    Delivery.objects.update(sent_at=timezone.now())
    Delivery.objects.filter(event__key="long-ago").update(sent_at=timezone.now() - timedelta(days=91))
    Event.objects.filter(key="long-ago").update(created_at=timezone.now() - timedelta(days=91))
    call_command("forget_unconfirmed_subscribers", stdout=StringIO())
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.com", "new@example.com"]
    assert list(Event.objects.filter(key__in=["long-ago", "recent"]).values_list("key", flat=True)) == ["recent"]


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_each_message_once(smtp_server):
    for number in range(3):
        factories.subscriber(f"reader{number}@example.com", "news")
    happen("x", "y")
    start = threading.Barrier(2)
    results = []

    def work():
        try:
            start.wait()
            results.append(send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(sent for sent, _down in results) == 6
    received = sorted((message["To"], str(message["Subject"])) for message in smtp_server.messages)
    assert len(received) == len(set(received)) == 6
    assert Delivery.objects.filter(sent_at__isnull=True).count() == 0
