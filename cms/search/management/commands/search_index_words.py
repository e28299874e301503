from django.core.management.base import BaseCommand
from tqdm import tqdm

from cms.search import terms
from cms.search.registry import document_classes


class Command(BaseCommand):
    help = "Rebuild the database search's word index (cms.search.terms) from every page search may show."

    def handle(self, *args, **options):
        total = sum(cls.indexable().count() for cls in document_classes())
        with tqdm(total=total, unit="页", desc="重建数据库检索词索引", disable=options["verbosity"] == 0) as bar:
            count = terms.rebuild(progress=bar.update)
        self.stdout.write(f"已为 {count} 个页面建立检索词索引。")
