"""Reminders to a consultation's drafting division: N working days before the close, and before the feedback
deadline (ZHENGCE_CONSULTATION_REMIND_BEFORE_CLOSE / _BEFORE_FEEDBACK, counted on the holiday calendar,
core.workdays). Each is sent once per due date (``ReminderSent``): run the command as often as you like; moving the
closing time or the deadline makes the reminder due again for the new date.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ownership import division_members
from core.reminders import send_once
from core.workdays import add_workdays, load_holidays

from .models import ConsultationPage, FeedbackReportPage, ReminderKind, ReminderSent

logger = logging.getLogger(__name__)


@dataclass
class Due:
    consultation: ConsultationPage
    kind: str
    due_on: object  # the date the division must act by


def due_reminders(now=None):
    """Return the reminders due at `now` that were not sent yet."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    holidays = load_holidays()
    before_close = settings.ZHENGCE_CONSULTATION_REMIND_BEFORE_CLOSE
    before_feedback = settings.ZHENGCE_CONSULTATION_REMIND_BEFORE_FEEDBACK
    sent = set(ReminderSent.objects.values_list("consultation_id", "kind", "due_on"))
    published = ConsultationPage.objects.published().select_related("division")
    reported = set(FeedbackReportPage.objects.published().values_list("consultation_id", flat=True))
    due = []
    for consultation in published.open_now(now):
        closes_on = timezone.localdate(consultation.closes_at)
        if today >= add_workdays(closes_on, -before_close, holidays):
            due.append(Due(consultation, ReminderKind.CLOSING, closes_on))
    for consultation in published.closed(now).exclude(pk__in=reported):
        deadline = consultation.feedback_due()
        if add_workdays(deadline, -before_feedback, holidays) <= today <= deadline:
            due.append(Due(consultation, ReminderKind.FEEDBACK, deadline))
    return [item for item in due if (item.consultation.pk, item.kind, item.due_on) not in sent]


def message_for(item):
    consultation = item.consultation
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    unanswered = consultation.comments.unanswered().count()
    values = {
        "title": consultation.title,
        "division": consultation.division_name,
        "closes": timezone.localtime(consultation.closes_at).strftime("%Y年%m月%d日 %H:%M"),
        "due": item.due_on.strftime("%Y年%m月%d日"),
        "count": consultation.comments.count(),
        "unanswered": unanswered,
        "comments_url": url + reverse("consultation_comments:index") + f"?consultation={consultation.pk}",
        "page_url": url + reverse("wagtailadmin_pages:edit", args=[consultation.pk]),
    }
    if item.kind == ReminderKind.CLOSING:
        subject = _("征求意见即将截止：《%(title)s》") % values
        body = _(
            "%(division)s：\n\n《%(title)s》将于%(closes)s截止征求意见，目前已收到意见 %(count)s 条。\n"
            "截止后请逐条答复，并在%(due)s前后提交意见采纳情况反馈。\n\n"
            "查看意见：%(comments_url)s\n征求意见页面：%(page_url)s\n\n（本邮件由系统自动发送，请勿回复。）"
        ) % {**values, "due": consultation.feedback_due().strftime("%Y年%m月%d日")}
    else:
        subject = _("意见采纳情况反馈将到期：《%(title)s》") % values
        body = (
            _(
                "%(division)s：\n\n《%(title)s》的意见采纳情况反馈应于%(due)s前公布。"
                "共收到意见 %(count)s 条，尚有 %(unanswered)s 条未答复。\n"
                "请尽快答复全部意见，并在征求意见页面下添加“意见采纳情况反馈”提交审核。\n\n"
                "答复意见：%(comments_url)s\n征求意见页面：%(page_url)s\n\n（本邮件由系统自动发送，请勿回复。）"
            )
            % values
        )
    return subject, body


def send_reminder(item):
    """Send `item` to its division and record it, once; return the addresses written to ([] when there are none or
    it was just sent by another run). A mail server's failure propagates, recording nothing."""
    addresses = sorted({user.email for user in division_members(item.consultation.division) if user.email})
    if not addresses:
        logger.warning("No address for the reminder of consultation %s (%s)", item.consultation.pk, item.kind)
        return []
    subject, body = message_for(item)
    record = ReminderSent(
        consultation=item.consultation, kind=item.kind, due_on=item.due_on, recipients=", ".join(addresses)
    )
    return addresses if send_once(record, subject, body, addresses) else []
