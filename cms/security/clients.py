"""Which address a request comes from, for rate limits and sign-in throttling."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """Return the client's address: REMOTE_ADDR, or the one the nearest trusted proxy saw."""
    trusted = getattr(settings, "ZHENGCE_TRUSTED_PROXIES", 0)
    if trusted:
        # Each proxy appends the address it received the request from, so the entry `trusted` places from
        # the right was written by our own outermost proxy; anything further left is the client's own claim.
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_ip_address(request):
    """Return client_ip() as a valid IP address in its canonical form, or None (sign-in throttling's key).

    The throttle stores the address in an IP address column (PostgreSQL's inet), which refuses anything else:
    a server on a unix socket has no REMOTE_ADDR, and a misconfigured proxy count hands over the client's own
    claim. Such requests share the one None entry rather than fail; the canonical form gives each address one.
    """
    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None
