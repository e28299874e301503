"""Log lines as one JSON object each, carrying the id of the request they were written for."""

import json
import logging
from datetime import UTC, datetime

from .request_id import current_request_id


class RequestIdFilter(logging.Filter):
    """Attach the current request's id (or None outside a request) to every record."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as a single-line JSON object a log collector can parse without rules."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id.get(),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        # Django's request logger attaches the request object and status code; keep what is plain data.
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status_code"] = status_code
        return json.dumps(entry, ensure_ascii=False, default=str)
