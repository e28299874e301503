"""`python manage.py send_disclosure_reminders`: e-mail the assigned division and the office about requests due
within 5 working days, overdue, or whose 补正 or fee period passed. Run it daily from a timer; a request gets at
most one reminder a day, so running it again the same day sends nothing."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.reminders import run_reminders

from ...reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = (
        "向承办处室和办公室发送政府信息公开申请即将到期、已超期、补正或缴费期限已过的提醒邮件；每件申请每天最多一次。"
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        run_reminders(
            self,
            due_reminders(today),
            lambda item: send_reminder(item, today),
            lambda item: f"{item.request.number} {item.kind.label}（{item.day}）",
        )
