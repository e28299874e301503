"""Finding a request by its number and secret code, with the attempts limited.

A wrong code and an unknown number get the same answer and take the same time (a hash is checked either way),
so nothing tells a guesser that a number exists. Every attempt counts against the client and against the number
(cms.security's counters, ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS), so neither one address nor many addresses can try
codes for long; an applicant looking at their request now and then never meets the limit.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password

from cms.security.clients import client_ip
from cms.security.rate_limit import hit

from .models import DisclosureRequest

_DUMMY_HASH = make_password("never a code")


def find_with_code(request, number, code):
    """Return (the request, 0) when `code` opens `number`; (None, 0) when not; (None, seconds) when over the limit."""
    limit, window = settings.ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS
    wait = max(
        hit("disclosure-status-client", client_ip(request), limit, window),
        hit("disclosure-status-number", number, limit, window),
    )
    if wait:
        return None, wait
    item = DisclosureRequest.objects.filter(number=number).first()
    if item is None:
        check_password(code, _DUMMY_HASH)  # the same work as a wrong code
        return None, 0
    return (item, 0) if item.check_secret_code(code) else (None, 0)
