"""Sign-in throttling: repeated failures lock an account name and an address for a while (Django's cache)."""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from .clients import client_ip

logger = logging.getLogger(__name__)


def now():
    """Return the current time in seconds; tests move it forward."""
    return time.time()


def _limits():
    """Return (max failures, window seconds, lockout seconds), or None when throttling is off."""
    failures = getattr(settings, "ZHENGCE_LOGIN_MAX_FAILURES", None)
    if not failures:
        return None
    return failures, settings.ZHENGCE_LOGIN_FAILURE_WINDOW, settings.ZHENGCE_LOGIN_LOCKOUT


def _keys(request, username):
    """Return the cache keys of the account name and of the address a sign-in comes from."""
    keys = []
    if username:
        # Hashed so that any user input makes a valid key; lower-cased so that changing case gains nothing.
        digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        keys.append(f"zhengce:login:user:{digest}")
    if request is not None:
        keys.append(f"zhengce:login:ip:{client_ip(request)}")
    return keys


def locked_until(request, username):
    """Return the time until which this account name or address is locked, or 0 when it may sign in."""
    if not _limits():
        return 0
    current = now()
    until = max((cache.get(key, {}).get("locked_until", 0) for key in _keys(request, username)), default=0)
    return until if until > current else 0


def record_failure(request, username):
    """Count a failed sign-in against the account name and the address; lock those that reach the limit."""
    limits = _limits()
    if not limits or locked_until(request, username):
        return
    max_failures, window, lockout = limits
    current = now()
    for key in _keys(request, username):
        state = cache.get(key, {})
        failures = [moment for moment in state.get("failures", []) if moment > current - window] + [current]
        state = {"failures": failures, "locked_until": state.get("locked_until", 0)}
        if len(failures) >= max_failures:
            state = {"failures": [], "locked_until": current + lockout}
            logger.warning(
                "Sign-in locked for %s seconds after %s failures: %s (account %r, address %s)",
                lockout,
                len(failures),
                key.split(":")[2],
                username,
                client_ip(request) if request is not None else "-",
            )
        cache.set(key, state, timeout=int(window + lockout))


def refused(request, username):
    """Log a sign-in refused because of a lock."""
    logger.warning(
        "Sign-in refused while locked: account %r, address %s",
        username,
        client_ip(request) if request is not None else "-",
    )


@receiver(user_login_failed, dispatch_uid="zhengce_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    record_failure(request, credentials.get("username", ""))


@receiver(user_logged_in, dispatch_uid="zhengce_logged_in")
def _logged_in(sender, request, user, **kwargs):
    # A successful sign-in forgives the account's earlier typos, but not the address's.
    if _limits():
        cache.delete(_keys(None, user.get_username())[0])
