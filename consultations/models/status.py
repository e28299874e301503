"""The state of a consultation (征求意见), computed from the server's clock and the data, never typed.

未开始 before it opens; 征求中 from its opening time until (excluding) its closing time; after that
已形成正式文件 once the final document linked to it is published, else 已反馈 once its feedback report
(意见采纳情况反馈) is published, else 已截止·意见整理中. ``ConsultationPage.status_at`` states the rule for one
page, ``ConsultationPageQuerySet.with_status`` the same in SQL; a test holds them together.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    OPEN = "open", _("征求中")
    CLOSED = "closed", _("已截止·意见整理中")
    ANSWERED = "answered", _("已反馈")
    ADOPTED = "adopted", _("已形成正式文件")


def derive_status(now, opens_at, closes_at, report_published, final_document_published):
    """Return the Status at `now` of a consultation with these times and outcomes."""
    if now < opens_at:
        return Status.NOT_STARTED
    if now < closes_at:
        return Status.OPEN
    if final_document_published:
        return Status.ADOPTED
    if report_published:
        return Status.ANSWERED
    return Status.CLOSED
