"""The daily job end to end on loopback: feed + article pages -> edition -> email, exactly once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from httpserver import TestServer, http_server_fixture, respond  # noqa: F401
from smtpserver import SmtpServer, smtp_server_fixture  # noqa: F401

from briefing.cli import cli
from briefing.config import database_url, load_config
from briefing.edition import publish, run_edition, send_built
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


def test_two_instances_build_and_send_a_scheduled_slot_once(story: Path, smtp_server: SmtpServer) -> None:
    from datetime import UTC, datetime
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
