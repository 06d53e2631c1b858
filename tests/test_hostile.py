"""Hostile input and faults, end to end: nothing crashes, nothing leaks into the page, nothing is lost or sent twice.

Every case of the corpus (tests/hostile/corpus.py) is built through ``publish`` against a
real loopback HTTP server, and every output is audited: the HTML and the email HTML with
the stdlib's html.parser (no <script>, no on* attributes, every href http(s) or '#'), the
text and Markdown for raw markup, the JSON by parsing it. Then come the large inputs, the
network, SMTP, kill -9 and full-disk faults, the CLI's error messages and property tests
of the whole analysis.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from hostile.corpus import PROSE, TEXT, Case, big_text, corpus, counts, esc, item, many_entries, rss
from httpserver import (  # noqa: F401  (http_server_fixture: the fixture)
    Route,
    TestServer,
    drip,
    http_server_fixture,
    redirect,
    reset,
    respond,
    stall,
    status,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from smtpserver import (  # noqa: F401  (the smtp_server and smtp_auth_server fixtures)
    PASSWORD,
    USERNAME,
    SmtpServer,
    smtp_auth_server_fixture,
    smtp_server_fixture,
)

from briefing.clean import clean_article
from briefing.cli import cli as cli_group
from briefing.config import Config, database_url, load_config
from briefing.edition import EditionReport, publish, send_built
from briefing.errors import NothingToPublishError
from briefing.ingest import MAX_ARTICLE_CHARS, source_statuses
from briefing.models import Article
from briefing.pipeline import Corpus, analyse
from briefing.quotes import QuoteOptions, extract_quotes
from briefing.render import render
from briefing.sentences import split_sentences
from briefing.state import DeliveryStatus, State

pytestmark = pytest.mark.timeout(120)

NOW = datetime(2026, 2, 18, 12, 0, tzinfo=UTC)
CASES = corpus()
# One case may take this long end to end (the slowest, the pathological ones, take ~2 s here).
CASE_SECONDS = 20
# Growth of the process's peak memory one case may cause: the caps keep every case far below.
CASE_MEMORY_MB = 300
FORMATS = ("html", "txt", "md", "json")
URL_ATTRIBUTES = frozenset({"src", "action", "formaction", "data", "poster", "background", "srcset",
                            "xlink:href", "codebase", "cite", "longdesc", "manifest", "ping"})
ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                         "input", "button", "svg", "math", "img", "link", "video", "audio", "source"})


# --- audits ----------------------------------------------------------------------------------------


class Audit(HTMLParser):
    """Collects what a page must never hold, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            elif name == "href" and not (value.startswith("#") or _http(value)):
                self.problems.append(f"<{tag} href={value!r}>")
            elif name in URL_ATTRIBUTES:
                self.problems.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and re.search(r"url\s*\(|expression|javascript", value, re.IGNORECASE):
                self.problems.append(f"<{tag} style={value!r}>")
            elif tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url.startswith(("http://", "https://"))


def audit_html(html: str, what: str) -> str:
    """Assert the page is complete and inert; return its text, whitespace collapsed."""
    assert html.rstrip().endswith("</html>"), f"{what}: incomplete"
    assert "<script" not in html.lower(), f"{what}: raw <script"
    audit = Audit()
    audit.feed(html)
    audit.close()
    assert audit.problems == [], f"{what}: {audit.problems}"
    return " ".join("".join(audit.text).split())


MD_RAW_TAG = re.compile(r"(?<!\\)<(?!/?sub>)[A-Za-z/!?]")
MD_LINK = re.compile(r"(?<!\\)\]\((?P<target>[^)\s]*)")


def audit_markdown(md: str) -> None:
    """No raw HTML (but the template's own <sub>) and no link to anything but http(s)."""
    assert MD_RAW_TAG.search(md) is None, MD_RAW_TAG.search(md)
    bad = [m["target"] for m in MD_LINK.finditer(md) if not _http(m["target"])]
    assert bad == []


@dataclass(frozen=True)
class Edition:
    """What a build left: the report and every output as text."""

    report: EditionReport
    outputs: dict[str, str]
    email_html: str
    email_text: str

    def everything(self) -> str:
        """All outputs, for strings that must appear nowhere."""
        return "\n".join([*self.outputs.values(), self.email_html, self.email_text])


def read_edition(config: Config, report: EditionReport) -> Edition:
    """The latest files and the email bodies stored with the edition."""
    out = config.output.dir
    outputs = {str(fmt): (out / f"latest.{fmt}").read_text(encoding="utf-8") for fmt in config.output.formats}
    state = State(database_url(config))
    try:
        assert report.edition_id is not None
        edition = state.edition(report.edition_id)
        assert edition is not None and edition.payload_json
        payload = json.loads(edition.payload_json)
    finally:
        state.close()
    return Edition(report, outputs, payload["html"], payload["text"])


def audit_edition(edition: Edition) -> None:
    """Every output inert and complete; every failed source listed with its reason."""
    text = audit_html(edition.outputs["html"], "latest.html")
    mail = audit_html(edition.email_html, "email html")
    for plain in (edition.outputs["txt"], edition.email_text):
        assert "<script" not in plain.lower()
    audit_markdown(edition.outputs["md"])
    data = json.loads(edition.outputs["json"])
    assert data["schema"] == "briefing/1"
    failures = edition.report.briefing.failures
    assert [(f["source"], f["reason"]) for f in data["failures"]] == [(f.source, f.reason) for f in failures]
    flat_txt = " ".join(edition.outputs["txt"].split())
    for failure in failures:
        for listing in (text, mail, flat_txt):
            assert " ".join(failure.source.split()) in listing
        assert " ".join(failure.reason.split())[:40] in text


# --- building a case ----------------------------------------------------------------------------


def write_config(folder: Path, sources: list[dict[str, object]], **sections: object) -> Path:
    """A YAML config in ``folder`` with state and output there too."""
    data: dict[str, object] = {
        "title": "Hostile edition", "sources": sources,
        "fetch": {"timeout": 2, "allow_private": False, "trusted_feed_networks": ["127.0.0.1/32"]},
        "state": {"database": "state.db"}, "output": {"dir": "out"}}
    for key, value in sections.items():
        base = data.get(key)
        data[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
    path = folder / "briefing.yaml"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def setup_case(case: Case, tmp_path: Path, server: TestServer) -> Config:
    """Write the case's files, serve its feeds and pages, and load its config."""
    base = server.url("").rstrip("/")
    sources: list[dict[str, object]] = []
    if case.files:
        folder = tmp_path / "src"
        folder.mkdir()
        for name, data in case.files.items():
            (folder / name).write_bytes(data)
        sources.append({"name": "files", "path": "src"})
    for number, (path, body) in enumerate(case.feeds.items(), start=1):
        server.route(path, respond(body.replace(b"{BASE}", base.encode()), content_type=case.content_type,
                                   headers=case.headers))
        sources.append({"name": f"feed{number}", "url": base + path})
    for path, (body, kind) in case.pages.items():
        server.route(path, respond(body, content_type=kind))
    server.route("/secret", respond("TOP-SECRET"))
    server.route("/evil.dtd", respond('<!ENTITY xxe SYSTEM "file:///etc/passwd">', content_type="text/xml"))
    return load_config(write_config(tmp_path, sources, fetch={"allow_private": case.allow_private}))


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case: Case, tmp_path: Path, http_server: TestServer) -> None:
    config = setup_case(case, tmp_path, http_server)
    memory, started = peak_mb(), time.perf_counter()
    try:
        report: EditionReport | None = publish(config, now=NOW)
    except NothingToPublishError as exc:  # no article: nothing written, the failures still listed
        report, failures = None, exc.failures
        assert not (config.output.dir / "latest.html").exists()
    elapsed, grown = time.perf_counter() - started, peak_mb() - memory
    assert elapsed < CASE_SECONDS and grown < CASE_MEMORY_MB, (elapsed, grown)
    if report is not None:
        failures = report.briefing.failures
    assert all(f.hint and "unexpected" not in f.reason for f in failures), failures
    if case.expect == "read":
        assert report is not None and report.briefing.stats.articles >= 1, failures
    elif case.expect == "fail":
        assert any(case.reason in f.reason.lower() for f in failures), failures
    if case.articles is not None:
        assert (report.briefing.stats.articles if report else 0) == case.articles
    assert http_server.hits("/secret") == [] and http_server.hits("/evil.dtd") == []
    if not case.allow_private:  # links to the loopback server are refused: only feeds were requested
        assert {r.path for r in http_server.requests} <= set(case.feeds)
    if report is None:
        return
    edition = read_edition(config, report)
    audit_edition(edition)
    latest = datetime.now(UTC) + timedelta(days=1)  # a date in the future is no date at all
    assert all(a.published is None or a.published <= latest for a in report.briefing.sources)
    everything = edition.everything()
    for secret in case.never:
        assert secret not in everything


def test_corpus_size_and_categories() -> None:
    per_category = counts(CASES)
    assert len(CASES) >= 100 and min(per_category.values()) >= 5, per_category
    assert len({c.id for c in CASES}) == len(CASES)


# --- large inputs, bounded by the caps ------------------------------------------------------------


@pytest.mark.timeout(60)
def test_large_fifty_megabyte_article_is_read_up_to_the_caps(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    with (folder / "huge.txt").open("wb") as handle:
        for block in big_text(50_000_000):
            handle.write(block)
    (folder / "small.txt").write_text(TEXT, encoding="utf-8")
    config = load_config(write_config(tmp_path, [{"name": "files", "path": "src"}]))
    memory, started = peak_mb(), time.perf_counter()
    report = publish(config, now=NOW)
    elapsed, grown = time.perf_counter() - started, peak_mb() - memory
    assert elapsed < 30 and grown < CASE_MEMORY_MB, (elapsed, grown)
    assert report.briefing.stats.articles == 2 and report.briefing.failures == ()
    assert max(len(a.text) for a in report.briefing.sources) <= MAX_ARTICLE_CHARS  # 5 MB read, 200 kB kept
    audit_edition(read_edition(config, report))


@pytest.mark.timeout(60)
def test_large_fifty_megabyte_feed_and_page_are_refused_while_streaming(tmp_path: Path,
                                                                   http_server: TestServer) -> None:
    body = b"".join(big_text(50_000_000))
    http_server.route("/huge.xml", respond(body, content_type="application/rss+xml"))
    http_server.route("/huge.html", respond(body, content_type="text/html"))
    teaser = "The cranes stood idle on Monday, the union said."
    feed = rss(item("Huge page", teaser, link=http_server.url("/huge.html")))
    http_server.route("/feed.xml", respond(feed, content_type="application/rss+xml"))
    config = load_config(write_config(tmp_path, [{"name": "huge", "url": http_server.url("/huge.xml")},
                                                 {"name": "teaser", "url": http_server.url("/feed.xml")}],
                                      fetch={"allow_private": True}))
    memory, started = peak_mb(), time.perf_counter()
    report = publish(config, now=NOW)
    elapsed, grown = time.perf_counter() - started, peak_mb() - memory
    assert elapsed < 30 and grown < CASE_MEMORY_MB, (elapsed, grown)
    assert [f.source for f in report.briefing.failures] == ["huge"]
    assert "larger than fetch.max_bytes" in report.briefing.failures[0].reason
    (article,) = report.briefing.sources
    assert article.text == teaser  # the page was too large: the teaser is kept
    audit_edition(read_edition(config, report))


@pytest.mark.timeout(60)
def test_large_ten_thousand_entries_are_capped(tmp_path: Path, http_server: TestServer) -> None:
    http_server.route("/big.xml", respond(many_entries(10_000), content_type="application/rss+xml"))
    config = load_config(write_config(tmp_path, [{"name": "big", "url": http_server.url("/big.xml")}]))
    memory, started = peak_mb(), time.perf_counter()
    report = publish(config, now=NOW)
    elapsed, grown = time.perf_counter() - started, peak_mb() - memory
    assert elapsed < 30 and grown < CASE_MEMORY_MB, (elapsed, grown)
    assert report.briefing.stats.articles == config.fetch.max_entries
    audit_edition(read_edition(config, report))


# --- untrusted links: private addresses, end to end ------------------------------------------------

TEASER = "The port authority made a new offer on Monday."
PAGE = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in PROSE * 3) + "</article></body></html>")


def feed_of_links(links: dict[str, str]) -> str:
    """A feed with one short (teaser) entry per link."""
    return rss(*(item(f"Story {name}", TEASER, guid=name, link=esc(link)) for name, link in links.items()))


def test_links_to_private_addresses_keep_the_teaser_and_reach_nothing(tmp_path: Path,
                                                                      http_server: TestServer) -> None:
    port = http_server.port
    links = {"loopback": http_server.url("/page"), "localhost": f"http://localhost:{port}/page",
             "ipv6-loopback": f"http://[::1]:{port}/page", "unspecified": f"http://0.0.0.0:{port}/page",
             "decimal-loopback": f"http://2130706433:{port}/page", "short-loopback": f"http://127.1:{port}/page",
             "mapped-ipv6": f"http://[::ffff:127.0.0.1]:{port}/page",
             "link-local-metadata": "http://169.254.169.254/latest/meta-data/", "private": "http://10.0.0.1/page",
             "carrier-grade-nat": "http://100.64.0.1/page"}
    http_server.route("/page", respond(PAGE, content_type="text/html"))
    http_server.route("/feed.xml", respond(feed_of_links(links), content_type="application/rss+xml"))
    config = load_config(write_config(tmp_path, [{"name": "links", "url": http_server.url("/feed.xml"),
                                                  "full_text": True}]))
    assert config.fetch.allow_private is False
    report = publish(config, now=NOW)
    assert sorted(a.guid for a in report.briefing.sources) == sorted(links)
    assert {a.text for a in report.briefing.sources} == {TEASER}  # every page refused: the teasers stay
    assert [r.path for r in http_server.requests] == ["/feed.xml"]  # nothing reached the page route
    assert report.briefing.failures == ()
    audit_edition(read_edition(config, report))


def test_allow_private_fetches_the_same_page(tmp_path: Path, http_server: TestServer) -> None:
    http_server.route("/page", respond(PAGE, content_type="text/html"))
    http_server.route("/feed.xml", respond(feed_of_links({"loopback": http_server.url("/page")}),
                                           content_type="application/rss+xml"))
    config = load_config(write_config(tmp_path, [{"name": "links", "url": http_server.url("/feed.xml")}],
                                      fetch={"allow_private": True}))
    (article,) = publish(config, now=NOW).briefing.sources
    assert len(http_server.hits("/page")) == 1 and PROSE[0] in article.text


def test_trusted_feed_server_cannot_redirect_to_another_private_address(tmp_path: Path,
                                                                         http_server: TestServer) -> None:
    http_server.route("/moved.xml", redirect("http://10.0.0.1/feed.xml"))
    config = load_config(write_config(tmp_path, [{"name": "moved", "url": http_server.url("/moved.xml")},
                                                 {"name": "local", "path": "src"}]))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    report = publish(config, now=NOW)
    (failure,) = report.briefing.failures
    assert failure.source == "moved" and "refused to connect to 10.0.0.1" in failure.reason
    assert report.briefing.stats.articles == 1
    audit_edition(read_edition(config, report))


# --- network faults, end to end: each fails its own source, is listed, and is bounded in time -------

# Faults served for a feed, and what its failure must say. fetch.timeout is 0.3 s in this build.
FEED_FAULTS: dict[str, tuple[Route, str]] = {
    "timeout-before-headers": (stall(10), "timed out"),
    "timeout-after-headers": (stall(10, after_headers=True), "timed out"),
    "reset-before-response": (reset(), "connection reset"),
    "reset-mid-body": (reset(after_headers=True), "connection reset"),
    "slow-drip": (drip(b"<", 0.05), "took longer than"),
    "http-403": (status(403), "HTTP 403"),
    "http-404": (status(404), "HTTP 404"),
    "http-410": (status(410), "HTTP 410"),
    "http-429-retry-tomorrow": (status(429, {"Retry-After": "86400"}), "retry after"),
    "http-500": (status(500), "HTTP 500"),
    "http-503": (status(503), "HTTP 503"),
    "redirect-loop": (redirect("/fault/redirect-loop-2"), "redirect loop"),
    "redirect-chain": (redirect("/fault/chain-1"), "more than 5 redirects"),
    "redirect-to-file": (redirect("file:///etc/passwd"), "redirect refused"),
    "oversized-body": (respond(b"<rss>" + b" " * 300_000), "larger than fetch.max_bytes"),
    # 20 MB of zeros sent as ~20 kB of gzip: the cap applies to the decompressed stream.
    "gzip-bomb": (respond(gzip.compress(b"\0" * 20_000_000, compresslevel=1), content_type="application/rss+xml",
                          headers={"Content-Encoding": "gzip"}), "larger than fetch.max_bytes"),
}


def serve_faults(server: TestServer) -> None:
    """Every FEED_FAULTS route under /fault/<name>, with the helper routes the redirects need."""
    for name, (route, _) in FEED_FAULTS.items():
        server.route(f"/fault/{name}", route)
    server.route("/fault/redirect-loop-2", redirect("/fault/redirect-loop"))
    for hop in range(1, 8):
        server.route(f"/fault/chain-{hop}", redirect(f"/fault/chain-{hop + 1}"))


def test_feed_and_page_faults_each_fail_alone_and_are_listed(tmp_path: Path, http_server: TestServer) -> None:
    serve_faults(http_server)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    # Each fault as a feed, and once more as the article page of an entry in one good feed.
    links = {name: http_server.url(f"/fault/{name}") for name in FEED_FAULTS}
    http_server.route("/pages.xml", respond(feed_of_links(links), content_type="application/rss+xml"))
    sources: list[dict[str, object]] = [{"name": name, "url": url} for name, url in links.items()]
    sources += [{"name": "nothing-listening", "url": f"http://127.0.0.1:{closed}/feed.xml"},
                {"name": "good", "path": "src"}, {"name": "pages", "url": http_server.url("/pages.xml"),
                                                  "full_text": True}]
    config = load_config(write_config(tmp_path, sources,
                                      fetch={"timeout": 0.3, "max_bytes": 200_000, "allow_private": True}))
    started = time.perf_counter()
    report = publish(config, now=NOW)
    elapsed = time.perf_counter() - started
    reasons = {f.source: f.reason for f in report.briefing.failures}
    expected = {name: why for name, (_, why) in FEED_FAULTS.items()} | {"nothing-listening": "cannot connect"}
    assert {name: why in reasons.get(name, "") for name, why in expected.items()} == dict.fromkeys(expected, True), \
        reasons
    assert set(reasons) == set(expected)  # the good source and the feed of faulty pages did not fail
    pages = [a for a in report.briefing.sources if a.source == "pages"]
    assert sorted(a.guid for a in pages) == sorted(links) and {a.text for a in pages} == {TEASER}
    assert elapsed < 20, elapsed  # timeouts 0.3 s, a drip's whole-exchange deadline 0.9 s
    audit_edition(read_edition(config, report))
    statuses = "\n".join(source_statuses(config))  # and `briefing sources` shows each error
    assert statuses.count("error at") == len(expected)


# --- SMTP faults, end to end through the CLI: nothing marked sent that was not, nothing sent twice ----

READERS = ["ana@example.org", "ben@example.net", "chloe@example.com"]


def mail_config(tmp_path: Path, server: SmtpServer, recipients: list[str] = READERS, **smtp: object) -> Path:
    """A config of one local article, mailed to the recipients through the test server."""
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return write_config(tmp_path, [{"name": "local", "path": "src"}],
                        smtp={"host": server.host, "port": server.port, "security": "none", "timeout": 5, **smtp},
                        email={"sender": "briefing@example.org", "recipients": recipients})


def cli(*args: str) -> Result:
    """Run the CLI in-process; errors are the CLI's own (no exception escapes)."""
    return CliRunner().invoke(cli_group, list(args))


def deliveries(config_path: Path) -> dict[str, DeliveryStatus]:
    """recipient -> status of the latest edition's deliveries."""
    state = State(database_url(load_config(config_path)))
    try:
        edition = state.latest_edition()
        assert edition is not None
        return {d.recipient: d.status for d in state.deliveries(edition.id)}
    finally:
        state.close()


def received(server: SmtpServer) -> dict[str, int]:
    """recipient -> messages the server accepted for them."""
    return {r: len(server.to(r)) for r in READERS}


def test_smtp_auth_failure_is_retried_once_fixed(tmp_path: Path, smtp_auth_server: SmtpServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = mail_config(tmp_path, smtp_auth_server, username_env="H8_SMTP_USER", password_env="H8_SMTP_PASS")
    monkeypatch.setenv("H8_SMTP_USER", USERNAME)
    monkeypatch.setenv("H8_SMTP_PASS", "wrong password")
    result = cli("build", "--config", str(path), "--send")
    assert result.exit_code == 5 and "sent 0, failed 3" in result.stdout  # 5: delivery failed
    assert deliveries(path) == dict.fromkeys(READERS, DeliveryStatus.FAILED)
    assert (tmp_path / "out" / "latest.html").exists()  # the edition is written and recorded all the same
    monkeypatch.setenv("H8_SMTP_PASS", PASSWORD)
    assert cli("send", "--config", str(path)).exit_code == 0
    assert cli("send", "--config", str(path)).exit_code == 0  # and once more: nothing left to send
    assert received(smtp_auth_server) == dict.fromkeys(READERS, 1)
    assert deliveries(path) == dict.fromkeys(READERS, DeliveryStatus.SENT)


def test_smtp_refusal_and_disconnect_at_rcpt_are_retried_exactly_once(tmp_path: Path,
                                                                      smtp_server: SmtpServer) -> None:
    path = mail_config(tmp_path, smtp_server)
    smtp_server.refuse(READERS[0])
    result = cli("build", "--config", str(path), "--send")
    assert result.exit_code == 5 and "sent 2, failed 1" in result.stdout and "550" in result.stdout
    smtp_server.refuse()
    smtp_server.drop("rcpt")
    result = cli("send", "--config", str(path))
    assert result.exit_code == 5 and "failed 1" in result.stdout  # the retry hits a hang-up: still failed
    assert deliveries(path)[READERS[0]] == DeliveryStatus.FAILED
    smtp_server.drop(None)
    assert cli("send", "--config", str(path)).exit_code == 0
    assert received(smtp_server) == dict.fromkeys(READERS, 1)


def test_smtp_disconnect_after_the_message_is_unknown_and_never_resent(tmp_path: Path,
                                                                       smtp_server: SmtpServer) -> None:
    path = mail_config(tmp_path, smtp_server)
    smtp_server.drop("after-data")
    result = cli("build", "--config", str(path), "--send")
    assert "unknown 3" in result.stdout
    assert deliveries(path) == dict.fromkeys(READERS, DeliveryStatus.UNKNOWN)  # not marked sent
    smtp_server.drop(None)
    result = cli("send", "--config", str(path))
    assert "sent 0" in result.stdout and "skipped 3" in result.stdout and "--force" in result.stdout
    assert received(smtp_server) == dict.fromkeys(READERS, 1)  # each arrived once, never twice


def test_smtp_server_down_keeps_the_edition_for_a_later_send(tmp_path: Path, smtp_server: SmtpServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    path = mail_config(tmp_path, smtp_server, port=closed)
    result = cli("build", "--config", str(path), "--send")
    assert result.exit_code == 5 and "failed 3" in result.stdout and "cannot connect" in result.stdout
    assert deliveries(path) == dict.fromkeys(READERS, DeliveryStatus.FAILED)
    path.write_text(path.read_text().replace(f'"port": {closed}', f'"port": {smtp_server.port}'))
    assert cli("send", "--config", str(path)).exit_code == 0
    assert received(smtp_server) == dict.fromkeys(READERS, 1)


# --- kill -9 in the middle of a build or a send ---------------------------------------------------


def story_folder(folder: Path, count: int) -> None:
    """``count`` distinct small articles, enough for a build of about a second."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        paragraphs = [p.replace("Monday", f"day {number}") for p in PROSE]
        (folder / f"story-{number:03}.txt").write_text(f"Harbour dispute, part {number}\n\n"
                                                       + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


# Log lines (with --verbose) that mark the phases of a build: sources read, files written, edition recorded.
PHASES = {"read": "briefing.ingest: read ", "written": "briefing.deliver: wrote ", "done": "Done: "}


@dataclass
class Child:
    """A ``python -m briefing --verbose ...`` process, and an event per phase its log has reached."""

    process: subprocess.Popen[str]
    begun: threading.Event
    phases: dict[str, threading.Event]

    def kill(self) -> None:
        """kill -9, and reap it."""
        self.process.kill()
        self.process.wait(10)


def start_cli(*args: str) -> Child:
    """Start the CLI in a child; ``begun`` is set at its first log line from briefing (imports done)."""
    process = subprocess.Popen([sys.executable, "-m", "briefing", "--verbose", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    child = Child(process, threading.Event(), {name: threading.Event() for name in PHASES})

    def watch() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            child.begun.set()
            for name, mark in PHASES.items():
                if mark in line:
                    child.phases[name].set()
        child.begun.set()
        for event in child.phases.values():
            event.set()  # the child ended: nobody waits for a phase it never reached
    threading.Thread(target=watch, daemon=True).start()
    return child


def wait_for_file(folder: Path, pattern: str, child: Child, seconds: float = 60) -> None:
    """Poll (1 ms) until a file matching ``pattern`` exists in ``folder`` or the child ends."""
    deadline = time.monotonic() + seconds
    while not any(folder.glob(pattern)) and child.process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)


def complete(path: Path) -> bool:
    """Whether an output file is whole: JSON that parses, the others ending with their footer."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)["schema"] == "briefing/1"
    if path.suffix == ".html":
        audit_html(text, path.name)
        return True
    return "Built from" in text and text.endswith("\n")


def assert_outputs_whole(out: Path, config: Config) -> None:
    """Every latest.* and dated file complete; temp files only under their hidden names; state readable."""
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    outputs = [n for n in names if not n.startswith(".")]
    assert all(re.fullmatch(r"(latest|briefing-\d{4}-\d\d-\d\d)\.(html|txt|md|json)", n) for n in outputs), names
    assert all(re.fullmatch(r"\.(latest|briefing-[\d-]+)\.\w+\.\w+\.tmp", n) for n in names if n.startswith(".")), \
        names
    for name in outputs:
        assert complete(out / name), name
    state = State(database_url(config))
    try:
        edition = state.latest_edition()
        if edition is not None:  # a recorded edition's files are all there and whole
            assert all(complete(Path(p)) for p in edition.paths.values())
    finally:
        state.close()


# Tries at killing a build in its last phase: it lasts a few milliseconds, and a build may finish first.
KILL_TRIES = 6


def kill_in_phase(path: Path, date: str, phase: str, rng: random.Random) -> None:
    """Start a build for ``date`` and kill -9 it in ``phase``; a build that ends first is tried again, sooner."""
    scale = 1.0
    for _ in range(KILL_TRIES):
        child = start_cli("build", "--config", str(path), "--date", date)
        out = load_config(path).output.dir
        if phase == "analysing":
            child.phases["read"].wait(60)
            time.sleep(rng.uniform(0, 0.3) * scale)
        elif phase == "writing":
            wait_for_file(out, f"*{date}*", child)  # the first file of this edition is being written
            time.sleep(rng.uniform(0, 0.005) * scale)
        else:
            child.phases["written"].wait(60)
            time.sleep(0 if phase == "written" else rng.uniform(0.002, 0.03) * scale)
        if child.process.poll() is None:
            child.kill()
            return
        child.kill()
        scale /= 4
    raise AssertionError(f"{phase}: every build ended before it was killed")


@pytest.mark.timeout(180)
def test_killed_builds_never_leave_a_half_written_latest(tmp_path: Path) -> None:
    story_folder(tmp_path / "src", 60)
    path = write_config(tmp_path, [{"name": "local", "path": "src"}])
    config = load_config(path)
    assert cli("build", "--config", str(path), "--date", "2026-02-01").exit_code == 0
    out, rng = config.output.dir, random.Random(8)
    # kill -9 at a random moment in each phase: analysing, writing the files, between writing and recording.
    for day, phase in enumerate(("analysing", "writing", "written", "recording"), start=2):
        kill_in_phase(path, f"2026-02-{day:02}", phase, rng)
        assert_outputs_whole(out, config)
    # Temporary files a killed writer left: those an hour old go with the next build, a fresh one stays.
    dead, fresh, other = out / ".latest.html.dead0001.tmp", out / ".latest.json.fresh001.tmp", out / ".keep.tmp"
    for planted in (dead, fresh, other):
        planted.write_text("<html><body>half")
    for stale in [*out.glob(".*.tmp")]:
        if stale != fresh:
            os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert cli("build", "--config", str(path), "--date", "2026-02-09").exit_code == 0  # the next run is fine
    other.unlink()
    assert_outputs_whole(out, config)
    assert json.loads((out / "latest.json").read_text())["date"] == "2026-02-09"
    assert [p.name for p in out.glob(".*.tmp")] == [fresh.name]


@pytest.mark.timeout(120)
def test_killed_send_is_never_sent_twice_nor_marked_sent(tmp_path: Path, smtp_server: SmtpServer) -> None:
    readers = [f"reader{n}@example.org" for n in range(5)]
    path = mail_config(tmp_path, smtp_server, readers)
    config = load_config(path)
    assert publish(config, now=NOW).edition_id is not None
    smtp_server.delay_data_reply(0.4)  # each message is answered 0.4 s after it arrived
    child = start_cli("send", "--config", str(path))
    assert child.begun.wait(60)
    deadline = time.monotonic() + 30
    while len(smtp_server.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.Random(3).uniform(0.05, 0.35))  # somewhere in the second message's exchange
    child.kill()

    def check() -> dict[str, DeliveryStatus]:
        statuses = deliveries(path)
        counts = {r: len(smtp_server.to(r)) for r in readers}
        assert all(n <= 1 for n in counts.values()), counts  # never twice
        assert all(counts[r] == 1 for r, s in statuses.items() if s == DeliveryStatus.SENT)  # sent means sent
        return statuses

    killed = check()
    smtp_server.delay_data_reply(0)
    send_built(config)  # the next run
    after = check()
    untouched = [r for r in readers if r not in killed or killed[r] == DeliveryStatus.FAILED]
    assert untouched and all(after[r] == DeliveryStatus.SENT for r in untouched)  # nothing else is lost
    in_flight = [r for r, s in killed.items() if s == DeliveryStatus.SENDING]
    assert in_flight and all(len(smtp_server.to(r)) == 1 for r in in_flight)  # arrived, never confirmed
    # A dead sender's claim is not resent: its outcome is unknown (its process is gone) until --force.
    assert all(after[r] == DeliveryStatus.UNKNOWN for r in in_flight)


# --- the disk full while writing, end to end --------------------------------------------------------


def no_bigger_files_than(limit: int) -> Callable[[], None]:
    """preexec_fn: writes past ``limit`` bytes fail with EFBIG, as on a full disk (SIGXFSZ ignored)."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    return apply


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE behaviour is Linux-specific")
def test_full_disk_during_a_build_keeps_the_previous_edition(tmp_path: Path) -> None:
    story_folder(tmp_path / "src", 2)
    path = write_config(tmp_path, [{"name": "local", "path": "src"}])
    config = load_config(path)
    assert cli("build", "--config", str(path), "--date", "2026-02-01").exit_code == 0
    before = {p.name: p.read_bytes() for p in config.output.dir.iterdir()}
    story_folder(tmp_path / "src", 120)  # the next edition's HTML (~48 kB) is larger than the limit
    limit = 40 * 1024  # above SQLite's 32 kB shared-memory file, which opening the state creates
    assert max(len(b) for b in before.values()) < limit
    done = subprocess.run([sys.executable, "-m", "briefing", "build", "--config", str(path), "--date", "2026-02-02"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          preexec_fn=no_bigger_files_than(limit))
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("Error: ") and "cannot write" in lines[0] and lines[1].startswith("Hint: ")
    assert "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in config.output.dir.iterdir()} == before  # nothing half-written
    state = State(database_url(config))
    try:
        edition = state.latest_edition()
        assert edition is not None and edition.date.isoformat() == "2026-02-01"  # the failed one is not recorded
    finally:
        state.close()


# --- errors for people: one `Error:` line and one `Hint:` line, no traceback unless --verbose -------

# Output errors show only when there is an edition to write: these cases read one article.
ONE_SOURCE = "sources:\n  - {name: s, path: src}\n"
BROKEN_CONFIGS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: (YAML, what the Error line must say besides the file)
    "yaml-tab-indent": ("title: x\n\tsources: []\n", (":2: invalid YAML", "Hint: fix the indentation")),
    "yaml-unclosed-bracket": ("title: [x\nsources: []\n", (":2: invalid YAML", "expected ',' or ']'")),
    "yaml-bad-quote": ('title: "x\nsources: []\n', (": invalid YAML",)),
    "not-a-mapping": ("- a\n- b\n", (":1: the configuration must be a mapping", "Hint: start the file")),
    "unknown-key": ("title: x\nsumary:\n  sentences: 3\n", (":2: sumary: unknown key", "check its spelling")),
    "unknown-nested-key": ("summary:\n  algoritm: lexrank\n", (":2: summary.algoritm: unknown key",)),
    "unknown-algorithm": ("summary:\n  algorithm: magic\n", (":2: summary.algorithm:", "'lexrank'", "magic")),
    "wrong-type": ("summary:\n  sentences: many\n", (":2: summary.sentences:", "valid integer")),
    "out-of-range": ("summary:\n  sentences: 0\n", (":2: summary.sentences:", "greater than or equal to 1")),
    "bad-format": ("output:\n  formats: [html, pdf]\n", (":2: output.formats.1:", "'pdf'")),
    "source-without-location": ("sources:\n  - name: x\n", (":2: sources.0:", "exactly one of 'path'")),
    "bad-network": ("fetch:\n  trusted_feed_networks: [not-a-net]\n", ("trusted_feed_networks.0:", "network")),
    "bad-port": ("smtp:\n  port: 99999\n", (":2: smtp.port:", "less than or equal to 65535")),
    "missing-templates-folder": (f"{ONE_SOURCE}output:\n  templates: nowhere\n", ("templates folder", "nowhere",
                                                                      "Hint: check output.templates")),
    "missing-template": (f"{ONE_SOURCE}output:\n  templates: tpl-missing\n", ("template 'nothere.html' not found",)),
    "broken-template": (f"{ONE_SOURCE}output:\n  templates: tpl-broken\n",
                        ("briefing.html' is broken", "briefing.html:1")),
    "output-under-a-file": (f"{ONE_SOURCE}output:\n  dir: a-file/out\n", ("cannot create the output folder",
                                                             "Hint: check that the output folder")),
}


def broken_setup(folder: Path, yaml_text: str) -> Path:
    """The YAML in ``folder``, next to the template folders and the file some cases point at."""
    (folder / "tpl-missing").mkdir()
    (folder / "tpl-missing" / "briefing.html").write_text('{% extends "nothere.html" %}')
    (folder / "tpl-broken").mkdir()
    (folder / "tpl-broken" / "briefing.html").write_text("{% if %}")
    (folder / "a-file").write_text("not a folder")
    (folder / "src").mkdir()
    (folder / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    path = folder / "briefing.yaml"
    path.write_text(yaml_text)
    return path


def assert_error_for_people(result: Result, *expected: str) -> None:
    """Exit 1, exactly an Error: line and a Hint: line on stderr, each expected phrase in them."""
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 2 and lines[0].startswith("Error: ") and lines[1].startswith("Hint: "), lines
    assert all(phrase in result.stderr for phrase in expected), (expected, lines)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", list(BROKEN_CONFIGS))
def test_config_errors_name_file_line_key_and_fix(tmp_path: Path, name: str) -> None:
    yaml_text, expected = BROKEN_CONFIGS[name]
    path = broken_setup(tmp_path, yaml_text)
    result = cli("build", "--config", str(path))
    assert_error_for_people(result, *expected)
    assert f"Error: {path}" in result.stderr or "template" in result.stderr or "output folder" in result.stderr
    verbose = cli("--verbose", "build", "--config", str(path))
    assert verbose.exit_code == 1 and verbose.exception is not None  # --verbose: the exception itself


@pytest.mark.parametrize("problem", ["missing", "folder", "binary"])
def test_unreadable_config_file(tmp_path: Path, problem: str) -> None:
    path = tmp_path / "briefing.yaml"
    if problem == "folder":
        path.mkdir()
    elif problem == "binary":
        path.write_bytes(b"\xff\xfe\x00\x01" + bytes(range(256)))
    result = cli("check-config", "--config", str(path))
    assert_error_for_people(result, str(path))


def unlistable_folder(tmp_path: Path) -> Path:
    """A folder this user cannot list (root lists anything but /proc/1/map_files where not privileged)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    candidates = [folder, Path("/proc/1/map_files")]
    for candidate in candidates:
        try:
            list(candidate.iterdir())
        except OSError:
            return candidate
    folder.chmod(0o700)
    pytest.skip("this user can list every folder (root with CAP_SYS_ADMIN)")


def test_unreadable_source_folder_is_one_warning_line(tmp_path: Path) -> None:
    locked = unlistable_folder(tmp_path)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    path = write_config(tmp_path, [{"name": "locked", "path": str(locked)}, {"name": "ok", "path": "src"}])
    try:
        result = cli("build", "--config", str(path))
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert result.exit_code == 4 and "Traceback" not in result.output  # 4: published, a source failed
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert warning.startswith(f"Warning: source failed: locked: {locked}: cannot list the folder")
    assert "Done: 1 article," in result.stdout


def test_unknown_algorithm_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = cli("summarize", "--algorithm", "magic", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output  # click's usage error
    assert "Error: Invalid value for '--algorithm': 'magic' is not one of 'coverage'" in result.stderr


# --- property tests of the whole analysis ----------------------------------------------------------

WORDS = ["the", "minister", "said", "talks", "Zelensky", "Moscow", "Kyiv", "Donbas", "ceasefire", "will", "resume",
         "on", "Monday", "next", "week", "Mr.", "U.S.", "Peskov", "territory", "guarantees", "security", "plant",
         "nuclear", "delegation", "agreed", "rejected", "deal", "round", "Geneva", "<script>", "&amp;", "<b>",
         "javascript:alert(1)", "\u041a\u0438\u0435\u0432", "\u4e2d\u56fd",
         "\u0645\u0641\u0627\u0648\u0636\u0627\u062a"]
SENTENCE = st.builds(lambda words, end: " ".join(words).capitalize() + end,
                     st.lists(st.sampled_from(WORDS), min_size=3, max_size=14),
                     st.sampled_from([".", ".", "!", "?", "\u2026", "", ";"]))
QUOTED = st.builds(lambda words, speaker, marks: f"{marks[0]}{' '.join(words).capitalize()},{marks[1]} {speaker} said.",
                   st.lists(st.sampled_from(WORDS), min_size=4, max_size=12),
                   st.sampled_from(["Zelensky", "Peskov", "the minister", "he", "Mr. Umerov", "a <i>source</i>"]),
                   st.sampled_from([('"', '"'), ("\u201c", "\u201d"), ("\u201c", ""), ("", '"'), ("\u00ab", "\u00bb")]))
NOISE = st.one_of(st.sampled_from(['"', "\u201c", "(", ")", "\u2014", "\n", "<p>", "</script>", "said:"]),
                  st.text(max_size=12))
# An article: sentences, quotations, the corpus prose and noise, joined by spaces, line breaks or blank lines.
ARTICLE_TEXT = st.lists(st.tuples(st.one_of(SENTENCE, QUOTED, st.sampled_from(PROSE), NOISE),
                                  st.sampled_from([" ", "\n", "\n\n"])),
                        min_size=1, max_size=25).map(lambda parts: "".join(a + b for a, b in parts))


@pytest.fixture(scope="module")
def story_config() -> Config:
    """The sample story's configuration: parties, people and issues for every stage to work with."""
    return load_config(ROOT / "config" / "briefing.yaml")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=4))
def test_any_articles_analyse_without_error_into_verbatim_lines(story_config: Config, texts: list[str]) -> None:
    cleaned = [clean_article(Article(id=f"a{i}", text=t, publisher=f"Outlet {i}")) for i, t in enumerate(texts)]
    split = {a.id: split_sentences(a) for a in cleaned}
    articles = tuple(a for a in cleaned if split[a.id])
    briefing = analyse(story_config, Corpus(articles, split, ()), NOW)
    sources = [a.text for a in articles]
    points = [*briefing.summary, *briefing.next_steps,
              *(p for s in briefing.issues for p in (*s.points, *(q for pos in s.positions for q in pos.points)))]
    for line in [p.text for p in points] + [q.text for q in briefing.quotes]:
        assert any(line in text for text in sources), line  # verbatim source text
    for fmt in ("html", "email"):
        audit_html(render(briefing, fmt), fmt)
    assert "<script" not in render(briefing, "txt").lower()
    audit_markdown(render(briefing, "md"))
    assert json.loads(render(briefing, "json"))["schema"] == "briefing/1"


# --- known bugs in modules this helper may not edit ------------------------------------------------


def quote_seconds(count: int) -> float:
    """Time to extract the quotes of one sentence holding ``count`` short quotations."""
    article = clean_article(Article(id="q", text='"a" ' * count + "said the envoy.\n"))
    started = time.perf_counter()
    extract_quotes([article], {"q": split_sentences(article)}, [], QuoteOptions())
    return time.perf_counter() - started


def test_quote_extraction_grows_linearly() -> None:
    quote_seconds(20)  # warm up
    small = min(quote_seconds(80) for _ in range(3))  # best of three against scheduling noise
    large = min(quote_seconds(320) for _ in range(3))
    assert large < 10 * small, (small, large)  # 4x the quotes: linear is ~4x, quadratic ~16x
