"""The application's log lines: one JSON object per line whatever a message or an `extra=` field holds."""

import io
import json
import logging
import sys

import pytest

from cms.operations.json_logs import JsonFormatter, RequestIdFilter

# Quotes, a backslash, line ends of every kind, controls, a lone surrogate, and a forged second line.
HOSTILE = 'a"b\\c\nd\r\ne\u2028f\u2029g\x85h\x00i\x7fj\udc80k\t{"level": "CRITICAL", "logger": "forged"}'


class Opaque:
    def __str__(self):
        return 'Opaque("\n")'


class Unprintable:
    def __str__(self):
        raise RuntimeError("no text")


@pytest.fixture
def written():
    """Return a function that logs through a handler configured like the console and returns the output.

    The record goes to the handler alone: pytest's own log capture would keep the lone surrogate, which a test
    worker (pytest-xdist) cannot send back in its report.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.hostile")

    def write(msg, *args, exc_info=None, extra=None):
        stream.seek(0)
        stream.truncate()
        if exc_info is True:
            exc_info = sys.exc_info()
        handler.handle(logger.makeRecord(logger.name, logging.WARNING, __file__, 0, msg, args, exc_info, extra=extra))
        return stream.getvalue()

    return write


def one_object(output):
    """Assert that `output` is exactly one line holding one JSON object, and return that object."""
    assert output.endswith("\n")
    line = output[:-1]
    # Whichever way a reader splits lines (str.splitlines knows U+2028, NEL and the rest), this is one line.
    assert len(output.splitlines()) == 1 and "\n" not in line and "\r" not in line
    line.encode("utf-8")  # a lone surrogate written as such could not be
    entry = json.loads(line)
    assert isinstance(entry, dict)
    return entry


def test_a_hostile_message_stays_in_its_field(written):
    entry = one_object(written("搜索 %s", HOSTILE))
    assert entry["message"] == f"搜索 {HOSTILE}"
    assert entry["level"] == "WARNING" and entry["logger"] == "tests.hostile"
    # Chinese stays readable in the raw line.
    assert "搜索" in written("搜索 %s", HOSTILE)


def test_extra_fields_reach_the_line_json_safe(written):
    cycle = []
    cycle.append(cycle)
    extra = {
        "path": HOSTILE,
        "status_code": 404,
        "ratio": 0.5,
        "tags": ["政策", HOSTILE],
        "nested": {"user_agent": HOSTILE, "count": 2},
        "nothing": None,
        "opaque": Opaque(),
        "raw": b"\xff\n",
        "not_a_number": float("nan"),
        "tuple_keys": {(1, 2): "x"},
        "cycle": cycle,
        "unprintable": Unprintable(),
    }
    entry = one_object(written("hit", extra=extra))
    # Plain data keeps its type...
    assert entry["path"] == HOSTILE and entry["status_code"] == 404 and entry["ratio"] == 0.5
    assert entry["tags"] == ["政策", HOSTILE] and entry["nested"] == {"user_agent": HOSTILE, "count": 2}
    assert entry["nothing"] is None
    # ... and what JSON cannot hold is written as its text, each on its own.
    assert entry["opaque"] == 'Opaque("\n")'
    assert entry["raw"] == "b'\\xff\\n'"
    assert entry["not_a_number"] == "nan"
    assert entry["tuple_keys"] == "{(1, 2): 'x'}"
    assert entry["cycle"] == "[[...]]"
    assert entry["unprintable"] == "<unprintable Unprintable>"


def test_an_extra_field_cannot_overwrite_a_fixed_one(written):
    entry = one_object(written("真的", extra={"level": "CRITICAL", "time": "forged", "logger": "forged"}))
    assert entry["level"] == "WARNING" and entry["logger"] == "tests.hostile" and entry["time"] != "forged"
    assert entry["message"] == "真的"


def test_djangos_request_extras_are_written(rf, written):
    request = rf.get("/zhengce/%22%0a/")
    entry = one_object(written("Not Found: %s", request.path, extra={"status_code": 404, "request": request}))
    assert entry["status_code"] == 404
    assert entry["message"] == 'Not Found: /zhengce/"\n/'
    assert entry["request"] == "<WSGIRequest: GET '/zhengce/%22%0A/'>"


def test_a_message_whose_arguments_do_not_fit_is_still_one_line():
    # Formatted directly: pytest's own log capture would fail the test on such a record before ours is asked.
    record = logging.makeLogRecord({"msg": "%d documents from %s", "args": ("many",), "levelname": "ERROR"})
    entry = one_object(JsonFormatter().format(record) + "\n")
    assert entry["message"].startswith("%d documents from %s")


def test_a_traceback_stays_inside_the_line(written):
    try:
        raise ValueError(HOSTILE)
    except ValueError:
        entry = one_object(written("导入失败", exc_info=True))
    assert entry["exc_info"].startswith("Traceback") and entry["exc_info"].endswith(f"ValueError: {HOSTILE}")
