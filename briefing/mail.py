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
import re
import smtplib
import ssl
import unicodedata
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
# Put before the subject of a later edition of a day whose earlier edition a recipient already has.
UPDATE_PREFIX = "Update: "
# Message-IDs need a domain; when the sender has none, use a reserved TLD (RFC 2606)
# rather than the host name, which is unstable and may leak internal names.
FALLBACK_DOMAIN = "briefing.invalid"
# How smtplib's data() ends a message body: once this is on the wire the server may deliver.
END_OF_DATA = b"\r\n.\r\n"
# RFC 2919 list ids are dot-atoms of at most 255 characters; a title's label stays well inside that.
MAX_LIST_LABEL = 60

MessageFactory = Callable[..., EmailMessage]  # (recipient, update=False) -> message


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
        if self.skipped and not (self.sent or self.failed or self.unknown):
            lines[0] += " Nothing new to send."
        lines += [f"  failed: {o.recipient}: {o.reason} (retried on the next run)" for o in self.failed]
        lines += [f"  skipped: {o.recipient}: {o.reason}" for o in self.skipped]
        lines += [f"  unknown: {o.recipient}: {o.reason} (if it did not arrive, `briefing send --force` resends it)"
                  for o in self.unknown]
        return "\n".join(lines)


def build_message(briefing_title: str, date: date, text_body: str, html_body: str, sender: str,
                  recipients: str | Sequence[str], list_id: str | None = None, *,
                  subject_format: str = DEFAULT_SUBJECT, now: datetime | None = None, update: bool = False,
                  list_unsubscribe: str | None = None) -> EmailMessage:
    """One multipart/alternative message: text/plain, then text/html (CSS already inlined)."""
    message = EmailMessage()
    message["Subject"] = (UPDATE_PREFIX if update else "") + subject(subject_format, briefing_title, date)
    message["From"] = sender
    message["To"] = recipients if isinstance(recipients, str) else ", ".join(recipients)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = make_msgid(idstring="briefing", domain=_domain(sender))
    list_id = list_id or default_list_id(briefing_title, sender)
    message["List-Id"] = list_id if "<" in list_id else formataddr((briefing_title, list_id))
    if list_unsubscribe:
        message["List-Unsubscribe"] = list_unsubscribe if "<" in list_unsubscribe else f"<{list_unsubscribe}>"
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

    def factory(recipient: str, update: bool = False) -> EmailMessage:
        return build_message(title, day, text_body, html_body, email.sender, recipient, email.list_id,
                             subject_format=email.subject, update=update,
                             list_unsubscribe=email.list_unsubscribe)

    return factory


def default_list_id(title: str, sender: str) -> str:
    """A List-Id (RFC 2919) from the title and the sender's domain: 'geneva-talks.briefing.example.org'."""
    label = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", title).encode("ascii", "ignore")
                   .decode().lower()).strip("-")[:MAX_LIST_LABEL] or "briefing"
    return f"{label}.{_domain(sender)}"


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


@dataclass(frozen=True, slots=True)
class _Job:
    """One edition's send: who sends, what it is, and the policy for a day's later editions."""

    edition_id: int
    day: date | None
    content_key: str | None
    owner: str
    force: bool
    resend: str
    factory: MessageFactory
    sender: str


def send_edition(state: State, edition_id: int, message_factory: MessageFactory, smtp: SmtpConfig,
                 email: EmailConfig, *, force: bool = False, owner: str | None = None,
                 stale_after: timedelta = STALE_CLAIM_AFTER) -> DeliveryReport:
    """Send an edition to every configured recipient not yet sent it (nor its content); each at most once.

    A recipient who already has another edition of the same day gets this one only as an update,
    under ``email.resend`` (changed: send it, subject "Update: ..."; never: skip; always: send even
    unchanged content). ``force`` sends regardless and also resends deliveries of unknown outcome.
    """
    login = credentials(smtp)
    edition = state.edition(edition_id)
    if edition is None:
        raise DeliveryError(f"no edition {edition_id} in the state database", "run `briefing build` first")
    # Dead workers' claims become unknown: reported now, or (with force) resent below.
    expired = [d for d in state.expire_stale(stale_after) if d.edition_id == edition_id and not force]
    tally = _Tally(unknown=[Outcome(d.recipient, d.error or "outcome unknown") for d in expired])
    job = _Job(edition_id, edition.date, state.content_key(edition_id), owner or default_owner(), force,
               email.resend, message_factory, email.sender)
    reported = {d.recipient for d in expired}  # listed once, as unknown, not again as skipped
    with _Session(smtp, login) as session:
        for recipient in dict.fromkeys(r.strip() for r in email.recipients if r.strip()):
            if recipient not in reported:
                _deliver(state, job, recipient, session, tally)
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


def _no_update(state: State, job: _Job, recipient: str) -> str | None:
    """Why a later edition of a day the recipient has one of is not sent to them, or None to send it."""
    if job.force or job.day is None:
        return None
    if job.resend == "never":
        return f"already has an edition of {job.day} (email.resend: never)"
    fuller = state.contained_in_sent(job.edition_id, recipient, job.day) if job.resend == "changed" else None
    if fuller is not None:  # it only lost articles (a source failed): nothing in it is news
        return f"nothing new since edition {fuller}, which had more articles (email.resend: changed)"
    return None


def _deliver(state: State, job: _Job, recipient: str, session: _Session, tally: _Tally) -> None:
    """Claim, send and record one recipient's delivery."""
    edition_id = job.edition_id
    update = job.day is not None and state.mailed_on(recipient, job.day, edition_id)
    if update and (why := _no_update(state, job, recipient)):
        tally.skipped.append(Outcome(recipient, why))
        return
    message = job.factory(recipient, update)  # built before the claim: a bug here leaves no claim behind
    if job.content_key and job.resend != "always" and not job.force:
        holder = state.claim_content(recipient, job.content_key, edition_id)
        if holder != edition_id:
            tally.skipped.append(Outcome(recipient, f"same content already sent (edition {holder})"))
            return
    if not state.claim_delivery(edition_id, recipient, job.owner, force=job.force):
        tally.skipped.append(Outcome(recipient, _why_skipped(state, edition_id, recipient)))
        return
    try:
        session.send(message, job.sender, recipient)
    except DeliveryUncertainError as exc:
        state.mark_unknown(edition_id, recipient, str(exc))
        log.info("edition %s to %s: %s", edition_id, recipient, exc)  # reported once, in the report
        tally.unknown.append(Outcome(recipient, str(exc)))
    except DeliveryError as exc:
        state.mark_failed(edition_id, recipient, str(exc))
        log.info("edition %s to %s failed: %s", edition_id, recipient, exc)  # reported once, in the report
        tally.failed.append(Outcome(recipient, str(exc)))
    except BaseException as exc:  # a bug or Ctrl-C: release the claim only if nothing can have arrived
        if not session.body_sent:
            state.mark_failed(edition_id, recipient, f"interrupted by {type(exc).__name__}: {exc}")
        raise
    else:
        state.mark_sent(edition_id, recipient, message["Message-ID"])
        log.info("edition %s sent to %s", edition_id, recipient)
        tally.sent.append(recipient)


@dataclass(frozen=True, slots=True)
class SmtpProbe:
    """What `briefing check-config` learnt of the mail server: whether it works, and one line."""

    ok: bool
    line: str


def probe_smtp(smtp: SmtpConfig) -> SmtpProbe:
    """Connect, EHLO, STARTTLS or TLS and AUTH (with credentials) as a send would; send nothing."""
    where = f"{smtp.host}:{smtp.port} ({smtp.security})"
    try:
        login = credentials(smtp)
        with _Session(smtp, login) as session:
            session.open()
    except (DeliveryError, ConfigError) as exc:
        return SmtpProbe(False, f"FAILED: {exc.args[0]} ({exc.hint})")
    auth = f", logged in as {login.username}" if login else ", no login configured"
    return SmtpProbe(True, f"OK: {where} answers{auth}; nothing was sent")


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

    def open(self) -> None:
        """Connect (and log in) now, as the first send would."""
        self._connect()

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
