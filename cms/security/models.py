"""Failed sign-ins as django-axes records them, and the lock rules the sign-in page and the admin screen share."""

from dataclasses import dataclass, field
from datetime import datetime

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogContext, log

LOCK_ACTION = "security.login_lock"
UNLOCK_ACTION = "security.login_unlock"
UNLOCK_PERMISSION = "cms_security.unlock_loginattempt"


@dataclass
class AddressFailures:
    """The failures counted against one address: its rows (one per user name and browser) and their lock."""

    ip_address: str | None
    attempts: list = field(default_factory=list)
    locked_until: datetime | None = None

    @property
    def failures(self):
        return sum(attempt.failures_since_start for attempt in self.attempts)


def _lock_end(attempts):
    """Return when `attempts` (newest first) stop adding up to the failure limit, or None if they never do.

    axes counts a row's failures at the time of its latest one and forgets the whole row a cool-off later, so
    the lock lasts until the row that brings the newest rows' sum to the limit expires.
    """
    limit = get_failure_limit(None, None)
    total = 0
    for attempt in attempts:
        total += attempt.failures_since_start
        if total >= limit:
            return attempt.attempt_time + get_cool_off()
    return None


class LoginAttemptQuerySet(models.QuerySet):
    def current(self):
        """Return the rows axes still counts: failures within the cool-off (as its database handler reads them)."""
        return self.filter(attempt_time__gte=timezone.now() - get_cool_off())

    def locked_until(self, ip_address):
        """Return until when `ip_address` is locked, or None when it may sign in.

        The address lock covers the lock of any user name at that address, which counts only part of its rows.
        """
        return _lock_end(self.current().filter(ip_address=ip_address).order_by("-attempt_time"))

    def by_address(self):
        """Return the current failures grouped by address (AddressFailures), the most recent first."""
        groups = {}
        for attempt in self.current().order_by("-attempt_time", "username"):
            groups.setdefault(attempt.ip_address, AddressFailures(attempt.ip_address)).attempts.append(attempt)
        for group in groups.values():
            group.locked_until = _lock_end(group.attempts)
        return list(groups.values())

    def unlock(self, user):
        """Forgive these failures, which lifts the locks they make; each row is noted in the audit log."""
        with transaction.atomic(), LogContext(user=user):
            attempts = list(self.select_for_update())
            for attempt in attempts:
                log(attempt, UNLOCK_ACTION, user=user, data=attempt.log_data())
            self.model.objects.filter(pk__in=[attempt.pk for attempt in attempts]).delete()
        return len(attempts)


class LoginAttempt(AccessAttempt):
    """axes' record of failed sign-ins from one address with one user name (and browser).

    A proxy, so that the admin screen, its permission and the audit log have a model of this project with a
    Chinese name; axes itself reads and writes the same rows.
    """

    objects = LoginAttemptQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        default_permissions = ()
        permissions = [("unlock_loginattempt", _("可以查看并解除登录锁定"))]

    def __str__(self):
        return _("%(ip)s（用户名：%(username)s）") % {"ip": self.ip_address or "-", "username": self.username or "-"}

    def log_data(self, **extra):
        """Return what the audit log keeps of this row: the row itself disappears when it is forgiven."""
        return {
            "ip_address": self.ip_address,
            "username": self.username,
            "failures": self.failures_since_start,
            **extra,
        }
