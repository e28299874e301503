"""The messages: the confirmation, a notice, a digest. Each notice and digest carries a one-click unsubscribe
(RFC 8058: List-Unsubscribe with an https address, List-Unsubscribe-Post) and the link to manage every
subscription of the address, both signed (tokens.py) and working without signing in."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.reminders import from_address

from . import tokens


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def manage_url(subscriber):
    return absolute(reverse("subscriptions:manage", args=[tokens.make(tokens.MANAGE, subscriber)]))


def unsubscribe_url(subscriber, subscriptions):
    return absolute(
        reverse("subscriptions:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber, subscriptions)])
    )


def confirmation(subscriber, subscriptions):
    context = {
        "subscriptions": subscriptions,
        "confirm_url": absolute(reverse("subscriptions:confirm", args=[tokens.make(tokens.CONFIRM, subscriber)])),
        "days": settings.ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS,
    }
    body = render_to_string("subscriptions/mail/confirm.txt", context)
    return EmailMessage(_("请确认您的邮件订阅"), body, from_address(), [subscriber.email])


def _with_unsubscribe(message, subscriber, subscriptions):
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe_url(subscriber, subscriptions)}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def _item(event):
    return {"event": event, "url": absolute(event.url) if event.url else ""}


def notice(subscriber, delivery):
    """One event, sent as soon as it happened."""
    event = delivery.event
    subscription = delivery.subscription
    context = {
        "item": _item(event),
        "subscription": subscription,
        "unsubscribe_url": unsubscribe_url(subscriber, [subscription]),
        "manage_url": manage_url(subscriber),
    }
    body = render_to_string("subscriptions/mail/notice.txt", context)
    subject = _("【订阅提醒】%(title)s：%(what)s") % {"title": event.title, "what": event.what}
    message = EmailMessage(subject[:200], body, from_address(), [subscriber.email])
    return _with_unsubscribe(message, subscriber, [subscription])


def digest(subscriber, deliveries, frequency_label):
    """Every due event of a daily or weekly subscriber, grouped by the list that brought it, in one message."""
    groups = {}
    for delivery in deliveries:
        groups.setdefault(delivery.subscription, []).append(_item(delivery.event))
    subscriptions = list(groups)
    context = {
        "groups": [(subscription, items) for subscription, items in groups.items()],
        "count": len(deliveries),
        "frequency": frequency_label,
        "unsubscribe_url": unsubscribe_url(subscriber, subscriptions),
        "manage_url": manage_url(subscriber),
    }
    body = render_to_string("subscriptions/mail/digest.txt", context)
    subject = _("【订阅%(frequency)s】共 %(count)s 条更新") % {"frequency": frequency_label, "count": len(deliveries)}
    message = EmailMessage(subject, body, from_address(), [subscriber.email])
    return _with_unsubscribe(message, subscriber, subscriptions)
