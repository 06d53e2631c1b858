"""Email delivery: one multipart/alternative message per recipient, sent at most once.

Each recipient's delivery is claimed in the state database before anything
is sent (see briefing.state for the policy).  A refusal, a failed login or a
connection dropped before the message body was complete is recorded as
``failed`` and retried on the next run.  A connection dropped after the
body's final dot, before the server's reply, may or may not have delivered:
it is recorded as ``unknown`` and never resent without ``force``.

Credentials come only from the environment variables named by
``smtp.username_env`` / ``smtp.password_env``; they are never logged.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from typing import Any

from briefing.config import EmailConfig, SmtpConfig
from briefing.errors import ConfigError, DeliveryError
from briefing.state import STALE_CLAIM_AFTER, DeliveryStatus, State, default_owner

log = logging.getLogger(__name__)

DEFAULT_SUBJECT = "{title} — {date}"
# Message-IDs need a domain; when the sender has none, use a reserved TLD (RFC 2606)
# rather than the host name, which is unstable and may leak internal names.
FALLBACK_DOMAIN = "briefing.invalid"
# How smtplib's data() ends a message body: once this is on the wire the server may deliver.
END_OF_DATA = b"\r\n.\r\n"

MessageFactory = Callable[[str], EmailMessage]


class SmtpConnectError(DeliveryError):
    """The SMTP server could not be reached or the TLS handshake failed."""

    hint = "check smtp.host, smtp.port and smtp.security (ssl, starttls or none) against the server"


class SmtpAuthError(DeliveryError):
    """The SMTP server rejected the login."""

    hint = ("check the username and password in the environment variables named by "
            "smtp.username_env and smtp.password_env")


class SmtpRefusedError(DeliveryError):
    """The SMTP server refused the sender, a recipient or the message."""

    hint = "check email.sender and email.recipients; the server's reply says why"


class SmtpDisconnectedError(DeliveryError):
    """The server hung up before the message was complete; nothing was delivered."""

    hint = "the next run retries; if it persists, check the server's logs and size limits"


class DeliveryUncertainError(DeliveryError):
    """The server hung up after the whole message was sent: it may have been delivered."""

    hint = "check the recipient's mailbox; `briefing send --force` resends if it did not arrive"


@dataclass(frozen=True, slots=True)
class Credentials:
    """An SMTP login read from the environment; the password never appears in repr."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One recipient and why its delivery failed, was skipped or is uncertain."""

    recipient: str
    reason: str


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one send of one edition did, recipient by recipient."""

    edition_id: int
    sent: tuple[str, ...] = ()
    failed: tuple[Outcome, ...] = ()
    skipped: tuple[Outcome, ...] = ()
    unknown: tuple[Outcome, ...] = ()

    def describe(self) -> str:
        """A summary line, then one line per recipient that was not sent."""
        lines = [f"Edition {self.edition_id}: sent {len(self.sent)}, failed {len(self.failed)}, "
                 f"skipped {len(self.skipped)}, unknown {len(self.unknown)}."]
        lines += [f"  failed: {o.recipient}: {o.reason} (retried on the next run)" for o in self.failed]
        lines += [f"  skipped: {o.recipient}: {o.reason}" for o in self.skipped]
        lines += [f"  unknown: {o.recipient}: {o.reason}" for o in self.unknown]
        return "\n".join(lines)


def build_message(briefing_title: str, date: date, text_body: str, html_body: str, sender: str,
                  recipients: str | Sequence[str], list_id: str | None = None, *,
                  subject_format: str = DEFAULT_SUBJECT, now: datetime | None = None) -> EmailMessage:
    """One multipart/alternative message: text/plain, then text/html (CSS already inlined)."""
    message = EmailMessage()
    message["Subject"] = subject(subject_format, briefing_title, date)
    message["From"] = sender
    message["To"] = recipients if isinstance(recipients, str) else ", ".join(recipients)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid(idstring="briefing", domain=_domain(sender))
    if list_id:
        message["List-Id"] = list_id if "<" in list_id else formataddr((briefing_title, list_id))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: auto-responders should not reply
    # quoted-printable keeps every line short (inlined-CSS HTML can exceed SMTP's 998-byte limit)
    # and needs no 8BITMIME support from the server.
    message.set_content(text_body, cte="quoted-printable")
    message.add_alternative(html_body, subtype="html", cte="quoted-printable")
    return message


def subject(subject_format: str, title: str, day: date) -> str:
    """The Subject line from email.subject: {title} and {date} (which takes strftime specs)."""
    try:
        text = subject_format.format(title=title, date=day)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ConfigError(f"email.subject: cannot format {subject_format!r}: {exc}",
                          "use only {title} and {date}, e.g. '{title} — {date:%d %B %Y}'") from None
    return " ".join(text.split())


def make_message_factory(title: str, day: date, text_body: str, html_body: str,
                         email: EmailConfig) -> MessageFactory:
    """A factory building each recipient's message from the configured headers."""

    def factory(recipient: str) -> EmailMessage:
        return build_message(title, day, text_body, html_body, email.sender, recipient, email.list_id,
                             subject_format=email.subject)

    return factory


def _domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    domain = address.rpartition("@")[2] if "@" in address else ""
    return domain.strip().lower() or FALLBACK_DOMAIN


def credentials(smtp: SmtpConfig) -> Credentials | None:
    """The login from the environment variables the config names; None without a username_env."""
    if smtp.username_env is None:
        if smtp.password_env is not None:
            raise ConfigError("smtp.password_env is set but smtp.username_env is not",
                              "set both to environment variable names, or neither")
        return None
    names = (smtp.username_env, smtp.password_env)
    missing = [n for n in names if n is None or n not in os.environ]
    if missing:
        raise DeliveryError(f"SMTP credentials missing: environment variable {missing[0]} is not set",
                            "export the variables named by smtp.username_env and smtp.password_env")
    assert smtp.password_env is not None
    return Credentials(os.environ[smtp.username_env], os.environ[smtp.password_env])


def send_edition(state: State, edition_id: int, message_factory: MessageFactory, smtp: SmtpConfig,
                 email: EmailConfig, *, force: bool = False, owner: str | None = None,
                 stale_after: timedelta = STALE_CLAIM_AFTER) -> DeliveryReport:
    """Send an edition to every configured recipient not yet sent it; each at most once."""
    login = credentials(smtp)
    if state.edition(edition_id) is None:
        raise DeliveryError(f"no edition {edition_id} in the state database", "run `briefing build` first")
    expired = [d for d in state.expire_stale(stale_after) if d.edition_id == edition_id]
    tally = _Tally(unknown=[Outcome(d.recipient, d.error or "outcome unknown") for d in expired])
    owner = owner or default_owner()
    with _Session(smtp, login) as session:
        for recipient in dict.fromkeys(r.strip() for r in email.recipients if r.strip()):
            _deliver(state, edition_id, recipient, owner, force, message_factory, session, email.sender,
                     tally)
    report = tally.report(edition_id)
    log.info("%s", report.describe().splitlines()[0])
    return report


@dataclass
class _Tally:
    sent: list[str] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    unknown: list[Outcome] = field(default_factory=list)

    def report(self, edition_id: int) -> DeliveryReport:
        return DeliveryReport(edition_id, tuple(self.sent), tuple(self.failed), tuple(self.skipped),
                              tuple(self.unknown))


def _deliver(state: State, edition_id: int, recipient: str, owner: str, force: bool,
             factory: MessageFactory, session: _Session, sender: str, tally: _Tally) -> None:
    """Claim, send and record one recipient's delivery."""
    message = factory(recipient)  # built before the claim: a bug here leaves no claim behind
    if not state.claim_delivery(edition_id, recipient, owner, force=force):
        tally.skipped.append(Outcome(recipient, _why_skipped(state, edition_id, recipient)))
        return
    try:
        session.send(message, sender, recipient)
    except DeliveryUncertainError as exc:
        state.mark_unknown(edition_id, recipient, str(exc))
        log.warning("edition %s to %s: %s", edition_id, recipient, exc)
        tally.unknown.append(Outcome(recipient, str(exc)))
    except DeliveryError as exc:
        state.mark_failed(edition_id, recipient, str(exc))
        log.warning("edition %s to %s failed: %s", edition_id, recipient, exc)
        tally.failed.append(Outcome(recipient, str(exc)))
    except BaseException as exc:  # a bug or Ctrl-C: release the claim only if nothing can have arrived
        if not session.body_sent:
            state.mark_failed(edition_id, recipient, f"interrupted by {type(exc).__name__}: {exc}")
        raise
    else:
        state.mark_sent(edition_id, recipient, message["Message-ID"])
        log.info("edition %s sent to %s", edition_id, recipient)
        tally.sent.append(recipient)


def _why_skipped(state: State, edition_id: int, recipient: str) -> str:
    delivery = state.delivery(edition_id, recipient)
    if delivery is None or delivery.status == DeliveryStatus.SENT:
        return "already sent"
    if delivery.status == DeliveryStatus.UNKNOWN:
        return f"outcome of an earlier attempt unknown ({delivery.error}); `briefing send --force` resends"
    return f"being sent by another worker ({delivery.owner})"


class _TrackingSMTP(smtplib.SMTP):
    """smtplib.SMTP that notes when a message body's final dot went out."""

    body_sent = False

    def send(self, s: Any) -> None:
        super().send(s)
        if isinstance(s, bytes) and s.endswith(END_OF_DATA):
            self.body_sent = True


class _TrackingSMTPSSL(_TrackingSMTP, smtplib.SMTP_SSL):
    """The same over implicit TLS."""


class _Session:
    """A lazily opened SMTP connection, reopened after a drop; login and TLS per config."""

    def __init__(self, smtp: SmtpConfig, login: Credentials | None) -> None:
        self._config = smtp
        self._login = login
        self._conn: _TrackingSMTP | None = None
        self._fatal: DeliveryError | None = None
        self.body_sent = False

    def __enter__(self) -> _Session:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            try:
                self._conn.quit()
            except (OSError, smtplib.SMTPException):
                self._conn.close()
            self._conn = None

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Send to one recipient; raise a DeliveryError subclass that says what happened."""
        self.body_sent = False
        conn = self._connect()
        conn.body_sent = False
        try:
            conn.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = exc.recipients.get(recipient, (0, b"refused"))
            raise SmtpRefusedError(f"server refused recipient {recipient}: {_reply(code, text)}") from None
        except smtplib.SMTPSenderRefused as exc:
            reply = _reply(exc.smtp_code, exc.smtp_error)
            raise SmtpRefusedError(f"server refused sender {sender}: {reply}",
                                   "check email.sender and that the login may send as it") from None
        except smtplib.SMTPResponseException as exc:
            raise SmtpRefusedError(f"server refused the message: {_reply(exc.smtp_code, exc.smtp_error)}",
                                   ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            if conn.body_sent:
                raise DeliveryUncertainError(f"connection lost after the message was sent, before the "
                                             f"server confirmed it: {exc}") from None
            raise SmtpDisconnectedError(f"connection lost while sending: {exc}") from None
        finally:
            self.body_sent = conn.body_sent

    def _connect(self) -> _TrackingSMTP:
        if self._fatal is not None:
            raise self._fatal
        if self._conn is None:
            try:
                self._conn = self._open()
            except DeliveryError as exc:
                self._fatal = exc  # the same server will fail the same way: do not hammer it
                raise
        return self._conn

    def _open(self) -> _TrackingSMTP:
        cfg = self._config
        where = f"{cfg.host}:{cfg.port}"
        conn: _TrackingSMTP | None = None
        try:
            if cfg.security == "ssl":
                conn = _TrackingSMTPSSL(cfg.host, cfg.port, timeout=cfg.timeout,
                                        context=ssl.create_default_context())
            else:
                conn = _TrackingSMTP(cfg.host, cfg.port, timeout=cfg.timeout)
            conn.ehlo()
            if cfg.security == "starttls":
                conn.starttls(context=ssl.create_default_context())
                conn.ehlo()
            if self._login is not None:
                conn.login(self._login.username, self._login.password)
            return conn
        except smtplib.SMTPAuthenticationError as exc:
            _close(conn)
            user = self._login.username if self._login else "?"
            raise SmtpAuthError(f"{where} rejected the login of {user}: "
                                f"{_reply(exc.smtp_code, exc.smtp_error)}") from None
        except smtplib.SMTPNotSupportedError as exc:
            _close(conn)
            raise SmtpConnectError(f"{where}: {exc}", "set smtp.security to what the server supports "
                                   "(starttls, ssl or none), or remove the credentials") from None
        except (smtplib.SMTPException, OSError) as exc:
            _close(conn)
            reason = str(exc) or type(exc).__name__
            raise SmtpConnectError(f"cannot connect to {where} ({cfg.security}): {reason}") from None

    def _drop(self) -> None:
        _close(self._conn)
        self._conn = None


def _close(conn: smtplib.SMTP | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except OSError:
            pass


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip()
