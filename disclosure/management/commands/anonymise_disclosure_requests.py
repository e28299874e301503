"""`python manage.py anonymise_disclosure_requests [--dry-run]`: remove the applicant's personal data from requests
archived more than ZHENGCE_DISCLOSURE_RETENTION_YEARS ago, keeping what the annual report and the dashboard count
(disclosure/retention.py). Safe to run again: a request is anonymised once; each one is written to the audit log."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ...retention import anonymise, due_for_anonymisation


class Command(BaseCommand):
    help = (
        "删除归档满保存期限（ZHENGCE_DISCLOSURE_RETENTION_YEARS 年）的政府信息公开申请中的申请人个人信息和扫描件，"
        "保留统计所需字段。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将被匿名化的申请，不做修改")

    def handle(self, *args, dry_run=False, **options):
        years = settings.ZHENGCE_DISCLOSURE_RETENTION_YEARS
        requests = list(due_for_anonymisation(years=years))
        total = len(requests)
        verb = "将匿名化" if dry_run else "匿名化"
        self.stdout.write(f"归档满 {years} 年的申请：{total} 件。")
        for index, request in enumerate(requests, start=1):
            if not dry_run:
                anonymise(request, years=years)
            self.stdout.write(f"[{index}/{total}] {verb} {request.number}")
        if dry_run:
            self.stdout.write(self.style.WARNING(f"试运行：未做任何修改（{total} 件）。"))
        else:
            self.stdout.write(self.style.SUCCESS(f"完成，匿名化 {total} 件。"))
