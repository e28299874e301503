"""Daily reminders to the staff (`manage.py send_disclosure_reminders`): requests due within 5 working days or
overdue, and 补正 notices or fee notices whose period has passed without an answer from the applicant.

Each goes to the members of the request's division (core.ownership) and to the office, at most once per request and
day (``RequestMail``'s unique constraint, through core.reminders, the machinery the consultations' reminders use).
Days are working days on the holiday list (core.workdays, through disclosure/clock.py and dashboard.py).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ownership import division_members
from core.reminders import send_once
from core.workdays import load_holidays

from . import dashboard
from .access import MANAGE
from .models import DisclosureRequest, MailKind, RequestMail, State
from .models.mail import REMINDER_KINDS


@dataclass
class Due:
    request: DisclosureRequest
    clock: object
    kind: str
    day: object  # the date the reminder is about: the deadline, or the applicant's period that passed


def office_users():
    """The active users the office role's permission is granted to (directly or by a group)."""
    app_label, codename = MANAGE.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True)
        .distinct()
    )


def due_reminders(today=None):
    """Return the reminders due `today` that were not sent today yet."""
    today = today or timezone.localdate()
    holidays = load_holidays(start=today)
    sent = set(RequestMail.objects.filter(sent_on=today, kind__in=REMINDER_KINDS).values_list("request_id", flat=True))
    due = []
    for request, clock in dashboard.open_requests_with_deadlines(DisclosureRequest.objects.all(), today):
        if request.pk in sent:
            continue
        bucket = dashboard.bucket_of(request, clock, today, holidays)
        if bucket == dashboard.OVERDUE:
            due.append(Due(request, clock, MailKind.OVERDUE, clock.due))
        elif bucket == dashboard.DUE_SOON:
            due.append(Due(request, clock, MailKind.DUE_SOON, clock.due))
        elif request.state == State.AWAITING_CORRECTION and clock.correction_due and clock.correction_due < today:
            due.append(Due(request, clock, MailKind.CORRECTION_LAPSED, clock.correction_due))
        elif request.state == State.AWAITING_FEE and clock.fee_due and clock.fee_due < today:
            due.append(Due(request, clock, MailKind.FEE_LAPSED, clock.fee_due))
    return due


def message_for(item, today):
    request = item.request
    values = {
        "number": request.number,
        "division": request.division or _("（尚未分办）"),
        "state": request.get_state_display(),
        "day": item.day.strftime("%Y年%m月%d日"),
        "left": item.clock.days_left(today) if item.clock.due else "",
        "url": dashboard_url(request),
    }
    subjects = {
        MailKind.DUE_SOON: _("政府信息公开申请即将到期：%(number)s（%(day)s）"),
        MailKind.OVERDUE: _("政府信息公开申请已超期：%(number)s（应于%(day)s前答复）"),
        MailKind.CORRECTION_LAPSED: _("补正期限已过：%(number)s"),
        MailKind.FEE_LAPSED: _("缴费期限已过：%(number)s"),
    }
    texts = {
        MailKind.DUE_SOON: _("答复期限为%(day)s，还剩%(left)s个工作日（第三十三条）。请按期答复，或在期限内办理延期。"),
        MailKind.OVERDUE: _("答复期限%(day)s已过，尚未答复。请尽快答复并在系统中记录。"),
        MailKind.CORRECTION_LAPSED: _(
            "补正通知给出的期限%(day)s已过，尚未收到补正。申请人无正当理由逾期不补正的，视为放弃申请（第三十条）："
            "请核实后以“其他处理——申请人逾期不补正”办结，或记录收到补正。"
        ),
        MailKind.FEE_LAPSED: _(
            "收费通知给出的缴费期限%(day)s已过，尚未收到缴费。逾期未缴纳的视为放弃申请（国办函〔2020〕109号第七条）："
            "请核实后以“其他处理——逾期未缴纳费用”办结，或记录收到缴费。"
        ),
    }
    body = (
        _("申请编号：%(number)s\n承办处室：%(division)s\n状态：%(state)s\n\n")
        + texts[item.kind]
        + _("\n\n办理页面：%(url)s\n\n（本邮件由系统自动发送，每件申请每天最多提醒一次，请勿回复。）")
    ) % values
    return subjects[item.kind] % values, body


def dashboard_url(request):
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_admin_detail", args=[request.pk])


def recipients(request):
    users = list(office_users())
    if request.division_id:
        users += list(division_members(request.division))
    return sorted({user.email for user in users if user.email})


def send_reminder(item, today=None):
    """Send `item` to the division and the office and record it; return the addresses ([] when none, or when
    another run sent this request's reminder today). A mail server's failure propagates, recording nothing."""
    today = today or timezone.localdate()
    addresses = recipients(item.request)
    if not addresses:
        return []
    subject, body = message_for(item, today)
    record = RequestMail(request=item.request, kind=item.kind, sent_on=today, recipients=", ".join(addresses))
    record.sent_at = timezone.now()
    return addresses if send_once(record, subject, body, addresses) else []
