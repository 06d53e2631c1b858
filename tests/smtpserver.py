"""A real SMTP server (aiosmtpd) on 127.0.0.1 and a random port, for tests.

It collects every message it accepts and can misbehave on demand: refuse
recipients with 550 at RCPT, require AUTH and accept only one login, or drop
the connection at RCPT or right after the message body (before its reply).
With a self-signed certificate (made by the openssl command) it speaks
STARTTLS or implicit TLS.  Use the ``smtp_server`` / ``smtp_auth_server`` /
``tls_files`` fixtures after ``from smtpserver import smtp_server_fixture, ...``.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import shutil
import ssl
import subprocess
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"
USERNAME = "briefing-test"
PASSWORD = "correct horse battery staple"

Drop = Literal["rcpt", "after-data"] | None


@dataclass(frozen=True)
class Received:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        """The message parsed with the modern email policy."""
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """aiosmtpd hooks: collect messages, refuse or drop as the test asks."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    drop: Drop = None
    data_delay: float = 0.0
    logins: list[tuple[str, str]] = field(default_factory=list)  # (client address, login name)

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if self.drop == "rcpt":
            _hang_up(server)
            return "421 4.3.0 test server hangs up"
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable (test refusal)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.received.append(Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), content))
        if self.drop == "after-data":
            _hang_up(server)  # the message arrived, but the client never hears so
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 2.0.0 queued"


def _hang_up(server: SMTP) -> None:
    transport = server.transport
    if isinstance(transport, asyncio.Transport):
        transport.abort()


class _Controller(Controller):
    """A Controller that binds port 0 and learns the port the OS chose."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    def factory(self) -> SMTP:
        """One SMTP session; AUTH without TLS is the point of this loopback server, so no warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return super().factory()


class SmtpServer:
    """A running test server: address, collected messages and misbehaviour switches."""

    def __init__(self, handler: Handler, controller: Controller) -> None:
        self.handler = handler
        self.controller = controller
        self.host = HOST
        self.port = int(controller.port)

    @property
    def received(self) -> list[Received]:
        """Messages accepted so far, oldest first."""
        return self.handler.received

    def to(self, recipient: str) -> list[Received]:
        """Messages accepted for one recipient."""
        return [r for r in self.received if recipient in r.rcpt_tos]

    def refuse(self, *addresses: str) -> None:
        """Answer 550 at RCPT for these addresses (none: accept everyone again)."""
        self.handler.refuse = set(addresses)

    def drop(self, when: Drop) -> None:
        """Hang up at 'rcpt' or 'after-data' (None: behave again)."""
        self.handler.drop = when

    def delay_data_reply(self, seconds: float) -> None:
        """Wait this long after receiving a message before answering (0: answer at once)."""
        self.handler.data_delay = seconds

    @property
    def logins(self) -> list[str]:
        """Login names that tried to authenticate (smtplib tries each mechanism the server offers)."""
        return [name for _peer, name in self.handler.logins]

    @property
    def login_connections(self) -> int:
        """How many connections tried to authenticate."""
        return len({peer for peer, _name in self.handler.logins})


def _authenticator(handler: Handler) -> Any:
    def check(server: SMTP, session: Session, envelope: Envelope, mechanism: str,
              auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        handler.logins.append((str(session.peer), auth_data.login.decode()))
        ok = auth_data.login.decode() == USERNAME and auth_data.password.decode() == PASSWORD
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535
    return check


@dataclass(frozen=True)
class TlsFiles:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        """The server side's TLS context."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_certificate(folder: Path) -> TlsFiles:
    """A one-day self-signed certificate for IP 127.0.0.1 (openssl CLI); skips without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed (apt-get install openssl)")
    files = TlsFiles(folder / "cert.pem", folder / "key.pem")
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
                    "-keyout", str(files.key), "-out", str(files.cert)], check=True, capture_output=True)
    return files


@contextmanager
def running_smtp_server(auth: bool = False, tls: TlsFiles | None = None,
                        implicit_tls: bool = False) -> Iterator[SmtpServer]:
    """Start a server and stop it afterwards.

    ``auth`` requires AUTH with USERNAME/PASSWORD; ``tls`` offers (and requires) STARTTLS,
    or with ``implicit_tls`` speaks TLS from the first byte.
    """
    handler = Handler()
    options: dict[str, Any] = {}
    if auth:
        options = {"authenticator": _authenticator(handler), "auth_required": True, "auth_require_tls": False}
    if tls is not None and implicit_tls:
        options["ssl_context"] = tls.server_context()
    elif tls is not None:
        options.update(tls_context=tls.server_context(), require_starttls=True)
    controller = _Controller(handler, hostname=HOST, port=0, ready_timeout=10, **options)
    controller.start()
    try:
        yield SmtpServer(handler, controller)
    finally:
        controller.stop()


@pytest.fixture(name="smtp_server")
def smtp_server_fixture() -> Iterator[SmtpServer]:
    """An SMTP server without authentication."""
    with running_smtp_server() as server:
        yield server


@pytest.fixture(name="tls_files")
def tls_files_fixture(tmp_path: Path) -> TlsFiles:
    """A self-signed certificate for 127.0.0.1; skips when the openssl command is missing."""
    return make_certificate(tmp_path)


@pytest.fixture(name="smtp_auth_server")
def smtp_auth_server_fixture() -> Iterator[SmtpServer]:
    """An SMTP server that requires AUTH and accepts only USERNAME/PASSWORD."""
    with running_smtp_server(auth=True) as server:
        yield server
