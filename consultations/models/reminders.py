"""Reminders sent to a consultation's division, recorded so that each is sent once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    CLOSING = "closing", _("征求意见即将截止")
    FEEDBACK = "feedback", _("反馈期限将到")


class ReminderSent(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(_("提醒"), max_length=20, choices=ReminderKind.choices)
    # The date the reminder was for: moving the closing time or the deadline makes a new reminder due.
    due_on = models.DateField(_("到期日"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.TextField(_("收件人"), blank=True)

    class Meta:
        verbose_name = _("征求意见提醒")
        verbose_name_plural = _("征求意见提醒")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind", "due_on"], name="consultation_reminder_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"
