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
# Keep a worker's memory in check over weeks of uptime.
max_requests = 2000
max_requests_jitter = 200
