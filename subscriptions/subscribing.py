"""Taking a subscription: the list exists, the address has room for it, the confirmation mail is not sent too often;
then the address and the list are kept unconfirmed and the confirmation goes out (the only mail until confirmed)."""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms.security.rate_limit import hit

from . import mails
from .models import Subscriber, Subscription


class Refused(Exception):
    def __init__(self, message, status=400, wait=None):
        super().__init__(message)
        self.message, self.status, self.wait = message, status, wait


def _address_key(email):
    # The counters live in the shared cache: they name a hash, not the address.
    return hashlib.sha256(email.encode()).hexdigest()[:32]


def check_client(client):
    limit, window = settings.ZHENGCE_SUBSCRIPTION_CLIENT_RATE
    wait = hit("subscribe-client", client, limit, window)
    if wait:
        raise Refused(
            _("订阅请求过于频繁，请 %(minutes)s 分钟后再试。") % {"minutes": max(1, round(wait / 60))}, 429, wait
        )


def subscribe(email, list_key, label, frequency):
    """Keep `email` following `list_key` (unconfirmed until it confirms) and send the confirmation mail."""
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        exists = subscriber.subscriptions.filter(list_key=list_key).exists()
        if not exists and subscriber.subscriptions.count() >= settings.ZHENGCE_SUBSCRIPTION_MAX_LISTS:
            raise Refused(
                _("每个邮箱最多订阅 %(count)s 项。请先在订阅管理页面退订不需要的内容。")
                % {"count": settings.ZHENGCE_SUBSCRIPTION_MAX_LISTS}
            )
        if not exists:
            try:
                with transaction.atomic():
                    Subscription.objects.create(
                        subscriber=subscriber, list_key=list_key, label=label[:400], frequency=frequency
                    )
            except IntegrityError:
                pass  # the same request twice at once: one subscription
    limit, window = settings.ZHENGCE_SUBSCRIPTION_ADDRESS_RATE
    wait = hit("subscribe-address", _address_key(email), limit, window)
    if wait:
        raise Refused(
            _("该邮箱的确认邮件发送过于频繁。请查收已发送的确认邮件，或 %(minutes)s 分钟后再试。")
            % {"minutes": max(1, round(wait / 60))},
            429,
            wait,
        )
    pending = list(subscriber.subscriptions.filter(confirmed_at__isnull=True).order_by("pk"))
    if not pending and subscriber.suspended_at:
        # Mail stopped after refusals: confirming again starts it (Subscriber.confirm).
        pending = list(subscriber.subscriptions.order_by("pk"))
    if not pending:
        # Already confirmed: nothing to confirm, and the page says the same as for anyone else (no address leaks).
        return subscriber
    mails.confirmation(subscriber, pending).send()
    return subscriber
