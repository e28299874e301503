"""Which address a request comes from, for rate limits and the sign-in throttle."""

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
