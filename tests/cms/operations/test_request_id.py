"""Request ids: taken from the proxy or made here, returned in the response, written in every log line."""

import io
import json
import logging

from django.conf import settings

from cms.operations.json_logs import JsonFormatter, RequestIdFilter


def capture_logs():
    """Attach a handler configured like the console one; return (handler, stream)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    return handler, stream


def test_a_sane_request_id_round_trips(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"


def test_a_missing_or_hostile_request_id_is_replaced(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and int(made, 16) >= 0
    hostile = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "forged"}')["X-Request-ID"]
    assert len(hostile) == 32 and "forged" not in hostile
    assert client.get("/healthz")["X-Request-ID"] != made


def test_a_log_line_written_during_a_request_carries_its_id(client):
    handler, stream = capture_logs()
    try:
        # Django logs the 404 (django.request, WARNING) while handling the request.
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-0123456789")
    finally:
        logging.getLogger().removeHandler(handler)
    assert response.status_code == 404
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found, lines
    assert not_found[0]["request_id"] == "req-0123456789"
    assert not_found[0]["level"] == "WARNING" and "/no-such-page/" in not_found[0]["message"]
    assert {"time", "level", "logger", "message", "request_id"} <= set(not_found[0])


def test_a_line_outside_a_request_has_no_id_and_an_exception_stays_on_one_line():
    handler, stream = capture_logs()
    try:
        try:
            raise ValueError("索引号重复")
        except ValueError:
            logging.getLogger("cms.test").exception("导入失败")
    finally:
        logging.getLogger().removeHandler(handler)
    output = stream.getvalue()
    assert output.count("\n") == 1
    entry = json.loads(output)
    assert entry["request_id"] is None and entry["message"] == "导入失败" and entry["level"] == "ERROR"
    assert "ValueError: 索引号重复" in entry["exc_info"]


def test_the_console_writes_json_through_the_request_id_filter():
    console = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][console["formatter"]]["()"] == "cms.operations.json_logs.JsonFormatter"
    configured = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert configured and any(isinstance(f, RequestIdFilter) for f in configured[0].filters)
