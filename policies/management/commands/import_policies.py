"""Import policy documents from JSONL files (one JSON record a line, the corpus schema).

    python manage.py import_policies FILE.jsonl [FILE2.jsonl ...] [--draft] [--limit N]

Each record is created or updated by its ``id`` (PolicyPage.source_id) under the policy library and
published, or saved as a draft with --draft, through `save_policy` (a revision, the live page, the audit
log, as an editor's publishing). A record that has not changed since the last import is left alone, so
running the import twice changes nothing. Records are saved BATCH_SIZE to a transaction, each in its own
savepoint: a bad record is reported with its file and line number and skipped, and the command then exits
with an error after importing everything else.

What every save would repeat is done once a page, after its batch (see `deferred_updates`); the page
vectors of semantic search, where Elasticsearch is configured, are computed after all the batches, in batches of
their own (or later by `manage.py search_embed`, with --skip-vectors). Until a page has its vector, search ranks
it on its words.
"""

import logging
import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from tqdm import tqdm
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.bulk import batch_saved, bulk_saving, forget_checked, pages_saved
from core.segmentation import presegmented, segment_all
from policies.importing import BadRecord, parse_line, parse_record
from policies.library import policy_library
from policies.models import PolicyPage
from policies.services import save_policy, search_source_of

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 250
ACTIONS = ("created", "updated", "unchanged")
# Records a transaction: fewer commits (each one a disk sync), and per-batch work on a few dozen pages at once.
BATCH_SIZE = 100
# From this many records on, the search text is segmented in a second process (a second core) while the main
# one saves the pages; below it, starting that process (loading jieba's dictionary) costs more than it saves.
SEGMENT_APART_FROM = 300


@contextmanager
def deferred_updates():
    """Switch off, while the import saves its pages, the updates each save repeats; `index_batch` does each once.

    save_policy saves a new page three times (add_child, save_revision, publish) and publishes it:
    - the database search index would be updated on each save, segmenting the whole text with jieba each
      time (and recomputing every entry's title norm on SQLite): the batch's pages are added in one call;
    - Wagtail's reference index (which core.files reads to decide which files a citizen may reach) would be
      rebuilt four times a page: it is rebuilt once, from the page row as the last of those rebuilds was;
    - the page vector (cms.search) would be computed one page at a time on publishing: `core.bulk` defers it
      to `pages_saved`, which computes it in batches after the import.
    A management command saves in one thread: the reference index switch and core.bulk are per thread; the
    search handler is unhooked for the process and always restored.
    """
    unhooked = post_save.disconnect(post_save_signal_handler, sender=PolicyPage)
    try:
        with disable_reference_index_auto_update(), bulk_saving():
            yield
    finally:
        if unhooked:
            post_save.connect(post_save_signal_handler, sender=PolicyPage)


class _Segmented:
    """The words of some texts, being computed in another process."""

    def __init__(self, texts, future):
        self.texts, self.future = texts, future

    def result(self):
        return dict(zip(self.texts, self.future.result(), strict=True))


def index_batch(page_ids):
    """Bring the search and reference indexes of these saved pages up to date, from their rows (live content)."""
    # The reference index reads every child relation of each page (comments, attachments, notes, relations, tags):
    # read for the batch at once, they are five queries a batch instead of five a page.
    children = [relation.get_accessor_name() for relation in get_all_child_relations(PolicyPage)]
    pages = list(PolicyPage.objects.filter(pk__in=page_ids).prefetch_related("tags", *children))
    indexed = set(PolicyPage.get_indexed_objects().filter(pk__in=page_ids).values_list("pk", flat=True))
    searchable = [page for page in pages if page.pk in indexed]
    for backend in get_search_backends(with_auto_update=True):
        try:
            backend.add_bulk(PolicyPage, searchable)
        except Exception:
            # As Wagtail's own update: a database backend's failure undoes the batch, an external one's is logged.
            if not backend.catch_indexing_errors:
                raise
            logger.exception("could not add imported pages to the search backend %r", backend)
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


class Command(BaseCommand):
    help = "从 JSONL 文件（每行一条 JSON 记录）导入政策文件，按 id 新建或更新；重复导入不会产生改动。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSONL 文件")
        parser.add_argument("--draft", action="store_true", help="保存为草稿，不发布")
        parser.add_argument("--limit", type=int, metavar="N", help="最多导入 N 条记录（所有文件合计）")
        parser.add_argument(
            "--skip-vectors",
            action="store_true",
            help="不在导入后计算语义向量（之后运行 search_embed；在此之前这些文件按字词检索）",
        )

    def handle(self, *args, files, draft=False, limit=None, skip_vectors=False, verbosity=1, **options):
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
        self.known = {}  # agencies, divisions and topics by name, looked up once (services.save_policy)
        self.saved_ids = []
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
        self.done, self.total, self.started = 0, total, started
        self.segmenter = None
        if total >= SEGMENT_APART_FROM:
            # spawn, not fork: the helper needs only jieba, none of this process's connections or threads.
            self.segmenter = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        try:
            # Around the batches' commits too: the search outbox, applied on each commit when Elasticsearch is
            # configured, then indexes the pages without computing their vectors.
            with deferred_updates():
                batch = []
                for path, line_number, line in self.lines(paths):
                    if limit is not None and self.done + len(batch) >= limit:
                        break
                    batch.append((path, line_number, line))
                    if len(batch) == BATCH_SIZE:
                        self.import_batch(policy_index, batch, publish=not draft)
                        batch = []
                if batch:
                    self.import_batch(policy_index, batch, publish=not draft)
        finally:
            if self.segmenter is not None:
                self.segmenter.shutdown(cancel_futures=True)
            if self.bar is not None:
                self.bar.close()
            self.summarise(self.done, started)
        self.finish_pages(skip_vectors)
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

    def import_batch(self, policy_index, lines, *, publish):
        """Save a batch of lines in one transaction, each record in its own savepoint; then index the pages."""
        records = [(path, number, self.parse(path, number, raw)) for path, number, raw in lines]
        records = [(path, number, parsed) for path, number, parsed in records if parsed is not None]
        segmenting = self.segment_ahead([parsed.data for _path, _number, parsed in records])
        counts = dict(self.counts)
        saved = {}  # page id: (path, line number) of the records saved
        try:
            with transaction.atomic():
                for path, line_number, parsed in records:
                    page_id = self.save(policy_index, path, line_number, parsed, publish=publish)
                    if page_id is not None:
                        saved[page_id] = (path, line_number)
                with presegmented(segmenting.result() if segmenting else {}):
                    index_batch(list(saved))
                    batch_saved.send(sender=type(self), page_ids=list(saved))
        except Exception as error:  # the batch is undone: its saved records are reported as not imported
            self.counts = counts
            self.known.clear()
            forget_checked()
            self.counts["bad"] += len(saved)
            for path, line_number in saved.values():
                self.say(self.stderr, f"{path}:{line_number}: 错误：索引失败，本批未导入：{error}", self.style.ERROR)
        else:
            self.saved_ids.extend(saved)
        for _line in lines:
            self.advance()

    def segment_ahead(self, records):
        """Start segmenting the search text of the records that will change, in the helper process.

        Return a Future of {text: words}, or None when the import is too small to be worth a process.
        """
        if self.segmenter is None:
            return None
        hashes = dict(
            PolicyPage.objects.filter(
                source_id__in=[data.source_id for data in records], has_unpublished_changes=False
            ).values_list("source_id", "source_hash")
        )
        texts = [search_source_of(data) for data in records if hashes.get(data.source_id) != data.fingerprint()]
        if not texts:
            return None
        return _Segmented(texts, self.segmenter.submit(segment_all, texts))

    def parse(self, path, line_number, raw):
        """Return the ParsedRecord of a line, or report why it cannot be imported and return None."""
        try:
            try:
                line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise BadRecord(f"不是 UTF-8 编码（第 {error.start + 1} 个字节）") from None
            parsed = parse_record(parse_line(line))
        except BadRecord as error:
            self.bad(path, line_number, str(error))
            return None
        first = self.seen.setdefault(parsed.source_id, (str(path), line_number))
        if first != (str(path), line_number):
            self.bad(path, line_number, f"id 重复（与 {first[0]} 第 {first[1]} 行相同）：{parsed.source_id}")
            return None
        return parsed

    def save(self, policy_index, path, line_number, parsed, *, publish):
        """Save one record; return the id of the page created or updated, or None."""
        try:
            with transaction.atomic():  # a savepoint: a failure undoes this record only
                page, action = save_policy(policy_index, parsed.data, publish=publish, known=self.known)
        except Exception as error:  # one record must never stop the import
            self.known.clear()  # an agency created by the record undone is gone with it
            forget_checked()
            self.bad(path, line_number, f"保存失败（id {parsed.source_id}）：{type(error).__name__}: {error}")
            return None
        self.counts[action] += 1
        for warning in parsed.warnings:
            self.counts["warnings"] += 1
            if self.verbosity > 0:
                message = f"{path}:{line_number}: 警告：{warning}（id {parsed.source_id}）"
                self.say(self.stdout, message, self.style.WARNING)
        if self.verbosity > 1:
            self.say(self.stdout, f"{path}:{line_number}: {action} {parsed.source_id}")
        return None if action == "unchanged" else page.pk

    def advance(self):
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.verbosity > 0 and self.done % PROGRESS_EVERY == 0:
            self.stderr.write(f"已处理 {self.done}/{self.total} 条（{self.rate(self.done, self.started)}）")

    def finish_pages(self, skip_vectors):
        """Let the layers above do what they deferred for the saved pages (cms.search: the page vectors)."""
        if not self.saved_ids:
            return
        started = time.monotonic()
        bar = None
        if self.stderr.isatty() and self.verbosity > 0:
            out = getattr(self.stderr, "_out", sys.stderr)
            bar = tqdm(total=len(self.saved_ids), unit="页", desc="导入后处理", file=out, dynamic_ncols=True)
        try:
            replies = pages_saved.send(
                sender=type(self),
                page_ids=list(self.saved_ids),
                progress=bar.update if bar is not None else None,
                slow_work=not skip_vectors,
            )
        finally:
            if bar is not None:
                bar.close()
        for _receiver, reply in replies:
            if reply:
                self.stdout.write(f"{reply}；用时 {time.monotonic() - started:.1f} 秒。")

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
