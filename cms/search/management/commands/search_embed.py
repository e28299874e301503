from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.search import semantic
from cms.search.indexing import BATCH_SIZE, count_indexable, indexable_pages


class Command(BaseCommand):
    help = "Compute the semantic vectors of every page search may show, keeping those whose text is unchanged."

    def handle(self, *args, **options):
        if not semantic.enabled():
            raise CommandError(semantic.status())
        with tqdm(total=count_indexable(), unit="页", desc="计算语义向量", disable=options["verbosity"] == 0) as bar:
            for cls, queryset in indexable_pages():
                ids = list(queryset.values_list("pk", flat=True))
                for start in range(0, len(ids), BATCH_SIZE):
                    pages = cls.pages(cls.indexable().filter(pk__in=ids[start : start + BATCH_SIZE]))
                    passages = {page.pk: semantic.document_passage(cls.from_page(page)) for page in pages}
                    semantic.stored_vectors(passages)
                    bar.update(len(passages))
        self.stdout.write("语义向量已就绪；运行 search_reindex 将其写入索引。")
