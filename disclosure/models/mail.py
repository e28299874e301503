"""The e-mails sent about a request: the applicant's receipt, and the staff's reminders.

A reminder is recorded in the transaction that sends it, under a unique constraint, so a request gets at most one
reminder a day however often the command runs. A receipt that could not be sent is recorded with the error, for the
office to reach the applicant another way (the request itself is never affected).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailKind(models.TextChoices):
    RECEIPT = "receipt", _("申请回执")
    CONFIRMED = "confirmed", _("确认收到申请通知")
    DUE_SOON = "due_soon", _("即将到期提醒")
    OVERDUE = "overdue", _("超期提醒")
    CORRECTION_LAPSED = "correction_lapsed", _("补正期限已过提醒")
    FEE_LAPSED = "fee_lapsed", _("缴费期限已过提醒")


REMINDER_KINDS = (MailKind.DUE_SOON, MailKind.OVERDUE, MailKind.CORRECTION_LAPSED, MailKind.FEE_LAPSED)
TO_APPLICANT = (MailKind.RECEIPT, MailKind.CONFIRMED)


class RequestMail(models.Model):
    request = models.ForeignKey("disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("邮件"), max_length=20, choices=MailKind.choices)
    sent_on = models.DateField(_("日期"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)  # blank: it failed
    recipients = models.TextField(_("收件人"), blank=True)
    error = models.TextField(_("发送失败原因"), blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("邮件记录")
        verbose_name_plural = _("邮件记录")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "sent_on"],
                condition=models.Q(kind__in=[kind.value for kind in REMINDER_KINDS]),
                name="disclosure_reminder_once_a_day",
            )
        ]

    def __str__(self):
        return f"{self.sent_on} {self.get_kind_display()}"

    @property
    def failed(self):
        return bool(self.error)
