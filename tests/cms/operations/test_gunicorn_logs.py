"""A real gunicorn with the project's gunicorn.conf.py: every line it writes is one JSON object, whatever it is sent."""

import json
import os

import pytest

# Raw bytes on the wire: a quote, a backslash, percent-encoded line ends and quotes, and a forged JSON object.
HOSTILE_TARGET = b'/zhengce/a"b\\c%0a%0d%22}{"level":"CRITICAL","logger":"forged"}?q="\\%0a{"x":1}'
HOSTILE_PATH = '/zhengce/a"b\\c\n\r"}{"level":"CRITICAL","logger":"forged"}'  # as gunicorn decodes it
HOSTILE_QUERY = 'q="\\%0a{"x":1}'
# Header values may carry any byte from 0x80 up: UTF-8 text with a line separator (U+2028) and NEL (U+0085).
USER_AGENT = 'Mozilla/5.0 "}\\ {"level": "CRITICAL"} 中文 \u2028 \u0085 end'
REFERER = 'https://example.com/"><script>\\u000a</script>\u2029'


def request(*lines):
    return b"\r\n".join(lines) + b"\r\n\r\n"


@pytest.fixture
def served(gunicorn, tmp_path):
    """gunicorn serving the test settings on an empty SQLite file: every page answers 503 and logs why."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "TEST_MEDIA_ROOT": str(tmp_path / "media"),
        "ELASTICSEARCH_URL": "",
        "ZHENGCE_SEARCH_SEMANTIC": "0",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    return gunicorn(env)


def read_lines(path):
    """Return the objects of a log file, asserting that each line is exactly one JSON object."""
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    # No other line break (CR, U+2028, NEL …) hides inside a line for readers that split on them.
    assert len(text.splitlines()) == len(lines)
    entries = [json.loads(line) for line in lines]
    assert all(isinstance(entry, dict) for entry in entries)
    return entries


def test_hostile_requests_leave_one_json_object_per_line(served):
    hostile = request(
        b"GET " + HOSTILE_TARGET + b" HTTP/1.1",
        b"Host: 127.0.0.1",
        b"User-Agent: " + USER_AGENT.encode(),
        b"Referer: " + REFERER.encode(),
        b"X-Request-ID: hostile-request-0001",
        b"Connection: close",
    )
    assert served.send(hostile).startswith(b"HTTP/1.1 503 ")
    # A raw CR LF cannot smuggle a line in: gunicorn refuses the request and logs that.
    smuggled = request(b'GET /inject\r\n{"level": "CRITICAL", "logger": "forged"}', b"Host: 127.0.0.1")
    assert served.send(smuggled).startswith(b"HTTP/1.1 400 ")
    assert served.send(request(b"GET /a\rb HTTP/1.1", b"Host: 127.0.0.1")).startswith(b"HTTP/1.1 400 ")
    # A Host the site does not serve is logged by Django with its value.
    bad_host = request(
        b"GET /search/ HTTP/1.1",
        b'Host: evil".example\\',
        b"X-Request-ID: hostile-request-0002",
        b"Connection: close",
    )
    assert served.send(bad_host).startswith(b"HTTP/1.1 400 ")
    served.stop()

    access = read_lines(served.stdout_path)
    errors = read_lines(served.stderr_path)
    everything = access + errors
    assert not [entry for entry in everything if entry.get("logger") == "forged" or "x" in entry]
    assert {entry["logger"] for entry in access} == {"gunicorn.access"}

    # The access line of the hostile request holds every hostile value in its own field, unchanged.
    (line,) = [entry for entry in access if entry["request_id"] == "hostile-request-0001"]
    assert line["path"] == HOSTILE_PATH and line["query"] == HOSTILE_QUERY
    assert line["user_agent"] == USER_AGENT and line["referer"] == REFERER
    assert line["method"] == "GET" and line["status_code"] == 503 and line["bytes"] > 0
    assert line["message"] == f"GET {HOSTILE_PATH} 503" and line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and line["time"].endswith("+00:00")

    # The application's lines for the same request carry its id, the path and Django's extra fields.
    application = [entry for entry in errors if entry["request_id"] == "hostile-request-0001"]
    (response,) = [entry for entry in application if entry["logger"] == "django.request"]
    # Django escapes the path in its message itself (unicode_escape); the JSON line holds that text as it is.
    escaped = HOSTILE_PATH.encode("unicode_escape").decode("ascii")
    assert response["message"] == f"Service Unavailable: {escaped}" and response["status_code"] == 503
    assert response["request"].startswith("<WSGIRequest: GET '/zhengce/a%22b%5Cc%0A%0D%22%7D%7B%22level%22")

    disallowed = [entry for entry in errors if entry["logger"] == "django.security.DisallowedHost"]
    assert disallowed and disallowed[0]["request_id"] == "hostile-request-0002"
    assert 'evil".example\\\\' in disallowed[0]["message"]
    assert disallowed[0]["exc_info"].startswith("Traceback") and "DisallowedHost" in disallowed[0]["exc_info"]

    # gunicorn's own lines: the smuggled request is refused on the line it arrived with.
    refused = [entry["message"] for entry in errors if entry["message"].startswith("Invalid request from")]
    assert any("'GET /inject'" in message for message in refused)
    assert any("'GET /a\\rb HTTP/1.1'" in message for message in refused)  # gunicorn writes the CR as \r
    assert any(entry["message"].startswith("Listening at: ") for entry in errors)
