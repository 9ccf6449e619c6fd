"""A real SMTP server for the info-mail tests, and Django's SMTP backend pointed at it.

The server is aiosmtpd on 127.0.0.1 at a free port. Its handler keeps every message it
accepted (raw bytes, parsed message, envelope) and can be told to refuse an address with a
given reply, or to go away in the middle of a mailing: after `stop_after` accepted messages it
stops the whole server while the next message is being transferred, so that message is never
accepted and the port refuses connections until the test starts the server again.
"""

import asyncio
import email
import socket
import threading
from collections import Counter
from collections.abc import Callable
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async


class Mailbox:
    """An aiosmtpd handler that records what it accepted and can fail on request."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        #: address (lower case) -> the reply to RCPT TO, e.g. "550 5.1.1 Mailbox unavailable"
        self.refuse: dict[str, str] = {}
        #: accept this many messages in total, then stop the server during the next one
        self.stop_after: int | None = None
        #: called (in a thread of its own) when a message's text is complete, before accepting
        self.before_accepting: Callable[[], None] | None = None
        self.server: SmtpServer | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        reply = self.refuse.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if self.stop_after is not None and len(self.messages) >= self.stop_after:
            self.stop_after = None
            assert self.server is not None
            self.server.stop_in_background()
            await asyncio.Event().wait()  # cancelled when the server stops: never accepted
        if self.before_accepting is not None:
            await sync_to_async(self.before_accepting, thread_sensitive=False)()
        self.raw.append(envelope.original_content)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=policy.default)
        )
        return "250 Message accepted for delivery"

    def received(self) -> Counter[str]:
        """How many messages each envelope recipient received."""
        return Counter(address.lower() for _sender, tos in self.envelopes for address in tos)

    def message_to(self, address: str) -> EmailMessage:
        (message,) = [m for m in self.messages if m["To"].addresses[0].addr_spec == address]
        return message


class SmtpServer:
    """The aiosmtpd server; it can be stopped and started again on the same port."""

    def __init__(self, mailbox: Mailbox, port: int) -> None:
        self.mailbox = mailbox
        self.port = port
        self._controller: Controller | None = None
        self._stopping: threading.Thread | None = None
        mailbox.server = self

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        self.wait_stopped()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        self.wait_stopped()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def stop_in_background(self) -> None:
        """Stop from the handler (inside the server's loop), without waiting for it."""
        controller, self._controller = self._controller, None
        if controller is not None:
            self._stopping = threading.Thread(target=controller.stop)
            self._stopping.start()

    def wait_stopped(self) -> None:
        if self._stopping is not None:
            self._stopping.join(timeout=10)
            self._stopping = None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _site_url(settings):
    """Links in mails are absolute https URLs of the platform."""
    settings.SITE_URL = "https://engagiert.example"


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server; Django sends to it through its SMTP backend."""
    server = SmtpServer(Mailbox(), _free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    return smtp_server.mailbox
