"""What happened (Event: citizen-visible words only) and the queue of messages to each address (Delivery).

One Delivery per (subscriber, event), held by a unique constraint: an address following several lists an event
belongs to is told once, and a second worker or a second run never adds or sends it again. The worker (sending.py)
sends what is due, retries with back-off after a failure of the mail server, and records a refusal.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .subscribers import Frequency, Subscriber, Subscription


class Event(models.Model):
    # What happened, once for all: "published:12", "note:7", "relation:12:9:amend" (core/following.py).
    key = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=400)
    url = models.CharField(max_length=500, blank=True)
    what = models.CharField(max_length=400)
    note = models.TextField(blank=True)
    lists = models.JSONField(default=list)
    business = models.JSONField(null=True, blank=True)  # [industry ids, region ids] of a 涉企 publication
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("订阅事件")
        verbose_name_plural = _("订阅事件")

    def __str__(self):
        return f"{self.title}：{self.what}"


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def due(self, now):
        return (
            self.pending()
            .filter(due_at__lte=now, next_attempt_at__lte=now)
            .filter(subscriber__confirmed_at__isnull=False, subscriber__suspended_at__isnull=True)
        )


class Delivery(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    due_at = models.DateTimeField(db_index=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A worker's hold on the row while it sends (sending.py); one left by a crashed worker expires.
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("待发邮件")
        verbose_name_plural = _("待发邮件")
        constraints = [models.UniqueConstraint(fields=["subscriber", "event"], name="one_message_per_event")]

    def __str__(self):
        return f"{self.event_id} → {self.subscriber_id}"
