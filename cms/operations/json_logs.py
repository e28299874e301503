"""Log lines as one JSON object each, carrying the id of the request they were written for.

Whatever a request carries (quotes, backslashes, newlines or other control characters in its path or headers), each
record becomes exactly one line holding one JSON object: every value goes through json.dumps, never into a template.
"""

import json
import logging
import re
from datetime import UTC, datetime

from .request_id import current_request_id

# What every LogRecord has; any other attribute was given with `extra=` (or by a filter) and is written as a field.
RECORD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# json.dumps escapes the ASCII control characters only. These others end a line for some readers (str.splitlines,
# editors: U+2028, U+2029, NEL) or cannot be encoded as UTF-8 (a lone surrogate). They can only occur inside a JSON
# string there, where the \uXXXX escape stands for the same character.
_UNSAFE_IN_A_LINE = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match):
    return f"\\u{ord(match.group()):04x}"


def _dumps(entry):
    line = json.dumps(entry, ensure_ascii=False, allow_nan=False, default=str)
    return _UNSAFE_IN_A_LINE.sub(_escape, line)


def _serialisable(value):
    try:
        _dumps(value)
    except Exception:  # noqa: BLE001 - see JsonFormatter.format
        return False
    return True


def _text(value):
    """Return `value` as a string whatever it is; an object whose str() fails is named by its type."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a value that cannot describe itself must not cost the line
        return f"<unprintable {type(value).__name__}>"


class RequestIdFilter(logging.Filter):
    """Attach the current request's id (or None outside a request) to every record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as a single-line JSON object a log collector can parse without rules.

    The fixed fields (time, level, logger, message, request_id, exc_info, stack_info) come first; every `extra=`
    field follows, unless it has the name of a fixed one. A value JSON cannot hold (an object, NaN, a dict with
    tuple keys, a cycle) is written as its text.
    """

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._message(record),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        extras = {
            key: value for key, value in vars(record).items() if key not in RECORD_ATTRIBUTES and key not in entry
        }
        entry.update(extras)
        try:
            return _dumps(entry)
        except Exception:  # noqa: BLE001 - json.dumps fails in many ways (ValueError, TypeError, RecursionError)
            for key, value in extras.items():
                if not _serialisable(value):
                    entry[key] = _text(value)
            return _dumps(entry)

    @staticmethod
    def _message(record):
        try:
            return record.getMessage()
        except Exception:  # noqa: BLE001 - a message whose arguments do not fit its format is still written
            return f"{_text(record.msg)} {_text(record.args)}"
