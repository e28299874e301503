"""`python manage.py send_consultation_reminders`: e-mail divisions whose consultation closes, or whose feedback is
due, within the configured working days. Run it daily (or more often) from a timer; each reminder goes out once."""

import logging

from django.core.management.base import BaseCommand

from ...reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = "向起草处室发送征求意见即将截止、意见采纳情况反馈将到期的提醒邮件；每条提醒只发送一次，可重复运行。"

    def handle(self, *args, **options):
        sent = failed = 0
        for item in due_reminders():
            label = f"《{item.consultation.title}》{item.kind.label}（{item.due_on}）"
            try:
                addresses = send_reminder(item)
            except Exception as error:  # the mail server: the next run tries again
                logging.getLogger(__name__).exception("Reminder not sent: %s", label)
                self.stderr.write(f"发送失败（下次运行时重试）：{label}：{error}")
                failed += 1
                continue
            if addresses:
                sent += 1
                self.stdout.write(f"已发送：{label} → {', '.join(addresses)}")
            else:
                self.stdout.write(self.style.WARNING(f"未发送：{label}，该处室没有填写电子邮箱的用户"))
        self.stdout.write(self.style.SUCCESS(f"完成，发送提醒 {sent} 条，失败 {failed} 条。"))
