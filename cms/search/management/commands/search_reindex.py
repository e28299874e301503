from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.search.engine import EngineUnavailable
from cms.search.indexing import count_indexable, rebuild
from cms.search.models import PendingIndexChange


class Command(BaseCommand):
    help = "Rebuild the search index into a new index and switch the search alias to it when done."

    def handle(self, *args, **options):
        # What is pending now is covered by the rebuild, which reads every page afresh.
        pending_before = set(PendingIndexChange.objects.values_list("pk", flat=True))
        total = count_indexable()
        with tqdm(total=total, unit="页", desc="重建索引", disable=options["verbosity"] == 0) as bar:
            try:
                name = rebuild(progress=bar.update)
            except EngineUnavailable as error:
                raise CommandError(f"Elasticsearch 不可用：{error}") from error
        PendingIndexChange.objects.filter(pk__in=pending_before).delete()
        self.stdout.write(f"已将 {total} 个页面写入新索引 {name}，检索已切换到新索引。")
