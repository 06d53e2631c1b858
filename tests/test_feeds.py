"""Feeds -> Articles, against a real server on 127.0.0.1."""

from __future__ import annotations

import logging
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from httpserver import (
    ATOM_TYPE,
    HTML_TYPE,
    RSS_TYPE,
    TestServer,
    conditional,
    http_date,
    http_server_fixture,  # noqa: F401 (the http_server fixture)
    redirect,
    respond,
    status,
)

from briefing.config import FetchConfig, SourceConfig
from briefing.errors import FetchError, SourceError
from briefing.feeds import article_id, check_source, html_to_text, read_feed
from briefing.fetch import FeedCache
from briefing.models import Article

pytestmark = pytest.mark.timeout(20)

FEEDS = Path(__file__).parent / "data" / "feeds"
LOCAL = FetchConfig(allow_private=True, timeout=1)
NOW = datetime(2024, 1, 6, 12, 0, tzinfo=UTC)


@dataclass
class Cached:
    """What the in-memory cache remembers of one feed."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class MemoryCache:
    """The FeedCache protocol in memory, with State's rule: None keeps a validator, "" clears it."""

    rows: dict[str, Cached] = field(default_factory=dict)
    fetches: list[tuple[str, str, str | None]] = field(default_factory=list)
    stored: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def feed_cache(self, url: str) -> Cached | None:
        return self.rows.get(url)

    def record_fetch(self, url: str, *, status: str, etag: str | None = None,
                     last_modified: str | None = None, error: str | None = None) -> None:
        self.fetches.append((url, status, error))
        row = self.rows.setdefault(url, Cached())
        if etag is not None:
            row.etag = etag or None
        if last_modified is not None:
            row.last_modified = last_modified or None

    def stored_articles(self, url: str) -> list[dict[str, Any]] | None:
        return self.stored.get(url)

    def store_articles(self, url: str, records: list[dict[str, Any]]) -> None:
        self.stored[url] = records

    def stored_at(self, url: str) -> datetime | None:
        return None  # no fallback to stored articles after a failed fetch: each test states its feed


def serve(server: TestServer, name: str, content_type: str = RSS_TYPE, path: str | None = None) -> str:
    """Serve a fixture feed (with {BASE} pointing at the server); return its URL."""
    text = (FEEDS / name).read_text(encoding="utf-8").replace("{BASE}", server.url("").rstrip("/"))
    return server.route(path or f"/{name}", respond(text, content_type=content_type))


def read(url: str, name: str = "test", options: FetchConfig = LOCAL, state: FeedCache | None = None,
         **source: Any) -> list[Article]:
    """Read a feed as the source ``name`` at the fixed time NOW."""
    return list(read_feed(SourceConfig(name=name, url=url, **source), options, state, now=NOW))


def rss(items: list[str], title: str = "Generated") -> str:
    body = "".join(items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"{body}</channel></rss>")


def item(guid: str, title: str, text: str, date: datetime | None = None) -> str:
    when = f"<pubDate>{format_datetime(date)}</pubDate>" if date else ""
    return (f'<item><guid isPermaLink="false">{guid}</guid><title>{title}</title>{when}'
            f"<description>{text}</description></item>")


LONG = " ".join(["The committee heard evidence from residents about the plan."] * 8)  # 72 words


# --- RSS, Atom, full text --------------------------------------------------------------------------


def test_rss2_entries_become_articles(http_server: TestServer) -> None:
    serve(http_server, "article.html", HTML_TYPE, path="/news/storm.html")
    articles = read(serve(http_server, "rss2.xml"), name="gazette")
    ferry, storm = articles
    assert ferry.title == "Council approves the new ferry timetable"
    assert ferry.guid == "gazette-2024-0001" and ferry.source == "gazette"
    assert ferry.publisher == "Harbour Gazette"
    assert ferry.url == http_server.url("/news/ferry.html")
    assert ferry.published == datetime(2024, 1, 2, 9, 30, tzinfo=UTC)
    assert ferry.text.startswith("The town council voted seven to two")
    assert ferry.text.split("\n")[0].endswith("one on Sunday mornings.")  # one paragraph per line
    assert len(ferry.text.split("\n")) == 3 and "<" not in ferry.text and "never text" not in ferry.text
    assert storm.published == datetime(2024, 1, 3, 17, 0, tzinfo=UTC)  # +0100 normalised to UTC
    assert ferry.id == article_id("gazette", "gazette-2024-0001") and len(ferry.id) == 12


def test_teaser_is_replaced_by_the_article_page(http_server: TestServer) -> None:
    serve(http_server, "article.html", HTML_TYPE, path="/news/storm.html")
    storm = read(serve(http_server, "rss2.xml"))[1]
    assert "Sandbags are available at the fire station" in storm.text
    assert "never text" not in storm.text and "Privacy" not in storm.text and "<" not in storm.text
    assert http_server.hits("/news/ferry.html") == []  # a long entry is not fetched again


def test_full_text_false_never_fetches_a_page(http_server: TestServer) -> None:
    linked = [f'<item><guid>t{n}</guid><title>Teaser {n}</title><link>{http_server.url(f"/p{n}")}</link>'
              f"<description>Short teaser {n}.</description></item>" for n in range(4)]
    articles = read(http_server.route("/teasers", respond(rss(linked), content_type=RSS_TYPE)), full_text=False)
    assert [a.text for a in articles] == [f"Short teaser {n}." for n in range(4)]
    assert [r.path for r in http_server.requests] == ["/teasers"]


def test_pages_that_fail_are_one_warning_for_the_source(http_server: TestServer,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    linked = [f'<item><guid>t{n}</guid><title>Teaser {n}</title><link>{http_server.url(f"/gone{n}")}</link>'
              f"<description>Short teaser {n}.</description></item>" for n in range(5)]
    url = http_server.route("/dead-links", respond(rss(linked), content_type=RSS_TYPE))
    with caplog.at_level(logging.WARNING):
        articles = read(url, name="quay", full_text=True)
    assert len(articles) == 5 and len(http_server.requests) == 6  # the feed, then each page once
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("quay: the full text of 5 linked pages was not read")
    assert "/gone0: HTTP 404" in warnings[0], warnings


def test_full_text_source_fetches_every_page(http_server: TestServer) -> None:
    serve(http_server, "article.html", HTML_TYPE, path="/news/storm.html")
    serve(http_server, "article.html", HTML_TYPE, path="/news/ferry.html")
    ferry = read(serve(http_server, "rss2.xml"), full_text=True)[0]
    assert "Sandbags" in ferry.text and len(http_server.hits("/news/ferry.html")) == 1


def test_atom_feed(http_server: TestServer, caplog: pytest.LogCaptureFixture) -> None:
    serve(http_server, "article.html", HTML_TYPE, path="/observer/bridge")
    with caplog.at_level(logging.WARNING, logger="briefing.feeds"):
        bridge, school = read(serve(http_server, "atom.xml", ATOM_TYPE), publisher="The Observer")
    assert bridge.title == "Bridge reopens after repairs"
    assert bridge.text.startswith("The old stone bridge over the river reopened")
    assert bridge.publisher == "The Observer"
    assert bridge.guid == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert school.published == datetime(2024, 1, 4, 16, 30, tzinfo=UTC)  # updated, no published
    # The summary is a teaser, the page is missing (404): the teaser stays, the feed survives.
    assert school.text == "Negotiations between the county and teachers resume on Monday."
    assert "full text of 1 linked page was not read" in caplog.text and "HTTP 404" in caplog.text


def test_netscape_rss091_with_external_dtd_is_read(http_server: TestServer) -> None:
    base = http_server.url("").rstrip("/")
    data = (FEEDS / "rss091_netscape.xml").read_text("utf-8").replace("{BASE}", base)
    url = http_server.route("/old.xml", respond(data.encode("iso-8859-1"), content_type="text/xml"))
    (article,) = read(url)
    assert article.title == "Café reopens on the square" and article.publisher == "Old Style Weekly"


# --- conditional GET and the state -----------------------------------------------------------------


def test_second_fetch_with_etag_is_not_modified(http_server: TestServer) -> None:
    feed = rss([item("a", "One", LONG)])
    url = http_server.route("/feed", conditional(feed, RSS_TYPE, etag='"rev-7"'))
    cache = MemoryCache()
    first = read(url, state=cache)
    assert len(first) == 1
    assert read(url, state=cache) == first  # a 304 gives what the feed gave last, not nothing
    assert http_server.hits("/feed")[1].headers["if-none-match"] == '"rev-7"'
    assert [s for _, s, _ in cache.fetches] == ["200", "304"]
    assert cache.rows[url].etag == '"rev-7"'


def test_second_fetch_with_last_modified_is_not_modified(http_server: TestServer) -> None:
    stamp = http_date(1_704_000_000)
    feed = rss([item("a", "One", LONG)])
    url = http_server.route("/feed", conditional(feed, RSS_TYPE, last_modified=stamp))
    cache = MemoryCache()
    assert len(read(url, state=cache)) == 1 and len(read(url, state=cache)) == 1
    assert http_server.hits("/feed")[1].headers["if-modified-since"] == stamp
    assert cache.rows[url].last_modified == stamp


def test_conditional_get_with_the_real_state(http_server: TestServer, tmp_path: Path) -> None:
    state_module = pytest.importorskip("briefing.state")
    state = state_module.State(str(tmp_path / "state.db"))
    url = http_server.route("/feed", conditional(rss([item("a", "One", LONG)]), RSS_TYPE, etag='"s1"'))
    try:
        first = read(url, state=state)
        assert len(first) == 1
        assert read(url, state=state) == first  # rebuilt from the stored articles
        cached = state.feed_cache(url)
        assert (cached.etag, cached.status) == ('"s1"', "304")
    finally:
        state.close()


def test_failed_fetch_is_recorded_and_raised(http_server: TestServer) -> None:
    url = http_server.route("/down", status(500))
    cache = MemoryCache()
    with pytest.raises(FetchError, match="HTTP 500"):
        read(url, state=cache)
    assert cache.fetches[0][1] == "error" and url in (cache.fetches[0][2] or "")


# --- hostile and broken feeds ----------------------------------------------------------------------


def test_billion_laughs_is_refused_quickly_and_small(http_server: TestServer) -> None:
    url = serve(http_server, "billion_laughs.xml")
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(SourceError, match="declares XML entities"):
            read(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2 and peak < 20_000_000


def test_external_entity_is_never_resolved(http_server: TestServer) -> None:
    url = serve(http_server, "external_entity.xml")
    with pytest.raises(SourceError, match="declares XML entities") as caught:
        read(url)
    assert "root:" not in str(caught.value)


def test_malformed_feed_keeps_what_was_recovered(http_server: TestServer,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    cache = MemoryCache()
    with caplog.at_level(logging.WARNING, logger="briefing.feeds"):
        articles = read(serve(http_server, "truncated.xml"), state=cache)
    assert [a.title for a in articles] == ["First story survives", "Second story & its unescaped ampersand"]
    assert "malformed feed" in caplog.text
    assert cache.fetches[0][1] == "200" and "malformed feed" in (cache.fetches[0][2] or "")


def test_a_page_that_is_not_a_feed_is_a_source_error(http_server: TestServer) -> None:
    url = serve(http_server, "not_a_feed.html", "text/html")
    cache = MemoryCache()
    with pytest.raises(SourceError, match="not a readable RSS or Atom feed: the server sent a web page") as caught:
        read(url, state=cache)
    assert url in str(caught.value) and cache.fetches[0][1] == "error"
    assert cache.rows[url].etag is None


def test_ten_thousand_entries_are_capped_quickly(http_server: TestServer,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    feed = rss([item(f"id-{n}", f"Story {n}", LONG) for n in range(10_000)])
    url = http_server.route("/huge", respond(feed, content_type=RSS_TYPE))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="briefing.feeds"):
        articles = read(url, options=LOCAL.model_copy(update={"max_entries": 25, "max_bytes": 20_000_000}))
    assert time.monotonic() - started < 2  # parsing all 10,000 entries takes about 5 s
    assert [a.guid for a in articles] == [f"id-{n}" for n in range(25)]
    assert "malformed" not in caplog.text  # the cut feed is well-formed


def test_feed_served_as_text_plain_is_read_without_warning(http_server: TestServer,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    url = http_server.route("/plain", respond(rss([item("a", "One", LONG)]), content_type="text/plain"))
    with caplog.at_level(logging.WARNING, logger="briefing.feeds"):
        assert len(read(url)) == 1
    assert caplog.text == ""


def test_duplicate_guids_and_links_are_read_once(http_server: TestServer) -> None:
    articles = read(serve(http_server, "duplicates.xml"))
    assert [a.title for a in articles] == ["Original story", "Linked only"]
    assert articles[1].guid == http_server.url("/b")  # normalised: no tracking, no fragment
    assert len({a.id for a in articles}) == 2


def test_markup_and_scripts_are_stripped_and_unsafe_links_dropped(http_server: TestServer) -> None:
    evil, data_link = read(serve(http_server, "hostile.xml"))
    assert evil.title == "Markets rally"
    assert evil.text == "Shares rose sharply."
    assert evil.publisher == "Hostile Times"
    assert evil.url == "" and data_link.url == ""
    assert data_link.text == "Plain text with a less-than sign: 3 < 5 and an ampersand & more."
    for article in (evil, data_link):
        assert "alert" not in article.title + article.text and "<" not in article.title


def test_private_feed_address_refused_by_default(http_server: TestServer) -> None:
    url = serve(http_server, "rss2.xml")
    cache = MemoryCache()
    with pytest.raises(FetchError, match="loopback"):
        read(url, options=FetchConfig(timeout=1), state=cache)
    assert http_server.requests == [] and cache.fetches[0][1] == "error"


# --- dates and filters -----------------------------------------------------------------------------


def test_dates_age_limit_and_future_dates(http_server: TestServer, caplog: pytest.LogCaptureFixture) -> None:
    feed = rss([item("old", "Old", LONG, NOW - timedelta(days=10)),
                item("recent", "Recent", LONG, NOW - timedelta(days=1)),
                item("future", "Future", LONG, NOW + timedelta(days=30)),
                item("undated", "Undated", LONG)])
    url = http_server.route("/dated", respond(feed, content_type=RSS_TYPE))
    with caplog.at_level(logging.WARNING, logger="briefing.feeds"):
        articles = {a.guid: a for a in read(url, max_age_days=3)}
    assert sorted(articles) == ["future", "recent", "undated"]
    assert articles["recent"].published == NOW - timedelta(days=1)
    assert articles["future"].published is None and "in the future" in caplog.text
    assert articles["undated"].published is None


def test_include_and_exclude_phrases(http_server: TestServer) -> None:
    feed = rss([item("a", "Harbour news", LONG + " The Ferry Timetable changes."),
                item("b", "Sport", LONG + " The ferry timetable is irrelevant here; football."),
                item("c", "Weather", LONG),
                item("d", "Ferrytimetables", LONG + " ferrytimetable")])
    url = http_server.route("/f", respond(feed, content_type=RSS_TYPE))
    articles = read(url, include=["ferry  timetable"], exclude=["FOOTBALL"])
    assert [a.guid for a in articles] == ["a"]


# --- helpers and the probe -------------------------------------------------------------------------


def test_html_to_text_keeps_paragraphs_and_drops_code() -> None:
    markup = ("<div>Intro<p>First &amp;\n <b>bo</b>ld</p><script>x()</script><!-- note -->"
              "<p>Second<br>line</p></div>")
    assert html_to_text(markup) == "Intro\nFirst & bold\nSecond\nline"
    assert html_to_text(markup, inline=True) == "Intro First & bold Second line"


def test_ids_are_stable_and_differ_by_source() -> None:
    assert article_id("a", "guid-1") == article_id("a", "guid-1")
    assert article_id("a", "guid-1") != article_id("b", "guid-1")


def test_check_source_reports_without_raising(http_server: TestServer) -> None:
    good = SourceConfig(name="gazette", url=serve(http_server, "rss2.xml"))
    broken = SourceConfig(name="down", url=http_server.route("/down", status(503)))
    private = SourceConfig(name="lan", url=good.url)
    assert check_source(good, LOCAL).startswith("gazette: OK: rss20 'Harbour Gazette', 2 entries")
    failed = check_source(broken, LOCAL)
    assert failed.startswith("down: FAILED: ") and "HTTP 503" in failed
    assert "refused" in check_source(private, FetchConfig(timeout=1))


# --- feeds as real outlets publish them -------------------------------------------------------------

TITLES = {"gb2312": "港口谈判周五恢复", "gbk": "港口谈判周五恢复，码头仍关闭", "gb18030": "港口谈判周五恢复 €",
          "big5": "港口談判週五恢復", "euc-kr": "항구 협상 금요일 재개", "shift_jis": "港湾交渉、金曜日に再開",
          "euc-jp": "港湾交渉、金曜日に再開へ"}


@pytest.mark.parametrize("where", ["xml", "header", "both"])
@pytest.mark.parametrize("encoding", list(TITLES))
def test_multibyte_feeds_are_read_exactly(http_server: TestServer, encoding: str, where: str) -> None:
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if where != "header" else '<?xml version="1.0"?>'
    kind = f"application/rss+xml; charset={encoding}" if where != "xml" else "application/rss+xml"
    body = (f'{head}<rss version="2.0"><channel><title>{TITLES[encoding]}</title>'
            f"{item('g1', TITLES[encoding], LONG)}</channel></rss>").encode(encoding)
    (article,) = read(http_server.route("/mb", respond(body, content_type=kind)))
    assert article.title == TITLES[encoding] and article.publisher == TITLES[encoding]


def test_multibyte_feed_declaring_entities_is_still_refused(http_server: TestServer) -> None:
    body = ('<?xml version="1.0" encoding="gb2312"?><!DOCTYPE rss [<!ENTITY a "港港港港">]>'
            f'<rss version="2.0"><channel><title>t</title>{item("g", "&a;", LONG)}</channel></rss>').encode("gb2312")
    with pytest.raises(SourceError, match="declares XML entities"):
        read(http_server.route("/bomb", respond(body, content_type="application/rss+xml")))


def test_bom_wins_over_the_header_charset(http_server: TestServer) -> None:
    feed = rss([item("g1", "Café reopens", LONG)]).replace('encoding="utf-8"', 'encoding="utf-16"')
    body = b"\xff\xfe" + feed.encode("utf-16-le")
    (article,) = read(http_server.route("/bom", respond(body, content_type="application/rss+xml; charset=utf-8")))
    assert article.title == "Café reopens"


def test_description_only_items_get_an_identity_from_feed_and_text(http_server: TestServer) -> None:
    items = [f"<item><description>{LONG} Number {n}.</description></item>" for n in (1, 2, 1)]
    url = http_server.route("/d", respond(rss(items), content_type=RSS_TYPE))
    first = read(url)
    assert len(first) == 2 and len({a.guid for a in first}) == 2
    assert all(a.guid.startswith(f"{url}#text-") for a in first)
    assert [a.guid for a in read(url)] == [a.guid for a in first]  # stable from run to run


def test_double_escaped_entities_are_decoded(http_server: TestServer) -> None:
    feed = rss([item("g1", "Developer:&amp;nbsp;Quay Post", LONG + " Ends&amp;#8212;here.")])
    (article,) = read(http_server.route("/e", respond(feed, content_type=RSS_TYPE)))
    assert article.title == "Developer: Quay Post" and "Ends\u2014here." in article.text


def test_broken_and_truncated_gzip(http_server: TestServer, caplog: pytest.LogCaptureFixture) -> None:
    import gzip
    body = rss([item("g1", "One", LONG), item("g2", "Two", LONG)]).encode()
    broken = http_server.route("/broken", respond(b"\x1f\x8b\x08\x00garbage" * 20, content_type=RSS_TYPE,
                                                   headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="compressed body is broken"):
        read(broken)
    cut = gzip.compress(body)
    cut = cut[:len(cut) * 3 // 4]
    truncated = http_server.route("/cut", respond(cut, content_type=RSS_TYPE, headers={"Content-Encoding": "gzip"}))
    got: list[Article] = []
    with pytest.raises(SourceError, match="truncated"):
        got.extend(read_feed(SourceConfig(name="t", url=truncated), LOCAL, None, now=NOW))
    assert len(got) <= 1  # what the part received holds, then the failure
    assert not [r for r in caplog.records if "recovered" in r.getMessage()]  # the truncation is said once


def test_not_modified_keeps_only_articles_within_max_age(http_server: TestServer) -> None:
    fresh, old = NOW - timedelta(hours=2), NOW - timedelta(days=1, hours=12)
    url = http_server.route("/age", conditional(rss([item("a", "Fresh", LONG, fresh), item("b", "Old", LONG, old)]),
                                                RSS_TYPE, etag='"a1"'))
    cache = MemoryCache()
    assert [a.title for a in read(url, state=cache, max_age_days=2)] == ["Fresh", "Old"]
    later = list(read_feed(SourceConfig(name="test", url=url, max_age_days=2), LOCAL, cache,
                           now=NOW + timedelta(days=1)))
    assert [a.title for a in later] == ["Fresh"] and cache.fetches[-1][1] == "304"


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/rss+xml"])
def test_a_web_page_served_for_the_feed_is_named_as_one_with_its_title(http_server: TestServer,
                                                                       content_type: str) -> None:
    page = ("<!DOCTYPE html>\n<html><head><title>Down for maintenance</title></head>"
            "<body><h1>We are back soon</h1><p>Please try again in an hour.<br></p></body></html>")
    http_server.route("/feed.xml", respond(page, content_type=content_type))
    with pytest.raises(SourceError) as caught:
        read(http_server.url("/feed.xml"))
    assert "the server sent a web page ('Down for maintenance'), not a feed" in str(caught.value)
    assert "syntax error" not in str(caught.value)


@pytest.mark.parametrize(("code", "advice"), [(301, "moved for good"), (308, "moved for good"), (302, "")])
def test_check_source_says_when_a_feed_moved_for_good(http_server: TestServer, code: int, advice: str) -> None:
    target = serve(http_server, "rss2.xml")
    moved = SourceConfig(name="gazette", url=http_server.route("/old.xml", redirect(target, code)))
    line = check_source(moved, LOCAL)
    assert line.startswith("gazette: OK: rss20 'Harbour Gazette', 2 entries"), line
    if advice:
        assert f"it {advice} from {moved.url}: put {target} in the config" in line
    else:
        assert "moved" not in line and line.endswith(target)


def test_a_feed_failing_after_a_recent_full_fetch_keeps_its_articles_and_is_listed(http_server: TestServer,
                                                                                  tmp_path: Path) -> None:
    state_module = pytest.importorskip("briefing.state")
    state = state_module.State(str(tmp_path / "state.db"))
    url = http_server.route("/feed", respond(rss([item("a", "One", LONG), item("b", "Two", LONG)]),
                                             content_type=RSS_TYPE))
    source = SourceConfig(name="wire", url=url)
    try:
        first = list(read_feed(source, LOCAL, state))
        http_server.route("/feed", status(500))
        kept: list[Article] = []
        with pytest.raises(SourceError, match=r"HTTP 500.*; kept the 2 articles it gave at \d\d:\d\d UTC"):
            kept.extend(read_feed(source, LOCAL, state))
        assert kept == first  # a same-day re-run is not an edition that lost this feed's news
        later = datetime.now(UTC) + timedelta(days=3)  # a feed down for days gives nothing stale
        with pytest.raises(SourceError) as caught:
            assert list(read_feed(source, LOCAL, state, now=later)) == []
        assert "kept" not in str(caught.value)
    finally:
        state.close()
