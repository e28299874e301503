"""`python manage.py send_subscriptions`: the subscriptions' worker, run every few minutes by a timer (README,
Deployment). It records what time alone made happen (expiries), queues each new event for its followers, and sends
what is due (notices now, digests at their hour), retrying after a mail server's failure with back-off. Safe to
run again or twice at once: a message goes once to an address (sending.py)."""

from django.core.management.base import BaseCommand

from ...fanout import fan_out
from ...sending import send_due
from ...triggers import record_timed


class Command(BaseCommand):
    help = "发送邮件订阅：记录到期事件，分发给订阅者，发送到期的提醒和汇总邮件（失败的稍后重试）。"

    def handle(self, *args, **options):
        timed = record_timed()
        queued = fan_out()
        sent, down = send_due()
        self.stdout.write(f"新事件 {timed} 件（到期失效）；排队 {queued} 封；发送 {sent} 封。")
        if down:
            self.stderr.write("邮件服务器暂时不可用，未发送的邮件将在下次运行时重试。")
