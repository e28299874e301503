"""gunicorn's own lines, its error log and one access line per request, as JSON objects like the application's.

gunicorn.conf.py names JsonLogger as gunicorn's logger class. An access line is a log record whose fields are given
as `extra=` and written by the application's JsonFormatter, so a path or a header is always a JSON string value and
can neither break the line nor forge another one.
"""

import logging
import logging.handlers

from gunicorn import glogging

from .json_logs import JsonFormatter
from .request_id import HEADER


def wsgi_text(value):
    """Return a WSGI string (the request's bytes as latin-1, PEP 3333) as the UTF-8 text the client sent."""
    if value is None:
        return None
    try:
        return value.encode("latin-1").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return value


def status_code(resp):
    status = getattr(resp, "status_code", None)
    if isinstance(status, int):
        return status
    code = str(resp.status or "").split(None, 1)[0]
    return int(code) if code.isdigit() else None


class JsonLogger(glogging.Logger):
    """gunicorn's logger, writing every line through the application's JsonFormatter."""

    def setup(self, cfg):
        super().setup(cfg)
        formatter = JsonFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                # syslog keeps its own prefix format; the console and log files get JSON
                if getattr(handler, "_gunicorn", False) and not isinstance(handler, logging.handlers.SysLogHandler):
                    handler.setFormatter(formatter)
        # A warning (a library's, Python's) would otherwise be printed to stderr as lines of plain text.
        logging.captureWarnings(True)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        try:
            headers = {str(name).lower(): value for name, value in resp.headers or ()}
            fields = {
                "method": wsgi_text(environ.get("REQUEST_METHOD")),
                "path": wsgi_text(environ.get("PATH_INFO")),
                "query": wsgi_text(environ.get("QUERY_STRING")) or None,
                "status_code": status_code(resp),
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "referer": wsgi_text(environ.get("HTTP_REFERER")),
                "user_agent": wsgi_text(environ.get("HTTP_USER_AGENT")),
                # The application's id for this request (cms.operations.request_id), also in its own lines.
                "request_id": headers.get(HEADER.lower()),
            }
            self.access_log.info("%s %s %s", fields["method"], fields["path"], fields["status_code"], extra=fields)
        except Exception:  # noqa: BLE001 - like gunicorn's own: a failed access line must not fail the request
            self.exception("Could not write the access log line")
