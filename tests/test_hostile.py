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
import re
import resource
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
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

from briefing.config import Config, database_url, load_config
from briefing.edition import EditionReport, publish
from briefing.ingest import source_statuses
from briefing.state import State

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
        server.route(path, respond(body.replace(b"{BASE}", base.encode()), content_type=case.content_type))
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
    report = publish(config, now=NOW)
    elapsed, grown = time.perf_counter() - started, peak_mb() - memory
    assert elapsed < CASE_SECONDS and grown < CASE_MEMORY_MB, (elapsed, grown)
    edition = read_edition(config, report)
    audit_edition(edition)
    failures = report.briefing.failures
    if case.expect == "read":
        assert report.briefing.stats.articles >= 1, failures
    elif case.expect == "fail":
        assert any(case.reason in f.reason.lower() for f in failures), failures
    everything = edition.everything()
    for secret in case.never:
        assert secret not in everything
    assert http_server.hits("/secret") == [] and http_server.hits("/evil.dtd") == []
    if not case.allow_private:  # links to the loopback server are refused: only feeds were requested
        assert {r.path for r in http_server.requests} <= set(case.feeds)


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

# Faults served for a feed, and what its failure must say. fetch.timeout is 0.5 s in these builds.
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
    "redirect-to-private": (redirect("http://192.168.1.1/feed"), "refused to connect"),
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


def test_feed_faults_each_fail_alone_and_are_listed(tmp_path: Path, http_server: TestServer) -> None:
    serve_faults(http_server)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    sources: list[dict[str, object]] = [{"name": name, "url": http_server.url(f"/fault/{name}")}
                                        for name in FEED_FAULTS]
    sources += [{"name": "nothing-listening", "url": f"http://127.0.0.1:{closed}/feed.xml"},
                {"name": "good", "path": "src"}]
    config = load_config(write_config(tmp_path, sources, fetch={"timeout": 0.5, "max_bytes": 200_000}))
    started = time.perf_counter()
    report = publish(config, now=NOW)
    elapsed = time.perf_counter() - started
    reasons = {f.source: f.reason for f in report.briefing.failures}
    expected = {name: why for name, (_, why) in FEED_FAULTS.items()} | {"nothing-listening": "cannot connect"}
    assert {name: why in reasons.get(name, "") for name, why in expected.items()} == dict.fromkeys(expected, True), \
        reasons
    assert report.briefing.stats.articles == 1  # the good source is read
    assert elapsed < 15, elapsed  # timeouts 0.5 s, the drip's whole-exchange deadline 1.5 s
    audit_edition(read_edition(config, report))
    statuses = "\n".join(source_statuses(config))  # and `briefing sources` shows each error
    assert statuses.count("error at") == len(expected)


def test_page_faults_keep_each_teaser(tmp_path: Path, http_server: TestServer) -> None:
    serve_faults(http_server)
    links = {name: http_server.url(f"/fault/{name}") for name in FEED_FAULTS}
    http_server.route("/feed.xml", respond(feed_of_links(links), content_type="application/rss+xml"))
    config = load_config(write_config(tmp_path, [{"name": "pages", "url": http_server.url("/feed.xml"),
                                                  "full_text": True}],
                                      fetch={"timeout": 0.5, "max_bytes": 200_000, "allow_private": True}))
    started = time.perf_counter()
    report = publish(config, now=NOW)
    assert time.perf_counter() - started < 20
    assert report.briefing.failures == ()
    assert sorted(a.guid for a in report.briefing.sources) == sorted(links)
    assert {a.text for a in report.briefing.sources} == {TEASER}
    audit_edition(read_edition(config, report))
