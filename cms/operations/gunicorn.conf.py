"""Gunicorn settings for `make serve`; the address and the number of workers come from its command line."""

import os

# One JSON object per line on standard output (access) and standard error (gunicorn's own and the application's),
# with the request id the application's lines carry. LOG_FORMAT=plain keeps gunicorn's readable formats instead.
accesslog = "-"
errorlog = "-"
if os.environ.get("LOG_FORMAT", "json") != "plain":
    logger_class = "cms.operations.gunicorn_logs.JsonLogger"
# Slow pages (a long law rendered cold) must not be killed as hung workers too soon.
timeout = 60
# Keep a worker's memory in check over weeks of uptime. Workers fork from a master that has already loaded the
# application, so a recycled worker answers again within milliseconds instead of stalling its queue for the
# seconds Django and Wagtail take to import (cached pages are served at hundreds a second, so this happens often).
preload_app = True
max_requests = 20000
max_requests_jitter = 2000
