"""The staff's side: the addresses (the office only: permission subscriptions.view_subscriber) and the counts per
list (the publicity center and the office: subscriptions.view_subscription_report), which name no address."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render

from .models import Delivery, Subscriber, Subscription

VIEW_ADDRESSES = "subscriptions.view_subscriber"
VIEW_REPORT = "subscriptions.view_subscription_report"


def addresses(request):
    if not request.user.has_perm(VIEW_ADDRESSES):
        raise PermissionDenied
    subscribers = Subscriber.objects.annotate(lists=Count("subscriptions")).order_by("-created_at")
    query = request.GET.get("q", "").strip()
    if query:
        subscribers = subscribers.filter(email__icontains=query)
    page = Paginator(subscribers, 50).get_page(request.GET.get("p"))
    return render(request, "subscriptions/admin/addresses.html", {"page_obj": page, "query": query})


def report(request):
    if not request.user.has_perm(VIEW_REPORT):
        raise PermissionDenied
    confirmed = Q(confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False)
    rows = (
        Subscription.objects.values("list_key", "label")
        .annotate(
            confirmed=Count("pk", filter=confirmed),
            immediate=Count("pk", filter=confirmed & Q(frequency="immediate")),
            digest=Count("pk", filter=confirmed & ~Q(frequency="immediate")),
            pending=Count("pk", filter=~confirmed),
        )
        .order_by("-confirmed", "label")
    )
    totals = {
        "addresses": Subscriber.objects.active().count(),
        "suspended": Subscriber.objects.filter(suspended_at__isnull=False).count(),
        "sent": Delivery.objects.filter(sent_at__isnull=False).count(),
        "waiting": Delivery.objects.pending().count(),
        "failed": Delivery.objects.filter(failed_at__isnull=False).count(),
    }
    return render(request, "subscriptions/admin/report.html", {"rows": rows, "totals": totals})
