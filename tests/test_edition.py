"""The daily job end to end on loopback: feed + article pages -> edition -> email, exactly once."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from httpserver import TestServer, conditional, http_server_fixture, respond  # noqa: F401
from pgserver import pg_server_fixture, pg_url_fixture  # noqa: F401  (fixtures)
from smtpserver import SmtpServer, smtp_server_fixture  # noqa: F401
from storytexts import DAM, DAM_NEXT_DAY, article, write

from briefing.cli import cli
from briefing.config import database_url, load_config
from briefing.edition import publish, run_edition, send_built
from briefing.errors import ExitCode
from briefing.models import Article
from briefing.state import State

PARAGRAPHS = [
    "Negotiators from the two harbour unions met the port authority on Monday for a third day of talks.",
    "The port authority offered a five percent pay rise, which the unions rejected as too low.",
    "\u201cWe will not accept a deal that cuts night shifts,\u201d union leader Anna Berg told reporters.",
    "Both sides said talks would resume on Friday with a mediator.",
    "Ships have queued outside the harbour for a week while the cranes stand idle.",
]


def page(title: str, body: list[str]) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>")


def rss(server: TestServer, entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{server.url(path)}</link><guid>{path}</guid>"
        f"<description>Teaser.</description><pubDate>Mon, 16 Feb 2026 08:00:00 GMT</pubDate></item>"
        for path, title in entries)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
            f"<link>{server.url('/')}</link><description>d</description>{items}</channel></rss>")


@pytest.fixture
def story(http_server: TestServer, tmp_path: Path, smtp_server: SmtpServer) -> Iterator[Path]:
    """A feed of two articles on the loopback server and a config that mails two recipients."""
    entries = [("/a1", "Port talks stall"), ("/a2", "Unions reject pay offer")]
    http_server.route("/a1", respond(page("Port talks stall", PARAGRAPHS), content_type="text/html"))
    http_server.route("/a2", respond(page("Unions reject pay offer", PARAGRAPHS[1:] + PARAGRAPHS[:1]),
                                     content_type="text/html"))
    http_server.route("/feed.xml", respond(rss(http_server, entries), content_type="application/rss+xml"))
    config = tmp_path / "job.yaml"
    config.write_text(f"""
title: Harbour strike
sources:
  - name: harbour
    url: {http_server.url('/feed.xml')}
    full_text: true
fetch: {{allow_private: true, timeout: 5}}
state: {{database: state.db}}
output: {{dir: out}}
smtp: {{host: 127.0.0.1, port: {smtp_server.port}, security: none}}
email:
  sender: briefing@example.org
  recipients: [desk@example.org, editor@example.org]
  list_id: harbour.briefing.example.org
""")
    yield config


def test_build_send_delivers_one_multipart_message_per_recipient(story: Path, smtp_server: SmtpServer,
                                                                 http_server: TestServer) -> None:
    result = CliRunner().invoke(cli, ["build", "--config", str(story), "--send"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "sent 2, failed 0" in result.output
    assert {r.rcpt_tos[0] for r in smtp_server.received} == {"desk@example.org", "editor@example.org"}
    message = smtp_server.received[0].message
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"].startswith("Harbour strike") and message["Message-ID"] and message["Date"]
    assert "harbour.briefing.example.org" in message["List-Id"]
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    html_body = html.get_content()
    assert 'style="' in html_body and "<script" not in html_body.lower()
    assert "<link" not in html_body.lower() and 'src="http' not in html_body
    assert http_server.url("/a1") in html_body  # sources are linked
    assert "Anna Berg" in text.get_content()


def test_send_again_sends_nothing_twice(story: Path, smtp_server: SmtpServer) -> None:
    config = load_config(story)
    publish(config, send=True)
    assert len(smtp_server.received) == 2
    report = send_built(config)
    assert report.sent == () and len(smtp_server.received) == 2
    result = CliRunner().invoke(cli, ["send", "--config", str(story)])
    assert result.exit_code == 0 and len(smtp_server.received) == 2


def test_failed_send_is_recorded_and_retried_on_next_run(story: Path, smtp_server: SmtpServer) -> None:
    config = load_config(story)
    smtp_server.refuse("editor@example.org")
    report = publish(config, send=True)
    assert report.delivery is not None and [o.recipient for o in report.delivery.failed] == ["editor@example.org"]
    assert report.edition_id is not None
    smtp_server.refuse()
    again = run_edition(str(story))  # retries the failed delivery; the rebuilt edition holds nothing new
    state = State(database_url(config))
    first = {d.recipient: d.status for d in state.deliveries(report.edition_id)}
    state.close()
    assert first == {"desk@example.org": "sent", "editor@example.org": "sent"}
    assert again is not None and again.unchanged_since == report.edition_id and again.delivery is not None
    assert again.delivery.sent == () and "Nothing new to send" in again.delivery.describe()
    # edition 1 to desk at once and to editor on the retry: the same content never twice
    assert len(smtp_server.to("editor@example.org")) == 1
    assert len(smtp_server.to("desk@example.org")) == 1


def test_what_is_new_since_the_last_edition_sent(story: Path, http_server: TestServer) -> None:
    config = load_config(story)
    publish(config, send=True)
    entries = [("/a1", "Port talks stall"), ("/a2", "Unions reject pay offer"), ("/a3", "Mediator named")]
    http_server.route("/a3", respond(page("Mediator named", [
        "The government named a retired judge as mediator in the harbour dispute on Tuesday.",
        "The judge said she would meet both sides before the talks on Friday."]), content_type="text/html"))
    http_server.route("/feed.xml", respond(rss(http_server, entries), content_type="application/rss+xml"))
    report = publish(config)
    data = json.loads((config.output.dir / "latest.json").read_text())
    new = {s["title"]: s["new"] for s in data["sources"]}
    assert new == {"Port talks stall": False, "Unions reject pay offer": False, "Mediator named": True}
    assert report.briefing.stats.articles == 3


def test_a_dead_feed_does_not_sink_the_edition(story: Path, tmp_path: Path, http_server: TestServer) -> None:
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "note.txt").write_text(" ".join(PARAGRAPHS))
    text = story.read_text().replace("sources:\n", f"sources:\n  - name: dead\n    url: {http_server.url('/gone')}\n"
                                     "  - name: local\n    path: local\n")
    story.write_text(text)
    report = publish(load_config(story))
    assert [f.source for f in report.briefing.failures] == ["dead"]
    assert "404" in report.briefing.failures[0].reason
    assert report.briefing.stats.articles == 3
    assert "dead" in (load_config(story).output.dir / "latest.html").read_text()
    assert report.run_line.endswith(" Failed: dead (HTTP 404 Not Found).")  # `briefing run` names it


def test_two_instances_build_and_send_a_scheduled_slot_once(story: Path, smtp_server: SmtpServer) -> None:
    at = datetime(2026, 2, 18, 6, 0, 30, tzinfo=UTC)  # just after the default 06:00 slot
    first = run_edition(str(story), now=at)
    second = run_edition(str(story), now=at.replace(minute=5))
    assert first is not None and second is None
    assert len(smtp_server.received) == 2
    morning = run_edition(str(story), now=at.replace(day=19))  # the next morning builds again...
    assert morning is not None and morning.unchanged_since == first.edition_id
    assert len(smtp_server.received) == 2  # ...but the same articles are not mailed again


def test_facts_already_sent_are_not_news_again(story: Path, http_server: TestServer) -> None:
    config = load_config(story)
    publish(config, send=True)
    entries = [("/a1", "Port talks stall"), ("/a3", "Mediator named")]
    http_server.route("/a3", respond(page("Mediator named", [
        "The government named a retired judge as mediator in the harbour dispute on Tuesday.",
        "The judge said she would meet both sides before the talks on Friday.",
        PARAGRAPHS[1]]), content_type="text/html"))
    http_server.route("/feed.xml", respond(rss(http_server, entries), content_type="application/rss+xml"))
    briefing = publish(config).briefing
    fresh = [p for p in briefing.summary if p.new]
    assert fresh and all("offered a five percent pay rise" not in p.text for p in fresh)
    assert briefing.summary[0].new  # new facts come first


# --- editions a cron user can trust ----------------------------------------------------------------


def build(config: Path, *args: str) -> Result:
    """`briefing build --config CONFIG ARGS` through click's runner."""
    return CliRunner().invoke(cli, ["build", "--config", str(config), *args], catch_exceptions=False)


def latest_titles(config: Path) -> list[str]:
    return [s["title"] for s in json.loads((load_config(config).output.dir / "latest.json").read_text())["sources"]]


def test_same_day_rerun_answered_304_rebuilds_the_same_edition_and_mails_nothing(
        story: Path, http_server: TestServer, smtp_server: SmtpServer) -> None:
    entries = [("/a1", "Port talks stall"), ("/a2", "Unions reject pay offer")]
    http_server.route("/feed.xml", conditional(rss(http_server, entries), "application/rss+xml", etag='"v1"'))
    first = build(story, "--send")
    assert first.exit_code == 0, first.output
    dated = sorted(p.name for p in load_config(story).output.dir.iterdir())
    second = build(story, "--send")
    assert http_server.hits("/feed.xml")[-1].headers.get("if-none-match") == '"v1"'  # it was a 304
    assert second.exit_code == 0, second.output
    assert "Done: 2 articles" in second.output and "No new articles since edition 1" in second.output
    assert "Nothing new to send" in second.output
    assert latest_titles(story) == ["Port talks stall", "Unions reject pay offer"]  # not "No developments"
    assert sorted(p.name for p in load_config(story).output.dir.iterdir()) == dated
    assert len(smtp_server.received) == 2  # one per recipient, from the first build only


def edition_json(config: Path) -> dict[str, object]:
    """latest.json without its generation time."""
    data = json.loads((load_config(config).output.dir / "latest.json").read_text())
    return {key: value for key, value in data.items() if key not in ("generated", "stats")}


def test_a_same_day_rerun_is_not_earlier_than_itself(story: Path, smtp_server: SmtpServer) -> None:
    first = build(story, "--send")
    assert first.exit_code == 0, first.output
    sent = edition_json(story)
    again = build(story, "--send")
    assert "No new articles since edition 1" in again.output and "Nothing new to send" in again.output
    again_json = edition_json(story)
    for data in (again_json, sent):  # the story memory counts articles new since the last build
        data["story"] = {**data["story"], "new_articles": None}  # type: ignore[dict-item]
    assert again_json == sent  # every line as new as when it was mailed, in the same order
    assert "seen before" not in (load_config(story).output.dir / "latest.html").read_text()
    assert len(smtp_server.received) == 2


def test_all_sources_failed_keeps_the_last_edition_sends_nothing_and_exits_3(
        story: Path, tmp_path: Path, http_server: TestServer, smtp_server: SmtpServer) -> None:
    assert build(story, "--send").exit_code == 0
    latest = (load_config(story).output.dir / "latest.html").read_text()
    binary = tmp_path / "binary"
    binary.mkdir()
    for name in ("a.txt", "b.html", "c.md"):
        (binary / name).write_bytes(bytes(range(256)) * 20)
    gone = f"url: {http_server.url('/gone')}"
    story.write_text(story.read_text().replace(f"url: {http_server.url('/feed.xml')}", gone)
                     .replace("sources:\n", f"sources:\n  - name: missing\n    path: {tmp_path / 'nowhere'}\n"
                              f"  - name: binary\n    path: {binary}\n"))
    result = build(story, "--send")
    assert result.exit_code == ExitCode.NOTHING_TO_PUBLISH, result.output
    assert "nothing to publish" in result.output and "Traceback" not in result.output
    assert "every source failed: 2 sources and 3 files of 1 source;" in result.output, result.output
    for name in ("missing", "harbour", "a.txt", "b.html", "c.md"):
        assert name in result.output
    assert (load_config(story).output.dir / "latest.html").read_text() == latest
    assert len(smtp_server.received) == 2
    check = CliRunner().invoke(cli, ["check-config", "--config", str(story), "--offline"])
    assert check.exit_code == 1 and "binary: FAILED: none of the 3 files" in check.output
    assert "missing: FAILED" in check.output and "OK: all" not in check.output


def test_an_empty_folder_is_nothing_to_publish(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["build", "--source", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    assert result.exit_code == ExitCode.NOTHING_TO_PUBLISH and not (tmp_path / "o" / "latest.html").exists()


def test_partial_edition_is_published_lists_the_failure_and_exits_4(story: Path, http_server: TestServer,
                                                                    smtp_server: SmtpServer) -> None:
    story.write_text(story.read_text().replace("sources:\n", f"sources:\n  - name: dead\n"
                                               f"    url: {http_server.url('/gone')}\n"))
    result = build(story, "--send")
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert result.output.count("source failed: dead") == 1 and "HTTP 404" in result.output
    assert "1 failed source " in result.output and len(smtp_server.received) == 2
    assert "dead" in (load_config(story).output.dir / "latest.html").read_text()


def test_every_delivery_refused_exits_5_for_build_and_send(story: Path, smtp_server: SmtpServer) -> None:
    smtp_server.refuse("desk@example.org", "editor@example.org")
    result = build(story, "--send")
    assert result.exit_code == ExitCode.DELIVERY_FAILED and "sent 0, failed 2" in result.output
    assert sum("desk@example.org" in line for line in result.output.splitlines()) == 1, result.output  # once
    assert "Warning:" not in result.output and "delivery failed for some recipient" in result.output
    again = CliRunner().invoke(cli, ["send", "--config", str(story)])
    assert again.exit_code == ExitCode.DELIVERY_FAILED
    quiet = CliRunner().invoke(cli, ["-q", "send", "--config", str(story)])  # -q: only the errors, once
    assert quiet.exit_code == ExitCode.DELIVERY_FAILED and quiet.output.count("failed: desk@example.org") == 1
    assert "sent 0" not in quiet.output, quiet.output
    smtp_server.refuse()
    assert CliRunner().invoke(cli, ["send", "--config", str(story)]).exit_code == 0
    assert len(smtp_server.received) == 2


def add_article(server: TestServer) -> None:
    """Put a third article in the feed."""
    entries = [("/a1", "Port talks stall"), ("/a2", "Unions reject pay offer"), ("/a3", "Mediator named")]
    server.route("/a3", respond(page("Mediator named", [
        "The government named a retired judge as mediator in the harbour dispute on Tuesday.",
        "The judge said she would meet both sides before the talks on Friday."]), content_type="text/html"))
    server.route("/feed.xml", respond(rss(server, entries), content_type="application/rss+xml"))


def test_two_builds_on_one_day_mail_once_then_an_update_only_when_articles_change(
        story: Path, http_server: TestServer, smtp_server: SmtpServer) -> None:
    assert build(story, "--send").exit_code == 0
    again = build(story, "--send")
    assert again.exit_code == 0 and "Nothing new to send" in again.output and len(smtp_server.received) == 2
    add_article(http_server)
    update = build(story, "--send")
    assert update.exit_code == 0 and "sent 2" in update.output
    subjects = [r.message["Subject"] for r in smtp_server.received]
    assert [s.startswith("Update: ") for s in subjects] == [False, False, True, True]
    assert build(story, "--send").exit_code == 0 and len(smtp_server.received) == 4
    forced = build(story, "--send", "--force")
    assert forced.exit_code == 0 and len(smtp_server.received) == 6  # --force overrides


def test_resend_never_mails_one_edition_a_day(story: Path, http_server: TestServer,
                                              smtp_server: SmtpServer) -> None:
    story.write_text(story.read_text().replace("email:\n", "email:\n  resend: never\n"))
    assert build(story, "--send").exit_code == 0
    add_article(http_server)
    result = build(story, "--send")
    assert result.exit_code == 0 and "email.resend: never" in result.output and len(smtp_server.received) == 2


# --- the daily job on a real scheduler --------------------------------------------------------------

# The scheduled job below runs each firing one minute after the one before on this clock, so three
# firings a few seconds apart are three runs of a one-minute cron ("* * * * *").
CLOCK = [datetime(2026, 2, 18, 6, 0, 5, tzinfo=UTC)]


def fire_a_minute_later(config_path: str) -> object:
    """The job under test: the real daily run, on a clock that moves one minute per firing."""
    CLOCK[0] += timedelta(minutes=1)
    return run_edition(config_path, now=CLOCK[0])


def test_run_on_a_one_minute_cron_mails_twice_in_three_firings_with_one_new_article(
        story: Path, http_server: TestServer, smtp_server: SmtpServer, capsys: pytest.CaptureFixture[str]) -> None:
    from apscheduler.triggers.interval import IntervalTrigger

    from briefing.console import run_reporter
    from briefing.schedule import add_run_reporter, make_scheduler, run_job

    story.write_text(story.read_text().replace("[desk@example.org, editor@example.org]", "[desk@example.org]")
                     + 'schedule: {cron: "* * * * *"}\n')
    config = load_config(story)
    lines: list[str] = []
    printed = run_reporter(False)  # `briefing run`'s own printer, called in the scheduler's thread

    def report(line: str) -> None:
        printed(line)
        lines.append(line)
        if len(lines) == 2:  # between the second firing and the third (reported as the second ends)
            add_article(http_server)

    interval = IntervalTrigger(seconds=4, start_date=datetime.now(UTC) + timedelta(seconds=0.5))
    scheduler = make_scheduler(config, run_job, args=(str(story), "test_edition:fire_a_minute_later"),
                               blocking=False, trigger=interval)
    add_run_reporter(scheduler, report, interval, ZoneInfo("UTC"))
    scheduler.start()
    try:
        wait_until(lambda: len(lines) >= 3, 40)
    finally:
        scheduler.shutdown(wait=True)
    assert len(lines) == 3 and all(": exit 0: Done: " in line and "Next run 20" in line for line in lines), lines
    assert "Nothing new to send" not in lines[0] and "sent 1" in lines[0]
    assert "No new articles since edition 1" in lines[1] and "sent 0, skipped 1" in lines[1]
    assert "Done: 3 articles" in lines[2] and "sent 1" in lines[2]
    assert capsys.readouterr().out.splitlines() == lines  # each firing's line reached stdout, once
    subjects = [r.message["Subject"] for r in smtp_server.received]
    assert len(subjects) == 2 and subjects[1].startswith("Update: ")


def wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# --- processes: kill -9 between claim and send; two instances on one database ---------------------

TESTS = Path(__file__).resolve().parent


def start_build(config: Path, *args: str) -> subprocess.Popen[str]:
    """`briefing build --config CONFIG --send` in its own process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS.parent), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "briefing", "build", "--config", str(config), "--send", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def statuses(config: Path) -> dict[str, str]:
    state = State(database_url(load_config(config)))
    try:
        return {d.recipient: d.status.value for e in (1, 2, 3) for d in state.deliveries(e)}
    finally:
        state.close()


def test_kill_9_between_claim_and_send_never_mails_twice(story: Path, smtp_server: SmtpServer) -> None:
    mute = socket.socket()  # accepts connections (the kernel does) but never greets: the send hangs
    mute.bind(("127.0.0.1", 0))
    mute.listen(8)
    real = f"port: {smtp_server.port}"
    story.write_text(story.read_text().replace(real, f"port: {mute.getsockname()[1]}, timeout: 60"))
    child = start_build(story)
    try:
        wait_until(lambda: child.poll() is None and "sending" in statuses(story).values(), 60)
    finally:
        child.kill()
        child.wait()
        mute.close()
    assert child.returncode == -signal.SIGKILL
    story.write_text(re.sub(r"port: \d+, timeout: 60", real, story.read_text()))
    claimed = [r for r, s in statuses(story).items() if s == "sending"]
    assert len(claimed) == 1 and claimed[0] not in {r for m in smtp_server.received for r in m.rcpt_tos}
    again = build(story, "--send")  # the claim's process is dead: its outcome is unknown, reported at once
    assert again.exit_code == ExitCode.DELIVERY_FAILED, again.output
    assert f"unknown: {claimed[0]}: the worker that claimed it (process {child.pid} " in again.output
    assert "delivery failed for some recipient" in again.output and "send --force" in again.output
    assert "being sent by another worker" not in again.output and again.output.count(claimed[0]) == 1
    assert statuses(story)[claimed[0]] == "unknown"
    assert build(story, "--send").exit_code == 0  # unknown: never resent without --force
    assert len(smtp_server.to(claimed[0])) == 0
    forced = CliRunner().invoke(cli, ["send", "--config", str(story), "--force"])
    assert forced.exit_code == 0 and len(smtp_server.to(claimed[0])) == 1, forced.output
    assert all(len(smtp_server.to(r)) == 1 for r in ("desk@example.org", "editor@example.org"))


def test_a_live_workers_claim_is_never_taken_over(story: Path, smtp_server: SmtpServer) -> None:
    assert build(story).exit_code == 0
    state = State(database_url(load_config(story)))
    try:
        assert state.claim_delivery(1, "desk@example.org", f"{socket.gethostname()}:{os.getpid()}:live")
        assert state.claim_delivery(1, "editor@example.org", f"{socket.gethostname()}:1:init")  # pid 1 runs
        assert state.expire_stale() == []
    finally:
        state.close()
    for again in (build(story, "--send"), CliRunner().invoke(cli, ["send", "--config", str(story), "--force"])):
        assert "being sent by another worker" in again.output and again.exit_code == 0, again.output
    assert smtp_server.received == []


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_instances_on_one_database_mail_each_recipient_once(story: Path, smtp_server: SmtpServer,
                                                                 request: pytest.FixtureRequest,
                                                                 database: str) -> None:
    if database == "postgresql":
        url = request.getfixturevalue("pg_url")
        story.write_text(story.read_text().replace("state: {database: state.db}", f"state: {{database: '{url}'}}"))
    children = [start_build(story), start_build(story)]
    outputs = [c.communicate(timeout=120)[0] for c in children]
    assert [c.returncode for c in children] == [0, 0], outputs
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == ["desk@example.org", "editor@example.org"]
    assert build(story, "--send").exit_code == 0 and len(smtp_server.received) == 2


def test_check_config_probes_the_mail_server_and_fails_when_it_is_down(story: Path, smtp_server: SmtpServer) -> None:
    result = CliRunner().invoke(cli, ["check-config", "--config", str(story)])
    assert result.exit_code == 0, result.output
    assert f"smtp: OK: 127.0.0.1:{smtp_server.port} (none) answers" in result.output and not smtp_server.received
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    story.write_text(story.read_text().replace(f"port: {smtp_server.port}", f"port: {port}"))
    result = CliRunner().invoke(cli, ["check-config", "--config", str(story)])
    assert result.exit_code == 1 and "smtp: FAILED: cannot connect" in result.output
    assert "harbour: OK" in result.output and "1 of 3 checks failed" in result.output


def test_resend_always_mails_every_build_as_an_update(story: Path, smtp_server: SmtpServer) -> None:
    story.write_text(story.read_text().replace("email:\n", "email:\n  resend: always\n"))
    assert build(story, "--send").exit_code == 0 and build(story, "--send").exit_code == 0
    subjects = [r.message["Subject"] for r in smtp_server.to("desk@example.org")]
    assert len(subjects) == 2 and subjects[1].startswith("Update: ")


def test_broken_feeds_through_the_cli_are_listed_without_traceback(story: Path, http_server: TestServer) -> None:
    import gzip
    body = rss(http_server, [("/a1", "Port talks stall")]).encode()
    http_server.route("/broken.xml", respond(b"\x1f\x8b\x08\x00" + b"\x07" * 300, content_type="application/rss+xml",
                                             headers={"Content-Encoding": "gzip"}))
    http_server.route("/cut.xml", respond(gzip.compress(body)[:-25], content_type="application/rss+xml",
                                          headers={"Content-Encoding": "gzip"}))
    http_server.route("/gb.xml", respond(body.decode().replace('<?xml version="1.0"?>',
                                                               '<?xml version="1.0" encoding="gb2312"?>')
                                         .replace("Harbour News", "港口新闻").encode("gb2312"),
                                         content_type="application/rss+xml"))
    extra = "".join(f"  - name: {name}\n    url: {http_server.url(path)}\n"
                    for name, path in (("broken", "/broken.xml"), ("cut", "/cut.xml"), ("gb", "/gb.xml")))
    story.write_text(story.read_text().replace("sources:\n", "sources:\n" + extra))
    result = build(story)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "Traceback" not in result.output and "unexpected" not in result.output
    assert "source failed: broken:" in result.output and "compressed body is broken" in result.output
    assert "source failed: cut:" in result.output and "truncated" in result.output
    assert "entries recovered" not in result.output  # one true message of the truncated feed, not two
    assert [line for line in result.output.splitlines() if "/cut.xml" in line] == [
        next(line for line in result.output.splitlines() if "source failed: cut:" in line)]
    assert "source failed: gb" not in result.output
    check = CliRunner().invoke(cli, ["check-config", "--config", str(story)])
    assert "gb: OK: rss20 '港口新闻'" in check.output and "harbour: OK" in check.output
    assert check.exit_code == 1 and "broken: FAILED" in check.output and "Traceback" not in check.output
    assert "cut: FAILED" in check.output and "2 of 6 checks failed" in check.output


def test_a_folder_of_binary_files_counts_files_of_one_source(tmp_path: Path) -> None:
    folder = tmp_path / "blobs"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["build", "--source", str(folder), "--out", str(tmp_path / "o")])
    assert result.exit_code == ExitCode.NOTHING_TO_PUBLISH, result.output
    assert "nothing to publish: every source failed: 2 files of 1 source;" in result.output, result.output
    assert "(2 of 1)" not in result.output and result.output.count("Warning: source failed:") == 2


def dated_build(config: Path, day: str, articles: list[Article]) -> dict:
    """`briefing build --date DAY` over a folder holding only these articles; the edition's JSON."""
    folder = config.parent / "news"
    for old in folder.glob("*.txt"):
        old.unlink()
    write(folder, articles)
    result = CliRunner().invoke(cli, ["build", "--config", str(config), "--date", day], catch_exceptions=False)
    assert result.exit_code == ExitCode.OK, result.output
    return json.loads((config.parent / "out" / "latest.json").read_text(encoding="utf-8"))


@pytest.fixture()
def dated_story(tmp_path: Path) -> Path:
    """A config of one folder source, a SQLite state file and a story window of 5 days."""
    config = tmp_path / "dam.yaml"
    config.write_text("title: Varnholm dam\nsources:\n  - {name: news, path: news}\nstate: {database: state.db}\n"
                      "focus: {window_days: 5}\noutput: {dir: out, formats: [json]}\n", encoding="utf-8")
    return config


def story_rows(config: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(id, first day, last day) of each stored story, and the days whose term counts are stored."""
    with sqlite3.connect(config.parent / "state.db") as conn:
        tracks = conn.execute("SELECT id, first_day, last_day FROM story_tracks ORDER BY first_day").fetchall()
        days = [row[0] for row in conn.execute("SELECT day FROM story_days ORDER BY day")]
    return tracks, days


def test_editions_built_with_two_dates_are_two_days_of_the_story(dated_story: Path) -> None:
    first = dated_build(dated_story, "2026-03-01", [article(i, *dam) for i, dam in enumerate(DAM)])
    second = dated_build(dated_story, "2026-03-02", [article(30, *DAM_NEXT_DAY)])
    assert (first["date"], second["date"]) == ("2026-03-01", "2026-03-02")
    assert second["story"]["id"] == first["story"]["id"]
    assert (first["story"]["day"], second["story"]["day"]) == (1, 2)
    assert second["story"]["new_articles"] == 1
    tracks, days = story_rows(dated_story)
    assert tracks == [(first["story"]["id"], "2026-03-01", "2026-03-02")]
    assert days == ["2026-03-01", "2026-03-02"]


def test_the_window_counts_back_from_the_edition_date(dated_story: Path) -> None:
    first = dated_build(dated_story, "2026-03-01", [article(i, *dam) for i, dam in enumerate(DAM)])
    later = dated_build(dated_story, "2026-03-20", [article(30, *DAM_NEXT_DAY)])
    assert later["story"]["id"] != first["story"]["id"] and later["story"]["day"] == 1
    tracks, days = story_rows(dated_story)
    assert [t[1:] for t in tracks] == [("2026-03-01", "2026-03-01"), ("2026-03-20", "2026-03-20")]
    assert days == ["2026-03-20"]  # term counts older than the window are dropped


def test_articles_none_of_which_is_about_the_story_are_said_to_be_so(tmp_path: Path) -> None:
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "cup.txt").write_text("Club wins the cup\n\nThe local football club won the regional cup on "
                                    "Saturday after a penalty shootout.\n\nThe coach praised the players.\n")
    (folder / "bakery.txt").write_text("Bakery opens\n\nA new bakery opened on the main street on Monday, "
                                       "selling bread and cakes.\n\nThe owner said she had waited for years.\n")
    config = tmp_path / "b.yaml"
    config.write_text("title: Harbour strike\nabout: Dock workers strike at the harbour over pay and night "
                      "shifts\nsources: [{name: local, path: local}]\nstate: {database: s.db}\n")
    result = build(config)
    assert result.exit_code == ExitCode.NOTHING_TO_PUBLISH
    assert "the sources gave no articles" not in result.output
    assert "none of the 2 articles read is about this story" in result.output, result.output
    assert "focus.threshold" in result.output


def test_a_later_edition_that_only_lost_articles_is_no_update(story: Path, tmp_path: Path, http_server: TestServer,
                                                              smtp_server: SmtpServer) -> None:
    assert build(story, "--send").exit_code == 0
    assert len(smtp_server.received) == 2
    http_server.route("/feed.xml", respond(rss(http_server, [("/a1", "Port talks stall")]),
                                           content_type="application/rss+xml"))  # an item dropped for a while
    shrunk = build(story, "--send")
    assert shrunk.exit_code == 0, shrunk.output
    assert len(smtp_server.received) == 2, "an edition with nothing new is no 'Update:'"
    assert "skipped: desk@example.org: nothing new since edition 1" in shrunk.output
    http_server.route("/a3", respond(page("Mediator named", ["The government named a retired judge as "
                                                             "mediator in the harbour dispute on Tuesday."]),
                                     content_type="text/html"))
    http_server.route("/feed.xml", respond(rss(http_server, [("/a1", "Port talks stall"), ("/a3", "Mediator named")]),
                                           content_type="application/rss+xml"))
    grown = build(story, "--send")
    assert grown.exit_code == 0, grown.output
    assert len(smtp_server.received) == 4
    assert all(b"\nSubject: Update: " in b"\n" + m.data for m in smtp_server.received[2:])


def test_the_edition_is_dated_today_in_the_schedule_s_time_zone(story: Path) -> None:
    story.write_text(story.read_text() + "schedule: {cron: '30 7 * * *', timezone: Asia/Tokyo}\n")
    at = datetime(2026, 2, 18, 22, 30, 30, tzinfo=UTC)  # 07:30 on 19 February in Tokyo
    report = run_edition(str(story), now=at)
    assert report is not None and report.briefing.date.isoformat() == "2026-02-19"
    assert (load_config(story).output.dir / "briefing-2026-02-19.html").exists()
    built = CliRunner().invoke(cli, ["build", "--config", str(story), "--format", "json"])
    today_in_tokyo = datetime.now(ZoneInfo("Asia/Tokyo")).date().isoformat()
    assert json.loads((load_config(story).output.dir / "latest.json").read_text())["date"] == today_in_tokyo, \
        built.output
