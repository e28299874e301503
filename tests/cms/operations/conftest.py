import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError, connections

ROOT = Path(__file__).resolve().parents[3]
GUNICORN_CONF = ROOT / "cms" / "operations" / "gunicorn.conf.py"
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


@pytest.fixture
def database_down(monkeypatch):
    """Return a context manager inside which every new cursor fails as when the database server is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    @contextmanager
    def down():
        with monkeypatch.context() as patch:
            patch.setattr(type(connections["default"]), "cursor", refuse)
            yield

    return down


class Gunicorn:
    """A gunicorn master serving cms.wsgi with the project's gunicorn.conf.py on a loopback port of its choosing."""

    def __init__(self, env, log_dir, workers):
        self.stdout_path, self.stderr_path = log_dir / "stdout.log", log_dir / "stderr.log"
        with self.stdout_path.open("wb") as stdout, self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--config", str(GUNICORN_CONF)]
                # Port 0: the kernel picks a free one, which gunicorn logs. No control socket: it would live at one
                # path per user, shared with every other gunicorn of this machine.
                + ["--bind", "127.0.0.1:0", "--workers", str(workers), "--no-control-socket"],
                cwd=ROOT,
                env=env,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
        self.port = None

    def wait_until_listening(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = LISTENING.search(self.stderr_path.read_text(errors="replace"))
            if found:
                self.port = int(found[1])
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not start listening:\n{self.stderr_path.read_text(errors='replace')[-5000:]}")

    def send(self, raw, timeout=60):
        """Send `raw` bytes as they are (http.client would refuse some) and return everything the server answers."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as connection:
            connection.sendall(raw)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        return answer

    def get(self, path, **headers):
        """GET `path` with `headers` (Host 127.0.0.1 unless given) and return the response's status code."""
        headers = {"Host": "127.0.0.1", **headers, "Connection": "close"}
        lines = [f"GET {path} HTTP/1.1", *(f"{name.replace('_', '-')}: {value}" for name, value in headers.items())]
        answer = self.send(("\r\n".join(lines) + "\r\n\r\n").encode())
        return int(answer.split(b" ", 2)[1])

    def stop(self):
        """Stop the master, which stops its workers; after 30 seconds kill its whole session (workers too)."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


@pytest.fixture
def gunicorn(tmp_path):
    """Return a function that starts gunicorn with an environment and returns it listening; all are stopped after."""
    servers = []

    def start(env, workers=1):
        log_dir = tmp_path / f"gunicorn-{len(servers)}"
        log_dir.mkdir()
        server = Gunicorn(env, log_dir, workers)
        servers.append(server)
        server.wait_until_listening()
        return server

    yield start
    for server in servers:
        server.stop()
