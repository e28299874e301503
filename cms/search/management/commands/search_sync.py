from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.search.engine import is_available, mark_up
from cms.search.models import PendingIndexChange
from cms.search.outbox import apply_all


class Command(BaseCommand):
    help = "Apply the index changes waiting in the outbox (kept while Elasticsearch was unavailable)."

    def handle(self, *args, **options):
        mark_up()  # a command run by hand or by cron tries the engine whatever an earlier failure said
        if not is_available():
            raise CommandError("未配置 ELASTICSEARCH_URL。")
        waiting = PendingIndexChange.objects.count()
        with tqdm(total=waiting, unit="页", desc="同步索引", disable=options["verbosity"] == 0) as bar:
            applied = apply_all(progress=bar.update)
        left = PendingIndexChange.objects.count()
        self.stdout.write(f"已同步 {applied} 项，剩余 {left} 项。")
        if left:
            error = PendingIndexChange.objects.exclude(last_error="").values_list("last_error", flat=True).first()
            raise CommandError(f"仍有 {left} 项未能同步：{error or '未知原因'}")
