"""`python manage.py sync_holidays [--year YEAR ...]`: refresh the holiday list from the State Council's arrangements.

Run it each year once the package (chinesecalendar) carries the new arrangement. Rows staff made or edited in
Settings → 节假日 are never overwritten or deleted; running it twice changes nothing the second time.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.models.holidays import STATE_COUNCIL_YEARS, Holiday

COUNTS = (("added", "新增"), ("updated", "更新"), ("removed", "删除"), ("unchanged", "未变"), ("staff", "人工维护保留"))


def _summary(counts):
    return "，".join(f"{label} {counts[key]}" for key, label in COUNTS)


class Command(BaseCommand):
    help = (
        "按国务院节假日安排（chinesecalendar 包）更新节假日表：新增、更正国务院安排的日期；"
        "人工添加或修改过的日期保持不变。可重复运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            metavar="YEAR",
            help=f"只更新这一年（可重复）；不指定时更新 {STATE_COUNCIL_YEARS.start}–{STATE_COUNCIL_YEARS.stop - 1} 年",
        )

    def handle(self, *args, years=None, **options):
        first, last = STATE_COUNCIL_YEARS.start, STATE_COUNCIL_YEARS.stop - 1
        missing = sorted({year for year in years or () if year not in STATE_COUNCIL_YEARS})
        if missing:
            raise CommandError(
                f"已安装的 chinesecalendar 只收录 {first}–{last} 年的安排，没有 "
                f"{'、'.join(map(str, missing))} 年：请升级该包后再运行，或在“设置 → 节假日”中手工录入。"
            )
        years = sorted(set(years)) if years else list(STATE_COUNCIL_YEARS)

        def progress(year, counts):
            self.stdout.write(f"[{years.index(year) + 1}/{len(years)}] {year} 年：{_summary(counts)}")

        totals = Holiday.objects.sync_state_council(years, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"完成，共 {len(years)} 年：{_summary(totals)}"))
        if totals["staff"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{totals['staff']} 个日期由人工维护，与国务院安排可能不同，未覆盖；"
                    "请在“设置 → 节假日”中按“来源”筛选核对。"
                )
            )
        if timezone.localdate().year + 1 > last:
            self.stdout.write(
                self.style.WARNING(
                    f"{last + 1} 年的安排尚未收录：国务院公布后请升级 chinesecalendar 再运行本命令，"
                    "在此之前请在“设置 → 节假日”中手工录入。"
                )
            )
