from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.search import semantic
from cms.search.indexing import count_indexable


class Command(BaseCommand):
    help = "Compute the semantic vectors of every page search may show, keeping those whose text is unchanged."

    def add_arguments(self, parser):
        parser.add_argument(
            "--threads",
            type=int,
            metavar="N",
            help="模型使用的线程数（默认取 ZHENGCE_SEARCH_EMBED_THREADS；服务器空闲时可设为 CPU 核数）",
        )

    def handle(self, *args, threads=None, **options):
        if threads is not None and threads < 1:
            raise CommandError("--threads 必须是正整数")
        if threads:
            semantic.use_threads(threads)
        if not semantic.enabled():
            raise CommandError(semantic.status())
        with tqdm(total=count_indexable(), unit="页", desc="计算语义向量", disable=options["verbosity"] == 0) as bar:
            semantic.store_vectors(progress=bar.update)
        self.stdout.write("语义向量已就绪；运行 search_reindex 将其写入索引。")
