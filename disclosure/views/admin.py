"""The staff's views of the requests, in the Wagtail admin: each says who may use it, and the audit log hears of it.

A request a user may not see answers 404, as if it did not exist (disclosure/access.py).
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from .. import access, dashboard, letter_files, letters
from ..clock import deadline_of
from ..forms import RegistrationForm, ScanForm
from ..models import RequestAttachment, State
from ..workflow import STEPS, StepRefused, available_steps, record_view, take_step


def _visible(request, pk):
    return get_object_or_404(access.visible_requests(request.user), pk=pk)


def _require_any_part(user):
    if not access.may_use(user):
        raise PermissionDenied


def index(request):
    _require_any_part(request.user)
    requests = access.visible_requests(request.user)
    bucket = request.GET.get("bucket", "")
    state = request.GET.get("state", "")
    today = timezone.localdate()
    if bucket in dashboard.BUCKET_LABELS:
        rows = dashboard.buckets(requests, today)[bucket]
    else:
        if state in State.values:
            requests = requests.filter(state=state)
        rows = [(r, None) for r in requests.select_related("division")[:200]]
        open_rows = dict((r.pk, c) for r, c in dashboard.open_requests_with_deadlines(requests, today))
        rows = [(r, open_rows.get(r.pk)) for r, _none in rows]
    return render(
        request,
        "disclosure/admin/index.html",
        {
            "rows": rows,
            "bucket": bucket,
            "state": state,
            "states": State.choices,
            "buckets": dashboard.BUCKET_LABELS,
            "is_office": access.is_office(request.user),
            "today": today,
        },
    )


def detail(request, pk):
    disclosure_request = _visible(request, pk)
    record_view(request.user, disclosure_request)
    events = list(disclosure_request.events.select_related("division", "user"))
    steps = [
        (step, step.form(request_obj=disclosure_request, prefix=step.kind))
        for step in available_steps(request.user, disclosure_request)
    ]
    return render(
        request,
        "disclosure/admin/detail.html",
        {
            "item": disclosure_request,
            "clock": deadline_of(disclosure_request, events),
            "events": events,
            "steps": steps,
            "attachments": disclosure_request.attachments.all(),
            "letters": disclosure_request.letters.select_related("event"),
            "mails": disclosure_request.mails.history(),
            "scan_form": ScanForm() if access.is_handler(request.user, disclosure_request) else None,
            "today": timezone.localdate(),
        },
    )


@require_POST
def step(request, pk, kind):
    disclosure_request = _visible(request, pk)
    if kind not in STEPS:
        raise Http404
    form = STEPS[kind].form(request.POST, request_obj=disclosure_request, prefix=kind)
    if not form.is_valid():
        errors = "；".join(f"{_label(form, name)}{' '.join(found)}" for name, found in form.errors.items())
        messages.error(request, _("未保存：%(errors)s") % {"errors": errors})
        return redirect("disclosure_admin_detail", pk)
    try:
        take_step(request.user, disclosure_request, kind, form.cleaned_data)
    except StepRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("已记录：%(step)s") % {"step": STEPS[kind].label})
    return redirect("disclosure_admin_detail", pk)


def _label(form, name):
    return f"{form.fields[name].label}：" if name in form.fields else ""


def register(request):
    if not access.is_office(request.user):
        raise PermissionDenied
    form = RegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            item.register(user=request.user)
            if form.cleaned_data.get("scans"):
                RequestAttachment.objects.create(
                    request=item, file=form.cleaned_data["scans"], title=_("来件扫描件"), uploaded_by=request.user
                )
        messages.success(request, _("已登记申请 %(number)s。") % {"number": item.number})
        return redirect("disclosure_admin_detail", item.pk)
    return render(request, "disclosure/admin/register.html", {"form": form})


@require_POST
def add_scan(request, pk):
    disclosure_request = _visible(request, pk)
    if not access.is_handler(request.user, disclosure_request):
        raise PermissionDenied
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        scan = RequestAttachment.objects.create(
            request=disclosure_request,
            file=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            uploaded_by=request.user,
        )
        log(
            instance=disclosure_request, action="disclosure.scan_added", user=request.user, data={"attachment": scan.pk}
        )
        messages.success(request, _("已添加扫描件。"))
    else:
        errors = "；".join(f"{_label(form, name)}{' '.join(found)}" for name, found in form.errors.items())
        messages.error(request, _("未保存：%(errors)s") % {"errors": errors})
    return redirect("disclosure_admin_detail", pk)


def attachment(request, pk, attachment_pk):
    disclosure_request = _visible(request, pk)
    scan = get_object_or_404(disclosure_request.attachments, pk=attachment_pk)
    log(instance=disclosure_request, action="disclosure.viewed", user=request.user, data={"attachment": scan.pk})
    return FileResponse(scan.file.open("rb"), as_attachment=True, filename=scan.file.name.rsplit("/", 1)[-1])


CSV_COLUMNS = (
    ("申请编号", lambda r, c: r.number),
    ("申请人类型", lambda r, c: r.get_applicant_type_display()),
    ("组织类型", lambda r, c: r.get_organisation_type_display()),
    ("申请方式", lambda r, c: r.get_channel_display()),
    ("收到申请日期", lambda r, c: r.received_on or ""),
    ("状态", lambda r, c: r.get_state_display()),
    ("承办处室", lambda r, c: r.division or ""),
    ("答复期限", lambda r, c: (c.due if c else "") or ""),
    ("申请人", lambda r, c: r.name),
    ("联系电话", lambda r, c: r.phone),
    ("所需信息", lambda r, c: r.description),
)


def export(request):
    _require_any_part(request.user)
    requests = access.visible_requests(request.user).select_related("division").prefetch_related("events")
    clocks = dict((r.pk, c) for r, c in dashboard.open_requests_with_deadlines(requests))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="disclosure-{timezone.localdate()}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow([name for name, _value in CSV_COLUMNS])
    for item in requests.order_by("number"):
        writer.writerow([_csv_cell(value(item, clocks.get(item.pk))) for _name, value in CSV_COLUMNS])
        log(instance=item, action="disclosure.exported", user=request.user, data={})
    return response


def _csv_cell(value):
    # A cell starting with = + - @ would be run as a formula by a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def letter(request, pk, step, extension):
    """A letter of the request as PDF or DOCX, for whoever may see the request (written to the audit log)."""
    disclosure_request = _visible(request, pk)
    found = letters.letter_of(disclosure_request, step)
    if found is None:
        return render(
            request,
            "disclosure/admin/no_letter.html",
            {"item": disclosure_request, "message": letters.missing_message(step)},
            status=404,
        )
    log(
        instance=disclosure_request,
        action="disclosure.letter_downloaded",
        user=request.user,
        data={"letter": found.pk, "format": extension},
    )
    return letter_files.response(found, extension)
