"""Turn one line of a JSONL corpus file into PolicyData, or say clearly why it cannot be imported.

The record format (one JSON object a line) is the corpus schema: ``id`` (required, the upsert key),
``title`` (required), ``category``, ``issuing_agency``, ``doc_number``, ``published``/``effective``
(YYYY-MM-DD), ``status`` (有效 / 失效), ``tags``, ``info`` (header lines), ``body`` and ``source``;
everything but ``id`` and ``title`` may be null or missing.

Nothing here touches the database: `parse_record` either returns a `ParsedRecord` ready for
`policies.services.save_policy` or raises `BadRecord` with a reason for the person running the import.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from .doc_numbers import normalise_doc_number
from .models import Agency, PolicyPage
from .services import PolicyData

SUMMARY_SEPARATOR = "；"
SUMMARY_LENGTH = 500
STATUS_EXPIRED = "失效"
STATUSES = {"有效": False, STATUS_EXPIRED: True}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _max_length(model, name):
    return model._meta.get_field(name).max_length


# Longer values would be cut by SQLite and refused by PostgreSQL: refuse them everywhere, with a reason.
LIMITS = {
    "id": _max_length(PolicyPage, "source_id"),
    "category": _max_length(PolicyPage, "category"),
    "issuing_agency": _max_length(Agency, "name"),
    "doc_number": _max_length(PolicyPage, "doc_number"),
    "source": _max_length(PolicyPage, "source_url"),
}
TITLE_LENGTH = _max_length(PolicyPage, "title")


class BadRecord(Exception):
    """A record that cannot be imported; the message is the reason."""


@dataclass
class ParsedRecord:
    """A record ready to save, with what is worth telling the person running the import."""

    data: PolicyData
    warnings: list = field(default_factory=list)

    @property
    def source_id(self):
        return self.data.source_id


def parse_line(line):
    """Return the JSON object on one line, or raise BadRecord."""
    try:
        record = json.loads(line.strip())
    except json.JSONDecodeError as error:
        raise BadRecord(f"不是有效的 JSON（第 {error.pos + 1} 个字符处：{error.msg}）") from None
    if not isinstance(record, dict):
        raise BadRecord(f"应为 JSON 对象，实际是 {type(record).__name__}")
    return record


def _text(record, key, *, required=False):
    """Return the stripped string under `key` ("" for null or missing), or raise BadRecord."""
    value = record.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadRecord(f"{key} 应为字符串，实际是 {type(value).__name__}：{value!r:.60}")
    value = value.strip()
    if required and not value:
        raise BadRecord(f"缺少 {key}")
    limit = LIMITS.get(key)
    if limit and len(value) > limit:
        raise BadRecord(f"{key} 过长（{len(value)} 个字符，最多 {limit} 个）：{value[:60]}…")
    return value


def _source_id(record):
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int | None):
        raise BadRecord(f"id 应为字符串或整数，实际是 {type(value).__name__}")
    return _text({"id": "" if value is None else str(value)}, "id", required=True)


def _date(record, key):
    value = _text(record, key)
    if not value:
        return None
    if not _ISO_DATE.match(value):
        raise BadRecord(f"{key} 日期格式不正确（应为 YYYY-MM-DD）：{value}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"{key} 不是有效日期：{value}") from None


def _doc_number(record):
    value = _text(record, "doc_number")
    try:
        return normalise_doc_number(value)
    except ValidationError as error:
        raise BadRecord(f"发文字号无法识别：{value}（{'；'.join(error.messages)}）") from None


def _expiry_declared(record):
    value = _text(record, "status")
    if not value:
        return False
    if value not in STATUSES:
        raise BadRecord(f"status 只能是 {'、'.join(STATUSES)} 或 null：{value}")
    return STATUSES[value]


def _strings(record, key):
    """Return the non-empty stripped strings of a list field (null or missing: [])."""
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadRecord(f"{key} 应为字符串列表：{value!r:.60}")
    return [item.strip() for item in value if item.strip()]


def summary_from_info(lines):
    """Join the original header lines into a summary of at most SUMMARY_LENGTH characters."""
    return SUMMARY_SEPARATOR.join(lines)[:SUMMARY_LENGTH]


def parse_record(record):
    """Return a ParsedRecord for a corpus record (a dict), or raise BadRecord."""
    source_id = _source_id(record)
    title = _text(record, "title", required=True)
    warnings = []
    if len(title) > TITLE_LENGTH:
        warnings.append(f"标题超过 {TITLE_LENGTH} 个字符，已截断")
    body = _text(record, "body")
    if not body:
        warnings.append("正文为空")
    data = PolicyData(
        title=title,
        source_id=source_id,
        doc_number=_doc_number(record),
        agency=_text(record, "issuing_agency") or None,
        category=_text(record, "category"),
        tags=list(dict.fromkeys(_strings(record, "tags"))),
        date_published=_date(record, "published"),
        date_effective=_date(record, "effective"),
        expiry_declared=_expiry_declared(record),
        summary=summary_from_info(_strings(record, "info")),
        body_text=body,
        source_url=_text(record, "source"),
    )
    return ParsedRecord(data=data, warnings=warnings)
