"""The public side: the application form (第二十九条) and the status page reached with the number and the code.

Neither is a Wagtail page nor cached: ZHENGCE_PAGE_CACHE_PRIVATE_PATHS lists /yishenqing/, so every answer is
`private, no-store` and carries this visitor's CSRF token and, on the confirmation, their secret code.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.security.clients import client_ip
from cms.security.rate_limit import hit

from .. import letter_files
from ..clock import deadline_of
from ..forms import ApplicationForm, StatusForm
from ..guide import guide_url
from ..lookup import find_with_code, remember_opened
from ..models import AlreadySubmitted, Channel, DisclosureRequest, Letter
from ..models.requests import code_for_submission
from ..receipts import receipt_after_commit


def _refused(request, template, form, wait):
    form.add_error(None, _("提交过于频繁，请 %(minutes)s 分钟后再试。") % {"minutes": max(1, wait // 60)})
    return render(request, template, {"form": form}, status=429)


def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submission = form.cleaned_data["submission"]
        if (earlier := DisclosureRequest.objects.sent_with(submission)) is not None:
            return _submitted(request, earlier, submission)
        limit, window = settings.ZHENGCE_DISCLOSURE_SUBMISSIONS
        wait = hit("disclosure-submit", client_ip(request), limit, window)
        if wait:
            return _refused(request, "disclosure/apply.html", form, wait)
        try:
            with transaction.atomic():
                item = form.save(commit=False)
                item.channel = Channel.ONLINE
                item.submitted_on = timezone.localdate()
                code = item.register(submission=submission)
                receipt_after_commit(item)
        except AlreadySubmitted as repost:
            return _submitted(request, repost.request, submission)
        return remember_opened(
            request, render(request, "disclosure/submitted.html", {"item": item, "code": code}), item.number
        )
    context = {"form": form, "guide_url": guide_url()}
    return render(request, "disclosure/apply.html", context, status=400 if form.errors else 200)


def _submitted(request, item, submission):
    """The same confirmation again for a form posted twice: the request of the first post, with its code."""
    context = {"item": item, "code": code_for_submission(submission)}
    return remember_opened(request, render(request, "disclosure/submitted.html", context), item.number)


def status(request):
    form = StatusForm(request.POST or None)
    item = None
    if request.method == "POST" and form.is_valid():
        item, wait = find_with_code(request, form.cleaned_data["number"], form.cleaned_data["code"])
        if wait:
            return _refused(request, "disclosure/status.html", form, wait)
        if item is None:
            form.add_error(None, _("申请编号或查询码不正确。"))
    if item is None:
        return render(request, "disclosure/status.html", {"form": form}, status=400 if form.errors else 200)
    events = list(item.events.all())
    response = render(
        request,
        "disclosure/status.html",
        {
            "item": item,
            "clock": deadline_of(item, events),
            "events": [e for e in events if e.kind in PUBLIC_EVENTS],
            "letters": _letter_links(item),
            "link_minutes": settings.ZHENGCE_DISCLOSURE_LETTER_LINK_AGE // 60,
        },
    )
    return remember_opened(request, response, item.number)


# The status page's download links carry a signed, short-lived token naming the letter: the code was checked to
# show the page, and the links work only for ZHENGCE_DISCLOSURE_LETTER_LINK_AGE (the page itself is never cached).
LETTER_SALT = "disclosure.letter"


def _letter_links(item):
    links = []
    for found in item.letters.select_related("event").order_by("created_at", "pk"):
        if found.for_applicant:
            links.append((found, signing.dumps([item.pk, found.pk], salt=LETTER_SALT)))
    return links


def letter(request, token, extension):
    try:
        request_pk, letter_pk = signing.loads(
            token, salt=LETTER_SALT, max_age=settings.ZHENGCE_DISCLOSURE_LETTER_LINK_AGE
        )
    except signing.BadSignature:  # SignatureExpired included
        return _no_letter(request, _("下载链接已失效，请重新输入申请编号和查询码查询后下载。"))
    found = Letter.objects.filter(pk=letter_pk, request_id=request_pk).select_related("request", "event").first()
    if found is None or not found.for_applicant:
        return _no_letter(request, _("没有找到这份告知书。"))
    log(
        instance=found.request,
        action="disclosure.letter_downloaded",
        user=None,
        data={"letter": found.pk, "format": extension, "by": "applicant"},
    )
    return letter_files.response(found, extension)


def _no_letter(request, message):
    return render(request, "disclosure/no_letter.html", {"message": message}, status=404)


# The steps an applicant is told of on the status page (no names of staff, no internal notes).
PUBLIC_EVENTS = {
    "registered",
    "confirmed",
    "correction_requested",
    "correction_received",
    "consult_third_party",
    "consult_agency",
    "consultation_ended",
    "extended",
    "reasons_requested",
    "reasons_received",
    "delay_set",
    "fee_notice",
    "fee_paid",
    "answered",
}
