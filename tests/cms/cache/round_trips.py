"""Counting the round trips clients make to a real Redis server, through a relay on loopback.

A round trip is a turn of a conversation: the client sends (one command, or a pipeline of several at once) and
then waits for the server's answer. The relay passes every byte through unchanged and counts, on each
connection, each time the client starts sending again after the server has answered.
"""

import socket
import threading
from urllib.parse import urlsplit


class RoundTripCounter:
    """A TCP relay to the Redis at `url`; `url` of the relay itself; `count` of round trips so far."""

    def __init__(self, url):
        parts = urlsplit(url)
        self._upstream = (parts.hostname, parts.port or 6379)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self._listener.getsockname()[1]}{parts.path or '/0'}"
        self._lock = threading.Lock()
        self._sockets = []
        self.count = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self._upstream)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._sockets += [client, server]
            answered = [True]  # the client's first message opens a round trip
            threading.Thread(target=self._pass, args=(client, server, answered, True), daemon=True).start()
            threading.Thread(target=self._pass, args=(server, client, answered, False), daemon=True).start()

    def _pass(self, source, target, answered, from_client):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            if not data:
                for sock in (source, target):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                return
            with self._lock:
                if from_client and answered[0]:
                    self.count += 1
                answered[0] = not from_client
            target.sendall(data)

    def close(self):
        self._listener.close()
        with self._lock:
            for sock in self._sockets:
                sock.close()
