"""Import pages scraped from the old website as draft policy documents that an editor checks before publishing.

    python manage.py import_legacy_page FILE [FILE ...] [--encoding utf-8]

Each file is repaired (traditional characters and bracketed pinyin to simplified Chinese, site chrome
removed), split into title, issuer, date, document number and body, and saved as a draft under the
policy library. Nothing is ever published. The file's SHA-1 is the upsert key, so importing the same
file again changes nothing.
"""

import codecs
import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from policies.legacy import parse_legacy_page
from policies.library import policy_library
from policies.models import Agency, PolicyPage
from policies.services import PolicyData, save_policy

DEFAULT_ENCODINGS = ("utf-8-sig", "gb18030")
SOURCE_PREFIX = "legacy:"
DRAFT_REMINDER = "这是草稿，尚未发布：请编辑核对标题、发文机关、日期、发文字号和正文后再发布。"
ACTIONS = {
    "created": "已新建草稿",
    "updated": "已更新草稿（同一文件，解析结果有变化）",
    "unchanged": "此文件已导入过，未作改动",
    "kept": "此文件已导入过，且已由编辑修改或发布，未覆盖",
}


class ImportFailed(Exception):
    """One file could not be imported; the message says why, for the person running the command."""


def legacy_source_id(raw):
    """Return the upsert key of a scraped file: its SHA-1, whatever its name or location."""
    return SOURCE_PREFIX + hashlib.sha1(raw).hexdigest()


def read_page(path, encoding=None):
    """Return (raw bytes, text) of a scraped file, or raise ImportFailed."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFailed("文件不存在") from None
    except IsADirectoryError:
        raise ImportFailed("这是一个目录，不是文件") from None
    except PermissionError:
        raise ImportFailed("没有读取该文件的权限") from None
    except OSError as error:
        raise ImportFailed(f"无法读取文件：{error.strerror or error}") from None
    if not raw.strip():
        raise ImportFailed("文件是空的，没有可导入的内容")
    for name in [encoding] if encoding else DEFAULT_ENCODINGS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            # UTF-16 or a binary file can decode without error; it is still not the page.
            break
        return raw, text
    if encoding:
        raise ImportFailed(f"无法按 {encoding} 编码读取，请检查 --encoding")
    raise ImportFailed("无法识别文件编码（既不是 UTF-8 也不是 GB18030），请用 --encoding 指定")


def _edited_since_import(page):
    """Return True if an editor has published the page or saved a revision of their own."""
    revision = page.latest_revision
    return page.live or (revision is not None and revision.user_id is not None)


class Command(BaseCommand):
    help = "把旧网站抓取的页面（繁体、带拼音注音和网站框架文字）修复后导入为政策文件草稿，等待编辑核对，不会发布。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="抓取的页面文本文件")
        parser.add_argument("--encoding", help="文件编码；不指定时先按 UTF-8、再按 GB18030 读取")

    def handle(self, *args, files, encoding=None, **options):
        if encoding:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise CommandError(f"未知的编码：{encoding}") from None
        self._policy_index = None
        failures = []
        for number, path in enumerate(files, 1):
            if len(files) > 1:
                self.stdout.write(f"[{number}/{len(files)}] {path}")
            try:
                self.import_file(path, encoding)
            except ImportFailed as error:
                failures.append((path, str(error)))
                if len(files) > 1:
                    self.stdout.write(self.style.ERROR(f"  导入失败：{error}"))
            if len(files) > 1:
                self.stdout.write("")
        if failures:
            reasons = "；".join(f"{path}：{reason}" for path, reason in failures)
            if len(files) == 1:
                raise CommandError(f"导入失败：{reasons}")
            raise CommandError(f"{len(files)} 个文件中有 {len(failures)} 个导入失败：{reasons}")

    def policy_index(self):
        if self._policy_index is None:
            self._policy_index = policy_library()
        return self._policy_index

    def import_file(self, path, encoding):
        """Import one file as a draft and report it; raise ImportFailed if it cannot be imported."""
        raw, text = read_page(path, encoding)
        try:
            document = parse_legacy_page(text)
        except ValueError as error:
            raise ImportFailed(str(error)) from None
        warnings = []
        agency = document.issuer or None
        if agency and len(agency) > Agency._meta.get_field("name").max_length:
            warnings.append(f"发文机关过长，未填写，请编辑补充：{agency}")
            agency = None
        data = PolicyData(
            title=document.title,
            source_id=legacy_source_id(raw),
            doc_number=document.doc_number or "",
            agency=agency,
            date_written=document.date,
            date_published=document.date,
            body_text=document.body,
        )
        existing = PolicyPage.objects.filter(source_id=data.source_id).first()
        if existing is not None and existing.source_hash != data.fingerprint() and _edited_since_import(existing):
            page, action = existing, "kept"
        else:
            try:
                page, action = save_policy(self.policy_index(), data, publish=False)
            except ValidationError as error:
                raise ImportFailed("无法保存：" + "；".join(error.messages)) from None
        self.report(document, page, action, warnings)

    def report(self, document, page, action, warnings):
        missing = "（未识别，请编辑补充）"
        self.stdout.write(f"  标题：{document.title}")
        self.stdout.write(f"  发文机关：{document.issuer or missing}")
        self.stdout.write(f"  日期：{document.date.isoformat() if document.date else missing}")
        self.stdout.write(f"  发文字号：{document.doc_number or '（无）'}")
        paragraphs = document.body.count("\n\n") + 1 if document.body else 0
        self.stdout.write(f"  正文：{paragraphs} 段，{len(document.body)} 个字符")
        for warning in warnings:
            self.stdout.write(self.style.WARNING(f"  注意：{warning}"))
        style = self.style.SUCCESS if action in ("created", "updated") else self.style.NOTICE
        self.stdout.write(style(f"  结果：{action}（{ACTIONS[action]}）"))
        self.stdout.write(f"  编辑地址：{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
        if page.live:
            self.stdout.write(self.style.WARNING("  提醒：该页面已由编辑发布。"))
        else:
            self.stdout.write(self.style.WARNING(f"  提醒：{DRAFT_REMINDER}"))
