"""Gunicorn settings for `make serve`; the address and the number of workers come from its command line."""

# One JSON object per request, like the application's own log lines, with the same request id.
accesslog = "-"
access_log_format = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "message": "%(m)s %(U)s %(s)s", '
    '"status_code": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
errorlog = "-"
# Slow pages (a long law rendered cold) must not be killed as hung workers too soon.
timeout = 60
# Keep a worker's memory in check over weeks of uptime. Workers fork from a master that has already loaded the
# application, so a recycled worker answers again within milliseconds instead of stalling its queue for the
# seconds Django and Wagtail take to import (cached pages are served at hundreds a second, so this happens often).
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
