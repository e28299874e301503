"""The signed links of the mails: confirm, manage all of one's subscriptions, unsubscribe. They name the
subscriber's random key (never a row id) and are signed with SECRET_KEY, so nobody can make one up."""

from django.conf import settings
from django.core import signing

CONFIRM, MANAGE, UNSUBSCRIBE = "subscriptions.confirm", "subscriptions.manage", "subscriptions.unsubscribe"


def make(purpose, subscriber, subscriptions=()):
    payload = {"s": subscriber.key}
    if subscriptions:
        payload["l"] = sorted(subscription.pk for subscription in subscriptions)
    return signing.dumps(payload, salt=purpose, compress=True)


def read(purpose, token):
    """Return the payload of a valid token, or None (forged, damaged or, for a confirmation, too old)."""
    max_age = settings.ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS * 86400 if purpose == CONFIRM else None
    try:
        payload = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("s"), str) else None
