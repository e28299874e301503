"""`python manage.py send_consultation_reminders`: e-mail divisions whose consultation closes, or whose feedback is
due, within the configured working days. Run it daily (or more often) from a timer; each reminder goes out once."""

from django.core.management.base import BaseCommand

from core.reminders import run_reminders

from ...reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = "向起草处室发送征求意见即将截止、意见采纳情况反馈将到期的提醒邮件；每条提醒只发送一次，可重复运行。"

    def handle(self, *args, **options):
        run_reminders(
            self,
            due_reminders(),
            send_reminder,
            lambda item: f"《{item.consultation.title}》{item.kind.label}（{item.due_on}）",
        )
