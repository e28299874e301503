"""`python manage.py send_disclosure_reminders`: e-mail the office and the assigned divisions about requests due
within 5 working days, overdue, or whose 补正 or fee period passed. Run it daily from a timer: each address gets at
most one e-mail a day listing all its requests, so running it again the same day sends nothing."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.reminders import run_reminders

from ...reminders import due_digests, label, send_digest


class Command(BaseCommand):
    help = (
        "向办公室和承办处室发送政府信息公开申请提醒：即将到期、已超期、补正或缴费期限已过的申请，"
        "每人每天一封，列出其应处理的全部申请；同一天再次运行不会重复发送。"
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        run_reminders(self, due_digests(today), lambda digest: send_digest(digest, today), label)
