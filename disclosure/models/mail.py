"""The e-mails sent about a request: the applicant's receipt, and the staff's daily reminders.

A staff member's reminders of a day go in one e-mail, a ``ReminderDigest``: recorded in the transaction that sends
it, under a unique constraint per address and day, so an address gets at most one a day however often (or however
many at once) the command runs. Each request it listed gets a ``RequestMail`` row tied to it (kind, day, address),
so the request's own page still tells which reminder went out that day and to whom. A receipt that could not be sent
is recorded with the error, for the office to reach the applicant another way (the request itself is never
affected).
"""

from dataclasses import dataclass

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


class ReminderDigest(models.Model):
    """One address's reminder e-mail of one day, listing every request due for it (disclosure/reminders.py).

    A record apart from the requests' rows because the claim is per address and day, while an e-mail lists many
    requests and a request is in the e-mails of several addresses (the office's and its division's).
    """

    address = models.EmailField(_("收件人"))
    sent_on = models.DateField(_("日期"))
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        verbose_name = _("每日提醒邮件")
        verbose_name_plural = _("每日提醒邮件")
        constraints = [models.UniqueConstraint(fields=["address", "sent_on"], name="disclosure_digest_once_a_day")]

    def __str__(self):
        return f"{self.sent_on} {self.address}"


@dataclass
class MailLine:
    """A line of a request's mail history: a receipt, or the reminders of one kind and day with all recipients."""

    sent_on: object
    kind: str
    recipients: list
    error: str = ""

    @property
    def label(self):
        return MailKind(self.kind).label

    @property
    def failed(self):
        return bool(self.error)

    @property
    def to_staff(self):
        return self.kind in REMINDER_KINDS


class RequestMailQuerySet(models.QuerySet):
    def history(self):
        """Return the mails as MailLines in the order sent, a day's reminders of one kind on one line."""
        lines, reminders = [], {}
        for mail in self:
            if mail.kind not in REMINDER_KINDS:
                lines.append(MailLine(mail.sent_on, mail.kind, [mail.recipients], mail.error))
            elif (mail.sent_on, mail.kind) in reminders:
                reminders[mail.sent_on, mail.kind].recipients.append(mail.recipients)
            else:
                reminders[mail.sent_on, mail.kind] = line = MailLine(mail.sent_on, mail.kind, [mail.recipients])
                lines.append(line)
        return lines


class RequestMail(models.Model):
    request = models.ForeignKey("disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(_("邮件"), max_length=20, choices=MailKind.choices)
    sent_on = models.DateField(_("日期"), default=timezone.localdate)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)  # blank: it failed
    # The applicant's address for a receipt; for a reminder, its digest's (one address a row).
    recipients = models.TextField(_("收件人"), blank=True)
    error = models.TextField(_("发送失败原因"), blank=True)
    digest = models.ForeignKey(
        ReminderDigest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mails",
        verbose_name=_("提醒邮件"),
    )

    objects = RequestMailQuerySet.as_manager()

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("邮件记录")
        verbose_name_plural = _("邮件记录")
        constraints = [models.UniqueConstraint(fields=["digest", "request"], name="disclosure_reminder_once_a_digest")]

    def __str__(self):
        return f"{self.sent_on} {self.get_kind_display()}"

    @property
    def failed(self):
        return bool(self.error)
