"""An address that follows lists (Subscriber) and each list it follows (Subscription), with double opt-in.

Nothing but the confirmation is sent to an address until it confirms; an unconfirmed subscription is forgotten
after ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS (`forget_unconfirmed_subscribers`). The random `key` is what the signed
links name (tokens.py), never the row's id.
"""

import datetime
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_key():
    return secrets.token_urlsafe(18)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("即时")
    DAILY = "daily", _("每日汇总")
    WEEKLY = "weekly", _("每周汇总")


# The hour (Beijing time) a digest goes out; a weekly one on Mondays.
DIGEST_HOUR = 8


def due_time(frequency, now=None):
    """Return when a message of `frequency` about something happening `now` is due."""
    now = timezone.localtime(now or timezone.now())
    if frequency == Frequency.IMMEDIATE:
        return now
    due = now.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if due <= now:
        due += datetime.timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        due += datetime.timedelta(days=(7 - due.weekday()) % 7)
    return due


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, suspended_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("电子邮箱"), unique=True)
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    # Hard refusals (SMTP 5xx) in a row; at ZHENGCE_SUBSCRIPTION_MAX_HARD_FAILURES the address is suspended.
    hard_failures = models.PositiveSmallIntegerField(_("连续退信次数"), default=0)
    suspended_at = models.DateTimeField(_("暂停发送时间"), null=True, blank=True)
    last_failure = models.TextField(_("最近一次退信"), blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("订阅者")
        verbose_name_plural = _("订阅者")
        permissions = (("view_subscription_report", "可以查看订阅统计"),)

    def __str__(self):
        return self.email

    def confirm(self, now=None):
        """Confirm the address and every list it asked for; a suspended address starts again."""
        now = now or timezone.now()
        self.confirmed_at = self.confirmed_at or now
        self.suspended_at = None
        self.hard_failures = 0
        self.save(update_fields=["confirmed_at", "suspended_at", "hard_failures"])
        self.subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=now)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False)

    def delivered_to(self):
        """The confirmed subscriptions of addresses mail still goes to."""
        return self.confirmed().filter(subscriber__suspended_at__isnull=True)


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    # What is followed, as core/following.py names lists: "page:12", "topic:3", "news", "search:q=…", "business:…".
    list_key = models.CharField(_("订阅内容"), max_length=400, db_index=True)
    label = models.CharField(_("名称"), max_length=400)
    frequency = models.CharField(_("发送频率"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("订阅")
        verbose_name_plural = _("订阅")
        constraints = [models.UniqueConstraint(fields=["subscriber", "list_key"], name="one_subscription_per_list")]

    def __str__(self):
        return self.label
