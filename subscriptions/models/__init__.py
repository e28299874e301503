"""Subscribers and what they follow (subscribers.py), and what happened and who is told (outbox.py)."""

from .outbox import Delivery, Event
from .subscribers import Frequency, Subscriber, Subscription

__all__ = ["Delivery", "Event", "Frequency", "Subscriber", "Subscription"]
