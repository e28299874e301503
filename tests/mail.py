"""A real SMTP server on 127.0.0.1 for the tests that send mail (aiosmtpd), and Django pointed at it.

Take the fixture `smtp_server`: Django's SMTP backend then delivers to it, and `smtp_server.messages` holds what
arrived, parsed (`email.message.EmailMessage`, with the envelope's recipients in `rcpt_tos`); a recipient whose
address starts with "bounce" is refused with 550, as a server refuses an address that does not exist.
`smtp_server.stop()` makes the server unreachable (a test of a mail outage); the fixture starts and ends one server
per test.
"""

import socket
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller


class _Collect:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=default)
        message.rcpt_tos = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.handler = _Collect()
        self.port = _free_port()
        self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def subjects(self):
        # A long subject arrives folded into several encoded words; the reader sees one line.
        return [" ".join(str(message["Subject"]).split()) for message in self.messages]

    def start(self):
        """Listen on the port (again, after stop()), keeping what arrived so far."""
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield server
    finally:
        server.stop()
