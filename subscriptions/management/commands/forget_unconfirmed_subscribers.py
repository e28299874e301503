"""`python manage.py forget_unconfirmed_subscribers`: delete the addresses and lists never confirmed within
ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS (the confirmation link has expired by then), and the record of what was sent to
whom after KEEP_SENT (events that old can no longer happen again: core/following.py's windows are shorter). Run
daily by a timer."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ...models import Delivery, Event, Subscriber, Subscription

KEEP_SENT = datetime.timedelta(days=90)


class Command(BaseCommand):
    help = "删除超过确认期限仍未确认的订阅邮箱和订阅。"

    def handle(self, *args, **options):
        before = timezone.now() - datetime.timedelta(days=settings.ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS)
        lists, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=before).delete()
        addresses, _ = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=before).delete()
        old = timezone.now() - KEEP_SENT
        Delivery.objects.filter(sent_at__lt=old).delete()
        Delivery.objects.filter(failed_at__lt=old).delete()
        Event.objects.filter(created_at__lt=old, deliveries__isnull=True).delete()
        self.stdout.write(self.style.SUCCESS(f"完成，删除未确认的订阅 {lists} 项、邮箱 {addresses} 个。"))
