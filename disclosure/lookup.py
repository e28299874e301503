"""Finding a request by its number and secret code, with the attempts limited.

A wrong code and an unknown number get the same answer and take the same time (a hash is checked either way),
so nothing tells a guesser that a number exists. Every attempt counts against the client and against the number
(cms.security's counters, ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS), so neither one address nor many addresses can try
codes for long; an applicant looking at their request now and then never meets the limit.

Numbers follow each other (YSQ-2026-0012), so anyone could spend a number's attempts and lock its applicant out.
The browser the request was sent or opened from keeps a signed cookie naming it (a "device cookie", as OWASP
advises against such lockouts): there, the number's count does not apply, only the client's own.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.urls import reverse

from cms.security.clients import client_ip
from cms.security.rate_limit import hit

from .models import DisclosureRequest

_DUMMY_HASH = make_password("never a code")


OPENED_COOKIE = "zhengce_ysq"
OPENED_SALT = "disclosure.opened"
OPENED_AGE = 2 * 365 * 24 * 3600  # as long as a request and its remedies (复议, 诉讼) may run
OPENED_MAX = 20  # numbers a browser keeps: the latest ones


def opened_here(request):
    """The numbers of the requests this browser sent or opened with their code."""
    value = request.get_signed_cookie(OPENED_COOKIE, default="", salt=OPENED_SALT, max_age=OPENED_AGE)
    return [number for number in value.split(",") if number]


def remember_opened(request, response, number):
    numbers = [number] + [n for n in opened_here(request) if n != number]
    response.set_signed_cookie(
        OPENED_COOKIE,
        ",".join(numbers[:OPENED_MAX]),
        salt=OPENED_SALT,
        max_age=OPENED_AGE,
        path=reverse("disclosure_apply"),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def find_with_code(request, number, code):
    """Return (the request, 0) when `code` opens `number`; (None, 0) when not; (None, seconds) when over the limit."""
    limit, window = settings.ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS
    wait = hit("disclosure-status-client", client_ip(request), limit, window)
    if number not in opened_here(request):
        wait = max(wait, hit("disclosure-status-number", number, limit, window))
    if wait:
        return None, wait
    item = DisclosureRequest.objects.filter(number=number).first()
    if item is None:
        check_password(code, _DUMMY_HASH)  # the same work as a wrong code
        return None, 0
    return (item, 0) if item.check_secret_code(code) else (None, 0)
