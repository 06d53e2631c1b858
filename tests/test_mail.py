"""Email: message structure, and delivery through a real SMTP server on 127.0.0.1.

Refusals, failed logins and dropped connections are recorded as failed and
retried on the next run; every recipient ends with exactly one message.
"""

from __future__ import annotations

import logging
import multiprocessing
import socket
import time
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from smtpserver import (  # noqa: F401  (the *_fixture names register pytest fixtures)
    PASSWORD,
    USERNAME,
    SmtpServer,
    TlsFiles,
    running_smtp_server,
    smtp_auth_server_fixture,
    smtp_server_fixture,
    tls_files_fixture,
)

from briefing.config import EmailConfig, SmtpConfig
from briefing.errors import ConfigError, DeliveryError
from briefing.mail import (
    DeliveryReport,
    build_message,
    credentials,
    make_message_factory,
    probe_smtp,
    send_edition,
    subject,
)
from briefing.state import DeliveryStatus, State

pytestmark = pytest.mark.timeout(60)

DAY = date(2026, 3, 14)
TEXT = "Talks resume on Monday.\nBoth sides say a deal is “within reach”."
# Inlined CSS makes long lines; quoted-printable must keep them under SMTP's limit.
HTML = ("<html><body><p style=\"" + "color:#222;" * 120 + "\">Talks resume on Monday.</p>"
        "<p>Both sides say a deal is “within reach”.</p></body></html>")
READERS = ["ana@example.org", "ben@example.net", "chloe@example.com"]


@pytest.fixture
def state(tmp_path: Path) -> State:
    return State(str(tmp_path / "state.db"))


@pytest.fixture
def edition_id(state: State) -> int:
    return state.record_edition(DAY, "Trade talks", {"html": "/out/b.html"}, None, ())


def email_config(recipients: list[str] = READERS) -> EmailConfig:
    return EmailConfig(sender="Briefing <briefing@news.example>", recipients=recipients,
                       subject="{title} — {date:%d %B %Y}", list_id="trade-talks.news.example")


def smtp_config(server: SmtpServer, **overrides: object) -> SmtpConfig:
    return SmtpConfig.model_validate({"host": server.host, "port": server.port, "security": "none",
                                      "timeout": 10, **overrides})


def send(state: State, edition_id: int, server: SmtpServer, *, recipients: list[str] = READERS,
         **options: object) -> DeliveryReport:
    email = email_config(recipients)
    factory = make_message_factory("Trade talks", DAY, TEXT, HTML, email)
    smtp = options.pop("smtp", None) or smtp_config(server)
    assert isinstance(smtp, SmtpConfig)
    return send_edition(state, edition_id, factory, smtp, email, **options)  # type: ignore[arg-type]


def statuses(state: State, edition_id: int) -> dict[str, DeliveryStatus]:
    return {d.recipient: d.status for d in state.deliveries(edition_id)}


def assert_each_received_once(server: SmtpServer, recipients: list[str] = READERS) -> None:
    assert {r: len(server.to(r)) for r in recipients} == dict.fromkeys(recipients, 1)


def test_build_message_is_one_multipart_alternative_with_both_parts() -> None:
    now = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
    message = build_message("Trade talks", DAY, TEXT, HTML, "Briefing <briefing@news.example>",
                            ["ana@example.org", "ben@example.net"], "trade-talks.news.example",
                            subject_format="{title} — {date}", now=now)
    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert isinstance(plain, EmailMessage) and isinstance(html, EmailMessage)
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content().strip() == TEXT and html.get_content().strip() == HTML
    assert message["Subject"] == "Trade talks — 2026-03-14"
    assert message["To"] == "ana@example.org, ben@example.net"
    assert message["Date"] == "Sat, 14 Mar 2026 06:00:00 +0000"
    assert message["Message-ID"].endswith("@news.example>")
    assert message["List-Id"] == "Trade talks <trade-talks.news.example>"
    assert max(len(line) for line in message.as_bytes().splitlines()) <= 78


def test_subject_takes_date_formats_and_rejects_unknown_placeholders() -> None:
    assert subject("{title}: {date:%A %d %B}", "Talks", DAY) == "Talks: Saturday 14 March"
    assert subject("{title}\n— {date}", "Talks", DAY) == "Talks — 2026-03-14", "never a multi-line header"
    with pytest.raises(ConfigError, match="email.subject"):
        subject("{title} {edition}", "Talks", DAY)


def test_message_id_domain_falls_back_when_the_sender_has_none() -> None:
    message = build_message("T", DAY, "a", "<p>a</p>", "briefing", "ana@example.org")
    assert message["Message-ID"].endswith("@briefing.invalid>")
    assert message["List-Id"] == "T <t.briefing.invalid>"  # derived from the title by default


def test_sends_one_message_per_recipient_and_never_twice(state: State, edition_id: int,
                                                         smtp_server: SmtpServer) -> None:
    report = send(state, edition_id, smtp_server)
    assert report.sent == tuple(READERS) and not report.failed and not report.unknown
    assert_each_received_once(smtp_server)
    received = smtp_server.to("ben@example.net")[0]
    assert received.mail_from == "briefing@news.example"
    message = received.message
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    plain, html = message.iter_parts()
    assert isinstance(plain, EmailMessage) and isinstance(html, EmailMessage)
    assert "“within reach”" in plain.get_content() and "color:#222;" in html.get_content()
    assert message["Subject"] == "Trade talks — 14 March 2026"
    assert message["To"] == "ben@example.net"
    for header in ("From", "Date", "Message-ID", "List-Id"):
        assert message[header], header
    delivered = {d.recipient: d for d in state.deliveries(edition_id)}
    assert delivered["ben@example.net"].message_id == message["Message-ID"]

    again = send(state, edition_id, smtp_server)
    assert again.sent == () and [s.reason for s in again.skipped] == ["already sent"] * 3
    assert_each_received_once(smtp_server)
    assert "sent 0, failed 0, skipped 3" in again.describe()


def test_login_from_the_environment(state: State, edition_id: int, smtp_auth_server: SmtpServer,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_USER", USERNAME)
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    smtp = smtp_config(smtp_auth_server, username_env="BRIEFING_SMTP_USER",
                       password_env="BRIEFING_SMTP_PASSWORD")
    report = send(state, edition_id, smtp_auth_server, smtp=smtp)
    assert report.sent == tuple(READERS)
    assert smtp_auth_server.login_connections == 1, "one connection, one login for all recipients"
    assert_each_received_once(smtp_auth_server)


def test_auth_failure_is_recorded_failed_then_retried_once_fixed(
        state: State, edition_id: int, smtp_auth_server: SmtpServer, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("BRIEFING_SMTP_USER", USERNAME)
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "wrong-password-123")
    smtp = smtp_config(smtp_auth_server, username_env="BRIEFING_SMTP_USER",
                       password_env="BRIEFING_SMTP_PASSWORD")
    report = send(state, edition_id, smtp_auth_server, smtp=smtp)
    assert report.sent == () and [f.recipient for f in report.failed] == READERS
    assert all("rejected the login" in f.reason and "535" in f.reason for f in report.failed)
    assert "smtp.username_env" in report.failed[0].reason, "the hint says where the credentials come from"
    assert set(smtp_auth_server.logins) == {USERNAME}
    assert smtp_auth_server.login_connections == 1, "a rejected login is not retried for every recipient"
    assert "wrong-password-123" not in caplog.text + report.describe()
    assert [d.recipient for d in state.pending_retries()] == sorted(READERS)

    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    retry = send(state, edition_id, smtp_auth_server, smtp=smtp)
    assert retry.sent == tuple(READERS)
    assert set(statuses(state, edition_id).values()) == {DeliveryStatus.SENT}
    assert_each_received_once(smtp_auth_server)


def test_missing_credentials_variable_fails_before_claiming(state: State, edition_id: int,
                                                            smtp_server: SmtpServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_NO_SUCH_VAR", raising=False)
    smtp = smtp_config(smtp_server, username_env="BRIEFING_NO_SUCH_VAR", password_env="BRIEFING_NO_SUCH_VAR")
    with pytest.raises(DeliveryError, match="BRIEFING_NO_SUCH_VAR is not set"):
        send(state, edition_id, smtp_server, smtp=smtp)
    assert state.deliveries(edition_id) == [] and smtp_server.received == []


def test_password_env_without_username_env_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="smtp.username_env"):
        credentials(SmtpConfig(password_env="X"))


def test_refused_recipient_fails_alone_and_is_retried(state: State, edition_id: int,
                                                      smtp_server: SmtpServer) -> None:
    smtp_server.refuse("ben@example.net")
    report = send(state, edition_id, smtp_server)
    assert report.sent == ("ana@example.org", "chloe@example.com")
    (failure,) = report.failed
    assert failure.recipient == "ben@example.net" and "550" in failure.reason and "refused" in failure.reason
    assert statuses(state, edition_id)["ben@example.net"] == DeliveryStatus.FAILED

    smtp_server.refuse()
    retry = send(state, edition_id, smtp_server)
    assert retry.sent == ("ben@example.net",) and len(retry.skipped) == 2
    send(state, edition_id, smtp_server)
    assert_each_received_once(smtp_server)


def test_disconnect_mid_send_is_failed_then_sent_exactly_once(state: State, edition_id: int,
                                                              smtp_server: SmtpServer) -> None:
    smtp_server.drop("rcpt")
    report = send(state, edition_id, smtp_server)
    assert [f.recipient for f in report.failed] == READERS
    assert all("connection lost while sending" in f.reason for f in report.failed)
    assert smtp_server.received == []

    smtp_server.drop(None)
    assert send(state, edition_id, smtp_server).sent == tuple(READERS)
    assert send(state, edition_id, smtp_server).sent == ()
    assert_each_received_once(smtp_server)


def test_disconnect_after_the_message_is_unknown_and_not_resent(state: State, edition_id: int,
                                                                smtp_server: SmtpServer) -> None:
    smtp_server.drop("after-data")
    report = send(state, edition_id, smtp_server, recipients=["ana@example.org"])
    assert report.sent == () and report.failed == ()
    (unknown,) = report.unknown
    assert "before the server confirmed it" in unknown.reason
    assert statuses(state, edition_id) == {"ana@example.org": DeliveryStatus.UNKNOWN}

    smtp_server.drop(None)
    again = send(state, edition_id, smtp_server, recipients=["ana@example.org"])
    assert again.sent == () and "--force" in again.skipped[0].reason
    assert len(smtp_server.to("ana@example.org")) == 1, "the uncertain message is not sent twice"

    forced = send(state, edition_id, smtp_server, recipients=["ana@example.org"], force=True)
    assert forced.sent == ("ana@example.org",), "the user chose to resend"


def test_starttls_against_a_server_without_it_fails_with_a_hint(state: State, edition_id: int,
                                                               smtp_server: SmtpServer) -> None:
    report = send(state, edition_id, smtp_server, smtp=smtp_config(smtp_server, security="starttls"))
    assert [f.recipient for f in report.failed] == READERS
    assert "STARTTLS" in report.failed[0].reason and "smtp.security" in report.failed[0].reason
    assert smtp_server.received == []


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_login_delivers(state: State, edition_id: int, tls_files: TlsFiles, security: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files.cert))  # trust the test certificate, as a CA bundle
    monkeypatch.setenv("BRIEFING_SMTP_USER", USERNAME)
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", PASSWORD)
    with running_smtp_server(auth=True, tls=tls_files, implicit_tls=security == "ssl") as server:
        smtp = smtp_config(server, security=security, username_env="BRIEFING_SMTP_USER",
                           password_env="BRIEFING_SMTP_PASSWORD")
        report = send(state, edition_id, server, smtp=smtp)
        assert report.sent == tuple(READERS), report.describe()
        assert_each_received_once(server)


def test_untrusted_certificate_is_refused(state: State, edition_id: int, tls_files: TlsFiles) -> None:
    with running_smtp_server(tls=tls_files, implicit_tls=True) as server:
        report = send(state, edition_id, server, smtp=smtp_config(server, security="ssl"))
        assert server.received == []
    assert all("CERTIFICATE_VERIFY_FAILED" in f.reason for f in report.failed)
    assert "smtp.security" in report.failed[0].reason


def test_unreachable_server_fails_every_recipient_for_retry(state: State, edition_id: int,
                                                            smtp_server: SmtpServer) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    smtp = smtp_config(smtp_server, port=closed_port)
    report = send(state, edition_id, smtp_server, smtp=smtp)
    assert all("cannot connect to 127.0.0.1" in f.reason for f in report.failed)
    assert [d.recipient for d in state.pending_retries()] == sorted(READERS)
    assert send(state, edition_id, smtp_server).sent == tuple(READERS)


def test_unknown_edition_is_an_error(state: State, smtp_server: SmtpServer) -> None:
    with pytest.raises(DeliveryError, match="no edition 42"):
        send(state, 42, smtp_server)


def _send_and_get_killed(db_path: str, edition_id: int, host: str, port: int) -> None:
    """Child process: claim and send; the parent kills it before the server replies."""
    state = State(db_path)
    email = email_config(["ana@example.org"])
    factory = make_message_factory("Trade talks", DAY, TEXT, HTML, email)
    smtp = SmtpConfig(host=host, port=port, security="none", timeout=30)
    send_edition(state, edition_id, factory, smtp, email)


def test_killed_mid_send_is_never_resent(state: State, edition_id: int, smtp_server: SmtpServer,
                                         tmp_path: Path) -> None:
    smtp_server.delay_data_reply(30)  # the message arrives, the reply never does: the sender is killed first
    child = multiprocessing.get_context("spawn").Process(
        target=_send_and_get_killed, args=(str(tmp_path / "state.db"), edition_id, smtp_server.host,
                                           smtp_server.port))
    child.start()
    deadline = time.monotonic() + 20
    while not smtp_server.received and time.monotonic() < deadline:
        time.sleep(0.05)
    child.kill()
    child.join(10)
    assert len(smtp_server.received) == 1
    assert statuses(state, edition_id) == {"ana@example.org": DeliveryStatus.SENDING}

    smtp_server.delay_data_reply(0)
    next_run = send(state, edition_id, smtp_server, recipients=["ana@example.org"])
    assert next_run.sent == () and next_run.skipped == ()  # its sender's process is gone: unknown at once
    assert [u.recipient for u in next_run.unknown] == ["ana@example.org"]
    assert f"process {child.pid} " in next_run.unknown[0].reason and "died mid-send" in next_run.unknown[0].reason
    assert send(state, edition_id, smtp_server, recipients=["ana@example.org"]).sent == ()
    assert len(smtp_server.received) == 1, "a claim whose sender died is reported, never resent"


# --- check-config's probe, list headers --------------------------------------------------------------


def test_probe_logs_in_without_sending(smtp_auth_server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("P_USER", USERNAME)
    monkeypatch.setenv("P_PASS", PASSWORD)
    smtp = smtp_config(smtp_auth_server, username_env="P_USER", password_env="P_PASS")
    probe = probe_smtp(smtp)
    assert probe.ok and f"logged in as {USERNAME}" in probe.line and "nothing was sent" in probe.line
    assert smtp_auth_server.logins and smtp_auth_server.received == []
    monkeypatch.setenv("P_PASS", "wrong")
    bad = probe_smtp(smtp)
    assert not bad.ok and "rejected the login" in bad.line


def test_probe_reports_a_server_that_is_down_or_lacks_starttls(smtp_server: SmtpServer) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    down = probe_smtp(SmtpConfig(host="127.0.0.1", port=port, security="none", timeout=5))
    assert not down.ok and "cannot connect" in down.line
    plain = probe_smtp(smtp_config(smtp_server, security="starttls"))
    assert not plain.ok and "FAILED" in plain.line


def test_probe_speaks_starttls(tls_files: TlsFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files.cert))  # trust the test certificate, as a CA bundle
    with running_smtp_server(tls=tls_files) as server:
        probe = probe_smtp(smtp_config(server, security="starttls"))
    assert probe.ok and "(starttls)" in probe.line and server.received == []


def test_list_id_from_the_title_and_optional_list_unsubscribe() -> None:
    message = build_message("Geneva Talks: Day 2", DAY, "a", "<p>a</p>", "desk@news.example", "ana@example.org",
                            list_unsubscribe="mailto:desk@news.example?subject=unsubscribe")
    assert message["List-Id"] == "\"Geneva Talks: Day 2\" <geneva-talks-day-2.news.example>"
    assert message["List-Unsubscribe"] == "<mailto:desk@news.example?subject=unsubscribe>"
    assert build_message("T", DAY, "a", "<p>a</p>", "d@news.example", "a@b.example")["List-Unsubscribe"] is None


def test_an_update_says_so_in_the_subject() -> None:
    factory = make_message_factory("Trade talks", DAY, TEXT, HTML, email_config())
    assert factory("ana@example.org")["Subject"] == "Trade talks — 14 March 2026"
    assert factory("ana@example.org", True)["Subject"] == "Update: Trade talks — 14 March 2026"
