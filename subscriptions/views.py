"""The public side: take a subscription (posted from a cached page, so no CSRF token: see below), confirm it,
manage or leave every subscription from the mails' signed links, and the businesses' form.

CSRF: the follow form sits on pages every visitor gets from the page cache, so it cannot carry a token, and the links
in the mails must work from any mail program (RFC 8058's one-click POST carries no cookie). What a forged post could
do is limited: subscribing sends only a confirmation mail (rate-limited per address and per client) and changes
nothing until the owner of the address confirms; the other posts need the signed token of the address's mail.
Every answer here is never cached.
"""

import logging
import smtplib

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.security.clients import client_ip

from . import lists, tokens
from .forms import BusinessForm, FollowForm
from .models import Frequency, Subscriber
from .subscribing import Refused, check_client, subscribe

logger = logging.getLogger(__name__)
TEMPLATE = "subscriptions/page.html"


def _page(request, state, status=200, **context):
    return render(request, TEMPLATE, {"state": state, **context}, status=status)


def _take(request, form, list_key, label):
    try:
        check_client(client_ip(request))
        subscribe(form.cleaned_data["email"], list_key, label, form.cleaned_data["frequency"])
    except Refused as refused:
        response = _page(request, "refused", refused.status, message=refused.message)
        if refused.wait:
            response.headers["Retry-After"] = str(refused.wait)
        return response
    except (smtplib.SMTPException, OSError):
        logger.exception("Confirmation mail not sent")
        message = _("确认邮件暂时无法发送，请稍后再试。")
        return _page(request, "refused", 503, message=message)
    return _page(request, "check_mail", email=form.cleaned_data["email"], label=label)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    """The follow form's target; a GET (a link, a form without the address) shows the form alone."""
    form = FollowForm(request.POST if request.method == "POST" else None, initial={"list": request.GET.get("list", "")})
    list_key = lists.normalise((request.POST if request.method == "POST" else request.GET).get("list", ""))
    label = lists.describe(list_key)
    if label is None:
        return _page(request, "refused", 404, message=_("无法订阅：所订阅的内容不存在或已不再公开。"))
    if request.method != "POST":
        return _page(request, "form", form=form, label=label)
    if not form.is_valid():
        return _page(request, "form", 400, form=form, label=label)
    if form.is_robot():
        return _page(request, "refused", 400, message=_("提交未能完成，请刷新页面后重新填写。"))
    return _take(request, form, list_key, label)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def business(request):
    """涉企精准推送: a business follows the 涉企 documents and Q&As of its industries and regions."""
    industries, regions = lists.business_choices()
    data = request.POST if request.method == "POST" else None
    form = BusinessForm(data, industries=industries, regions=regions)
    if request.method != "POST":
        return _page(request, "business", form=form)
    if not form.is_valid():
        return _page(request, "business", 400, form=form)
    if form.is_robot():
        return _page(request, "refused", 400, message=_("提交未能完成，请刷新页面后重新填写。"))
    list_key = lists.business_key(form.cleaned_data["industries"], form.cleaned_data["regions"])
    return _take(request, form, list_key, lists.describe(list_key))


def _subscriber(purpose, token):
    payload = tokens.read(purpose, token)
    subscriber = Subscriber.objects.filter(key=payload["s"]).first() if payload else None
    return subscriber, payload


def _bad_link(request):
    message = _("链接无效或已过期。如需订阅，请在网站上重新订阅；如需退订，请使用最近一封邮件中的链接。")
    return _page(request, "refused", 404, message=message)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The confirmation link: a page with a button (a mail scanner opening links confirms nothing), then done."""
    subscriber, _payload = _subscriber(tokens.CONFIRM, token)
    if subscriber is None:
        return _bad_link(request)
    if request.method != "POST":
        pending = subscriber.subscriptions.filter(confirmed_at__isnull=True)
        return _page(request, "confirm", subscriptions=pending or subscriber.subscriptions.all())
    subscriber.confirm()
    return _page(request, "confirmed", manage_token=tokens.make(tokens.MANAGE, subscriber))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The mails' unsubscribe link and RFC 8058's one-click POST (List-Unsubscribe=One-Click): no sign-in."""
    subscriber, payload = _subscriber(tokens.UNSUBSCRIBE, token)
    if subscriber is None:
        # Already deleted everything, or a forged link: there is nothing to unsubscribe either way.
        return _page(request, "unsubscribed", subscriptions=[])
    chosen = subscriber.subscriptions.filter(pk__in=payload.get("l", []))
    if request.method != "POST":
        return _page(request, "unsubscribe", subscriptions=chosen)
    labels = [subscription.label for subscription in chosen]
    chosen.delete()
    return _page(request, "unsubscribed", subscriptions=labels, manage_token=tokens.make(tokens.MANAGE, subscriber))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """Every subscription of an address: its frequency, leaving one, deleting everything about the address."""
    subscriber, _payload = _subscriber(tokens.MANAGE, token)
    if subscriber is None:
        return _bad_link(request)
    message = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "delete_all":
            subscriber.delete()
            return _page(request, "deleted")
        subscriptions = {str(s.pk): s for s in subscriber.subscriptions.all()}
        if action.startswith("delete:") and action[7:] in subscriptions:
            subscriptions[action[7:]].delete()
            message = _("已退订“%(label)s”。") % {"label": subscriptions[action[7:]].label}
        elif action == "save":
            for pk, subscription in subscriptions.items():
                frequency = request.POST.get(f"frequency-{pk}")
                if frequency in Frequency.values and frequency != subscription.frequency:
                    subscription.frequency = frequency
                    subscription.save(update_fields=["frequency"])
            message = _("已保存发送频率，自下一条消息起生效。")
    return _page(
        request,
        "manage",
        subscriber=subscriber,
        subscriptions=subscriber.subscriptions.order_by("created_at"),
        frequencies=Frequency.choices,
        message=message,
        today=timezone.localdate(),
    )
