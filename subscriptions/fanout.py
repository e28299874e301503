"""Who is told of each event: the confirmed subscriptions of its lists, the businesses its tags match, and the
followed searches it is a new result of. One Delivery per (address, event); the most frequent delivery wins."""

import datetime
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from cms.search import service

from .lists import BUSINESS, SEARCH, business_tags, search_params, split
from .models import Delivery, Event, Frequency, Subscription
from .models.subscribers import due_time

# A followed search is run again for what was published this recently (the worker runs every few minutes).
SEARCH_LOOKBACK = datetime.timedelta(days=2)
_ORDER = {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}


def _queue(event, subscriptions, now):
    """Queue `event` for the subscribers of `subscriptions` (confirmed before it happened), once per address."""
    chosen = {}
    for subscription in sorted(subscriptions, key=lambda s: _ORDER[s.frequency]):
        if subscription.confirmed_at <= event.created_at:
            chosen.setdefault(subscription.subscriber_id, subscription)
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscriber_id=subscriber_id,
                event=event,
                subscription=subscription,
                frequency=subscription.frequency,
                due_at=due_time(subscription.frequency, now),
                next_attempt_at=now,
            )
            for subscriber_id, subscription in chosen.items()
        ],
        ignore_conflicts=True,  # already queued by another run: the unique constraint keeps one
    )
    return len(chosen)


def matches_business(event, list_key):
    if not event.business:
        return False
    industries, regions = business_tags(split(list_key)[1])
    page_industries, page_regions = (set(ids) for ids in event.business)
    # Chosen nothing means any; a document without regions concerns every region.
    industry_ok = not industries or bool(industries & page_industries)
    region_ok = not regions or not page_regions or bool(regions & page_regions)
    return industry_ok and region_ok


def fan_out(now=None):
    """Queue every event not yet fanned out; return the number of deliveries it asked for."""
    now = now or timezone.now()
    queued = 0
    for event in Event.objects.filter(fanned_out_at__isnull=True).order_by("pk"):
        with transaction.atomic():
            listed = list(Subscription.objects.delivered_to().filter(list_key__in=event.lists))
            if event.business:
                businesses = Subscription.objects.delivered_to().filter(list_key__startswith=f"{BUSINESS}:")
                listed += [s for s in businesses if matches_business(event, s.list_key)]
            queued += _queue(event, listed, now)
            Event.objects.filter(pk=event.pk).update(fanned_out_at=now)
    return queued + fan_out_searches(now)


def fan_out_searches(now):
    """Queue the recent publications that are results of a followed search (newest first, its first page)."""
    recent = {
        event.page_id: event
        for event in Event.objects.filter(key__startswith="published:", created_at__gte=now - SEARCH_LOOKBACK)
    }
    if not recent:
        return 0
    queued = 0
    followed = Subscription.objects.delivered_to().filter(list_key__startswith=f"{SEARCH}:")
    by_key = {}
    for subscription in followed:
        by_key.setdefault(subscription.list_key, []).append(subscription)
    for list_key, subscriptions in by_key.items():
        params = search_params(split(list_key)[1])
        results = service.search(replace(params, sort="newest"))
        for hit in results.hits:
            if hit.id in recent:
                queued += _queue(recent[hit.id], subscriptions, now)
    return queued
