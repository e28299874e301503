"""Sign-in throttling with django-axes: what this site adds to it (settings in cms/settings/base.py).

Failures lock the address they come from (and the pair of address and user name), never a user name by itself.
A sign-in refused for a lock says so, for how long and who can lift it, whatever the password was; every lock
and every unlock goes into Wagtail's audit log (Reports → 站点历史).
"""

import logging
import math
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.core.exceptions import NON_FIELD_ERRORS
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log

from .clients import client_ip_address
from .models import LOCK_ACTION, UNLOCK_ACTION, LoginAttempt

logger = logging.getLogger(__name__)

# The code of the sign-in form's error for a locked address.
LOCKED = "locked"


class LoginAttemptHandler(AxesDatabaseHandler):
    """axes' database handler, except that a sign-in forgives only its own user name's failures at its address."""

    def reset_user_attempts(self, request, credentials=None):
        # axes resets every lockout parameter, the bare address included: signing in to one's own account
        # would wipe the failures of every other name tried from the same address.
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, username=get_client_username(request, credentials)
        )
        count, _deleted = attempts.delete()
        return count


def _address(request):
    return getattr(request, "axes_ip_address", None) or client_ip_address(request)


def lock_message(request):
    """Return the sign-in page's explanation of the lock on the request's address."""
    until = LoginAttempt.objects.locked_until(_address(request))
    remaining = until - timezone.now() if until else get_cool_off()
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return _(
        "登录失败次数过多，您所在的网络地址已被锁定，请 %(minutes)s 分钟后再试。"
        "如需提前解除，请联系系统管理员在管理后台“设置 → 登录锁定”中解除。"
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Answer a sign-in that axes refused or has just locked (AXES_LOCKOUT_CALLABLE), with 429.

    Wagtail's sign-in form already shows the lock in the page; other sign-in pages (the Django admin) get a
    page of their own. Neither depends on the password, so a locked request cannot tell whether it was right.
    """
    form = (getattr(original_response, "context_data", None) or {}).get("form")
    if form is not None and form.has_error(NON_FIELD_ERRORS, code=LOCKED):
        original_response.status_code = 429
        return original_response
    return render(request, "security/locked_out.html", {"message": lock_message(request)}, status=429)


@receiver(user_locked_out, dispatch_uid="zhengce_login_locked")
def _record_lock(sender, request, username, ip_address, **kwargs):
    if getattr(request, "axes_failures_since_start", None) is None:
        # axes also sends the signal for each attempt it refuses while locked, without counting it: that lock
        # is already in the audit log.
        logger.warning("Sign-in refused while locked: address %s", ip_address)
        return
    attempt = LoginAttempt.objects.filter(
        ip_address=ip_address, username=username, user_agent=request.axes_user_agent
    ).first()
    if attempt is None:
        return
    until = LoginAttempt.objects.locked_until(ip_address)
    data = attempt.log_data(
        address_failures=request.axes_failures_since_start, locked_until=until.isoformat() if until else None
    )
    log(attempt, LOCK_ACTION, data=data)


class LockFormatter(LogFormatter):
    label = gettext_lazy("登录锁定")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        until = data.get("locked_until")
        until = timezone.localtime(datetime.fromisoformat(until)).strftime("%Y-%m-%d %H:%M") if until else "-"
        return _("网络地址 %(ip)s 登录失败 %(failures)s 次（最后一次的用户名：%(username)s），锁定至 %(until)s") % {
            "ip": data.get("ip_address") or "-",
            "failures": data.get("address_failures", "-"),
            "username": data.get("username") or "-",
            "until": until,
        }


class UnlockFormatter(LogFormatter):
    label = gettext_lazy("解除登录锁定")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("解除锁定：清除网络地址 %(ip)s、用户名 %(username)s 的 %(failures)s 次登录失败") % {
            "ip": data.get("ip_address") or "-",
            "username": data.get("username") or "-",
            "failures": data.get("failures", "-"),
        }


def register_log_actions(registry):
    registry.register_action(LOCK_ACTION)(LockFormatter)
    registry.register_action(UNLOCK_ACTION)(UnlockFormatter)
