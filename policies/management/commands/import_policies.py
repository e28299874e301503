"""Import policy documents from JSONL files (one JSON record a line, the corpus schema).

    python manage.py import_policies FILE.jsonl [FILE2.jsonl ...] [--draft] [--limit N]

Each record is created or updated by its ``id`` (PolicyPage.source_id) under the policy library and
published, or saved as a draft with --draft. A record that has not changed since the last import is
left alone, so running the import twice changes nothing. Each record is saved in its own transaction:
a bad record is reported with its file and line number and skipped, and the command then exits with
an error after importing everything else.
"""

import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from tqdm import tqdm
from wagtail.search import index as search_index
from wagtail.search.signal_handlers import post_save_signal_handler

from policies.importing import BadRecord, parse_line, parse_record
from policies.library import policy_library
from policies.models import PolicyPage
from policies.services import save_policy

PROGRESS_EVERY = 250
ACTIONS = ("created", "updated", "unchanged")


@contextmanager
def one_search_update_per_page():
    """Keep PolicyPage saves from updating the search index; the command indexes each saved page once.

    save_policy saves a new page three times (add_child, save_revision, publish) and every save would
    re-index it, segmenting its whole text with jieba each time: most of the import's time. A management
    command runs in one thread, so unhooking the handler here affects no one else; it is always restored.
    """
    unhooked = post_save.disconnect(post_save_signal_handler, sender=PolicyPage)
    try:
        yield
    finally:
        if unhooked:
            post_save.connect(post_save_signal_handler, sender=PolicyPage)


class Command(BaseCommand):
    help = "从 JSONL 文件（每行一条 JSON 记录）导入政策文件，按 id 新建或更新；重复导入不会产生改动。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSONL 文件")
        parser.add_argument("--draft", action="store_true", help="保存为草稿，不发布")
        parser.add_argument("--limit", type=int, metavar="N", help="最多导入 N 条记录（所有文件合计）")

    def handle(self, *args, files, draft=False, limit=None, verbosity=1, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit 必须是正整数")
        paths = [Path(name) for name in files]
        for path in paths:
            if not path.is_file():
                reason = "是一个目录，不是文件" if path.is_dir() else "不存在"
                raise CommandError(f"文件{reason}：{path}")
        self.verbosity = verbosity
        self.counts = dict.fromkeys((*ACTIONS, "bad", "warnings"), 0)
        self.seen = {}
        policy_index = policy_library()

        try:
            total = sum(self.count_records(path) for path in paths)
        except OSError as error:
            raise CommandError(f"无法读取文件：{error.filename}：{error.strerror or error}") from None
        if limit is not None:
            total = min(total, limit)
        started = time.monotonic()
        self.bar = None
        if self.stderr.isatty() and verbosity > 0:
            self.bar = tqdm(total=total, unit="条", file=getattr(self.stderr, "_out", sys.stderr), dynamic_ncols=True)
        done = 0
        try:
            with one_search_update_per_page():
                for path, line_number, line in self.lines(paths):
                    if limit is not None and done >= limit:
                        break
                    self.import_line(policy_index, path, line_number, line, publish=not draft)
                    done += 1
                    if self.bar is not None:
                        self.bar.update()
                    elif verbosity > 0 and done % PROGRESS_EVERY == 0:
                        self.stderr.write(f"已处理 {done}/{total} 条（{self.rate(done, started)}）")
        finally:
            if self.bar is not None:
                self.bar.close()
            self.summarise(done, started)
        if self.counts["bad"]:
            raise CommandError(f"{self.counts['bad']} 条记录未能导入，见上方的错误信息。")

    # --- reading -----------------------------------------------------------------------------

    @staticmethod
    def count_records(path):
        with path.open("rb") as file:
            return sum(1 for line in file if line.strip())

    @staticmethod
    def lines(paths):
        """Yield (path, line number, raw bytes) for every non-blank line of the files."""
        for path in paths:
            with path.open("rb") as file:
                for number, raw in enumerate(file, 1):
                    if raw.strip():
                        yield path, number, raw

    # --- importing ---------------------------------------------------------------------------

    def import_line(self, policy_index, path, line_number, raw, *, publish):
        try:
            try:
                line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise BadRecord(f"不是 UTF-8 编码（第 {error.start + 1} 个字节）") from None
            parsed = parse_record(parse_line(line))
        except BadRecord as error:
            self.bad(path, line_number, str(error))
            return
        first = self.seen.setdefault(parsed.source_id, (str(path), line_number))
        if first != (str(path), line_number):
            self.bad(path, line_number, f"id 重复（与 {first[0]} 第 {first[1]} 行相同）：{parsed.source_id}")
            return
        try:
            with transaction.atomic():
                page, action = save_policy(policy_index, parsed.data, publish=publish)
                if action != "unchanged":
                    # Index what the page row holds now (a draft update leaves the live content there).
                    search_index.insert_or_update_object(PolicyPage.objects.get(pk=page.pk))
        except Exception as error:  # one record must never stop the import
            self.bad(path, line_number, f"保存失败（id {parsed.source_id}）：{type(error).__name__}: {error}")
            return
        self.counts[action] += 1
        for warning in parsed.warnings:
            self.counts["warnings"] += 1
            if self.verbosity > 0:
                message = f"{path}:{line_number}: 警告：{warning}（id {parsed.source_id}）"
                self.say(self.stdout, message, self.style.WARNING)
        if self.verbosity > 1:
            self.say(self.stdout, f"{path}:{line_number}: {action} {parsed.source_id}")

    def bad(self, path, line_number, reason):
        self.counts["bad"] += 1
        self.say(self.stderr, f"{path}:{line_number}: 错误：{reason}", self.style.ERROR)

    def say(self, stream, message, style_func=None):
        """Write a line (styled on a terminal only) without breaking the progress bar."""
        if self.bar is not None:
            self.bar.clear()
        stream.write(message, style_func=style_func)
        if self.bar is not None:
            self.bar.refresh()

    # --- reporting ---------------------------------------------------------------------------

    @staticmethod
    def rate(done, started):
        elapsed = time.monotonic() - started
        return f"{elapsed:.1f} 秒，每秒 {done / elapsed if elapsed else 0:.1f} 条"

    def summarise(self, done, started):
        c = self.counts
        self.stdout.write(
            f"共处理 {done} 条：新建 {c['created']}，更新 {c['updated']}，未变 {c['unchanged']}，"
            f"错误 {c['bad']}，警告 {c['warnings']}；用时 {self.rate(done, started)}。"
        )
