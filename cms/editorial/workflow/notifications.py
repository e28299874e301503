"""E-mails of the review: each approver hears when something waits for them, the submitter when it is sent back.

Only the people who may act on the step are written to (the role, the division for the head's step, and
never the submitter or the last editor); a user who turned the notification off in their Wagtail account
settings ("submitted" / "rejected" notifications) is left out. Mail goes out when the transaction
commits, so a rolled-back action sends nothing; a failing mail server is logged, never fatal.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from ..models.tasks import ReviewTask

logger = logging.getLogger(__name__)


def admin_edit_url(page):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])


def display_name(user):
    if user is None:
        return _("（未知）")
    return user.get_full_name() or user.get_username()


def _wants(user, notification):
    return bool(user.email) and getattr(UserProfile.get_for_user(user), f"{notification}_notifications", True)


def approvers_for(task_state):
    """Return the users who may act on `task_state` now, in username order."""
    task = task_state.task.specific
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    if not isinstance(task, ReviewTask) or page is None:
        return []
    candidates = (
        get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).distinct().order_by("username")
    )
    return [user for user in candidates if task.can_review(page, user, workflow_state)]


def _send_later(messages):
    """Send [(subject, body, address)] when the current transaction commits."""
    if not messages:
        return
    from_email = getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL

    def send():
        for subject, body, address in messages:
            try:
                send_mail(subject, body, from_email, [address])
            except Exception:
                logger.exception("Failed to send review notification %r to %s", subject, address)

    transaction.on_commit(send)


def notify_task_started(task_state):
    """Write to each approver of the step `task_state` has just started."""
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    title = page.get_admin_display_title()
    step = task_state.task.name
    url = admin_edit_url(page)
    messages = []
    for user in approvers_for(task_state):
        if not _wants(user, "submitted"):
            continue
        subject = _("待审核：《%(title)s》（%(step)s）") % {"title": title, "step": step}
        body = _(
            "%(name)s：\n\n"
            "《%(title)s》（%(type)s）等待您审核，审核步骤：%(step)s。\n"
            "提交人：%(submitter)s\n\n"
            "请登录后台审核：%(url)s\n\n"
            "（本邮件由系统自动发送，请勿回复。）"
        ) % {
            "name": display_name(user),
            "title": title,
            "type": page.specific_class._meta.verbose_name,
            "step": step,
            "submitter": display_name(workflow_state.requested_by),
            "url": url,
        }
        messages.append((subject, body, user.email))
    _send_later(messages)
    return [address for _subject, _body, address in messages]


def notify_rejected(workflow_state, user=None):
    """Write to the submitter of `workflow_state` that it was sent back, with the reviewer's comment."""
    submitter = workflow_state.requested_by
    task_state = workflow_state.current_task_state
    if submitter is None or task_state is None or not _wants(submitter, "rejected"):
        return []
    page = workflow_state.content_object
    title = page.get_admin_display_title()
    subject = _("已退回修改：《%(title)s》（%(step)s）") % {"title": title, "step": task_state.task.name}
    body = _(
        "%(name)s：\n\n"
        "您提交的《%(title)s》在“%(step)s”一步被退回修改。\n"
        "审核人：%(reviewer)s\n"
        "退回意见：%(comment)s\n\n"
        "请修改后重新提交审核（将从第一步重新开始）：%(url)s\n\n"
        "（本邮件由系统自动发送，请勿回复。）"
    ) % {
        "name": display_name(submitter),
        "title": title,
        "step": task_state.task.name,
        "reviewer": display_name(task_state.finished_by or user),
        "comment": task_state.comment,
        "url": admin_edit_url(page),
    }
    _send_later([(subject, body, submitter.email)])
    return [submitter.email]
