"""Daily reminders to the staff (`manage.py send_disclosure_reminders`): requests due within 5 working days or
overdue, and 补正 notices or fee notices whose period has passed without an answer from the applicant.

Each address gets at most one e-mail a day, a digest of every request due for it: the office's members all of
them, a division's members their division's; an address that is in several roles gets one. The digest is claimed
and recorded in the transaction that sends it (``ReminderDigest``'s unique address and day, through core.reminders,
the machinery the consultations' reminders use), with a ``RequestMail`` row per request it listed, which the
request's page shows. Days are working days on the holiday list (core.workdays, through disclosure/clock.py and
dashboard.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
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
from .models import DisclosureRequest, MailKind, ReminderDigest, RequestMail, State

# The digest's order: what is late first.
GROUPS = (MailKind.OVERDUE, MailKind.DUE_SOON, MailKind.CORRECTION_LAPSED, MailKind.FEE_LAPSED)


@dataclass
class Due:
    request: DisclosureRequest
    clock: object
    kind: str
    day: object  # the date the reminder is about: the deadline, or the applicant's period that passed


@dataclass
class Digest:
    """What one address (or, to report it, a user without one) is reminded of today."""

    address: str  # "" when there is none to write to
    name: str  # for the command's report
    items: dict = field(default_factory=dict)  # {request pk: Due}, in the order found
    person: bool = True  # False: a request nobody is there to remind of

    def by_kind(self):
        return {kind: [item for item in self.items.values() if item.kind == kind] for kind in GROUPS}


def groups():
    """{kind: (heading, short name for the subject, what the law says and what to do)}, in the digest's order."""
    return {
        MailKind.OVERDUE: (_("已超期"), _("超期"), _("答复期限已过，尚未答复。请尽快答复并在系统中记录。")),
        MailKind.DUE_SOON: (
            _("5个工作日内到期"),
            _("即将到期"),
            _("答复期限在5个工作日内（第三十三条）。请按期答复，或在期限内办理延期。"),
        ),
        MailKind.CORRECTION_LAPSED: (
            _("补正期限已过"),
            _("补正期限已过"),
            _(
                "补正通知给出的期限已过，尚未收到补正。申请人无正当理由逾期不补正的，视为放弃申请（第三十条）："
                "请核实后以“其他处理——申请人逾期不补正”办结，或记录收到补正。"
            ),
        ),
        MailKind.FEE_LAPSED: (
            _("缴费期限已过"),
            _("缴费期限已过"),
            _(
                "收费通知给出的缴费期限已过，尚未收到缴费。逾期未缴纳的视为放弃申请（国办函〔2020〕109号第七条）："
                "请核实后以“其他处理——逾期未缴纳费用”办结，或记录收到缴费。"
            ),
        ),
    }


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
    """Return the reminders due `today`, one per request, the soonest deadline first."""
    today = today or timezone.localdate()
    holidays = load_holidays(start=today)
    due = []
    for request, clock in dashboard.open_requests_with_deadlines(DisclosureRequest.objects.all(), today):
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


def due_digests(today=None):
    """Return the digests due `today`: one per address not written to today yet, and, so that the command reports
    them, one without an address for each user without e-mail and each request nobody is there to remind."""
    today = today or timezone.localdate()
    office = list(office_users())
    members = {}
    by_address, without_address = {}, {}
    for item in due_reminders(today):
        division = item.request.division
        if division is not None and division.pk not in members:
            members[division.pk] = list(division_members(division))
        users = office + members.get(item.request.division_id, [])
        if not users:
            without_address[f"request:{item.request.pk}"] = Digest(
                "", label_of_request(item), {item.request.pk: item}, person=False
            )
        for user in users:
            address = user.email.strip().lower()
            if address:
                digest = by_address.setdefault(address, Digest(address, address))
            else:
                digest = without_address.setdefault(f"user:{user.pk}", Digest("", _("用户 %s") % user.get_username()))
            digest.items.setdefault(item.request.pk, item)
    sent = set(ReminderDigest.objects.filter(sent_on=today).values_list("address", flat=True))
    return [digest for address, digest in by_address.items() if address not in sent] + list(without_address.values())


def label_of_request(item):
    return f"{item.request.number} {item.kind.label}（{item.day}）"


def counts(digest):
    found = groups()
    return "，".join(f"{found[kind][1]} {len(items)} 件" for kind, items in digest.by_kind().items() if items)


def label(digest):
    """The command's report line of `digest`."""
    if digest.person:
        numbers = ", ".join(item.request.number for items in digest.by_kind().values() for item in items)
        return _("%(name)s 的每日提醒（%(counts)s：%(numbers)s）") % {
            "name": digest.name,
            "counts": counts(digest),
            "numbers": numbers,
        }
    return digest.name


def message_for(digest, today):
    found = groups()
    lines = []
    for kind, items in digest.by_kind().items():
        if not items:
            continue
        heading, _short, text = found[kind]
        lines += ["", f"【{heading}】{len(items)} 件", text, ""]
        lines += [line_for(item, today) for item in items]
    subject = _("政府信息公开申请提醒：%s") % counts(digest)
    body = "\n".join(
        [_("截至%s，以下政府信息公开申请需要处理：") % today.strftime("%Y年%m月%d日"), *lines, ""]
        + [_("（本邮件由系统自动发送，每人每天最多一封，请勿回复。）")]
    )
    return subject, body


def line_for(item, today):
    request = item.request
    day_labels = {
        MailKind.OVERDUE: _("答复期限"),
        MailKind.DUE_SOON: _("答复期限"),
        MailKind.CORRECTION_LAPSED: _("补正期限"),
        MailKind.FEE_LAPSED: _("缴费期限"),
    }
    left = ""
    if item.kind == MailKind.DUE_SOON:
        left = _("，还剩%s个工作日") % item.clock.days_left(today)
    elif item.kind == MailKind.OVERDUE and item.clock.days_left(today) < 0:  # not on a weekend after the day
        left = _("，已超期%s个工作日") % -item.clock.days_left(today)
    values = {
        "number": request.number,
        "division": request.division or _("尚未分办"),
        "state": request.get_state_display(),
        "day_label": day_labels[item.kind],
        "day": item.day.strftime("%Y年%m月%d日"),
        "left": left,
        "url": detail_url(request),
    }
    return _("· %(number)s｜%(division)s｜%(state)s｜%(day_label)s%(day)s%(left)s\n  %(url)s") % values


def detail_url(request):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_admin_detail", args=[request.pk])


def send_digest(digest, today=None):
    """Send `digest` and record it with a row on each request it lists; return [its address], [] when there is
    none, None when another run sent this address its digest today. A mail server's failure propagates, recording
    nothing."""
    today = today or timezone.localdate()
    if not digest.address:
        return []
    subject, body = message_for(digest, today)
    now = timezone.now()

    def record():
        sent = ReminderDigest.objects.create(address=digest.address, sent_on=today, sent_at=now)
        RequestMail.objects.bulk_create(
            RequestMail(
                request=item.request, kind=item.kind, sent_on=today, sent_at=now, recipients=sent.address, digest=sent
            )
            for item in digest.items.values()
        )

    return [digest.address] if send_once(record, subject, body, [digest.address]) else None
