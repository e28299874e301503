from django.core.management.base import BaseCommand, CommandError

from cms.search import semantic
from cms.search.engine import EngineUnavailable, engine_call, mark_up
from cms.search.indexing import drift
from cms.search.outbox import apply_all, enqueue


class Command(BaseCommand):
    help = "Report differences between the pages the site shows and the search index; --fix repairs them."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="queue and apply the differences")

    def handle(self, *args, **options):
        self.stdout.write(semantic.status())
        mark_up()
        try:
            with engine_call() as es:
                report = drift(es)
        except EngineUnavailable as error:
            raise CommandError(f"Elasticsearch 不可用：{error}") from error
        for label, ids in (
            ("索引中缺少", report.missing),
            ("索引中多余", report.extra),
            ("索引版本过旧", report.stale),
        ):
            shown = ", ".join(str(pk) for pk in sorted(ids)[:20]) + (" …" if len(ids) > 20 else "")
            self.stdout.write(f"{label}：{len(ids)}" + (f"（页面 {shown}）" if ids else ""))
        if report.clean:
            self.stdout.write("索引与网站一致。")
            return
        if options["fix"]:
            enqueue(report.missing | report.extra | report.stale)
            applied = apply_all()
            self.stdout.write(f"已修复 {applied} 项。")
        else:
            raise CommandError("索引与网站不一致；运行 search_check --fix 修复，或 search_reindex 重建。")
