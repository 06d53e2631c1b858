"""Ingest: each file type, encodings, bad files, folders and globs, caps, filters, feeds."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from httpserver import (
    RSS_TYPE,
    TestServer,
    http_server_fixture,  # noqa: F401 (the http_server fixture)
    respond,
    stall,
)

from briefing.config import FetchConfig, SourceConfig, database_url, load_config
from briefing.errors import InputError
from briefing.ingest import (
    IngestOptions,
    check_sources,
    ingest,
    read_documents,
    read_file,
    source_files,
    source_statuses,
    wanted,
)
from briefing.models import Article
from briefing.readers import file_id, parse_date, read_articles
from briefing.state import State

pytestmark = pytest.mark.timeout(30)

OUTLETS = Path(__file__).resolve().parent / "data" / "ingest" / "outlets"
PROSE = "The port strike ended on Friday after the union accepted a new offer.\nCranes moved again at dawn.\n"
OPTIONS = IngestOptions(max_bytes=100_000, max_entries=50)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def source(path: Path | str, **keys: object) -> SourceConfig:
    return SourceConfig.model_validate({"name": "local", "path": str(path), **keys})


# --- file types -----------------------------------------------------------------------------


def test_text_file_metadata_where_the_file_says_it() -> None:
    article = read_file(OUTLETS / "daily-gazette.txt", source="papers")
    assert article.id == "daily-gazette"
    assert article.title == "Council approves new bridge after decade of delays"
    assert article.publisher == "THE DAILY GAZETTE"
    assert article.published == datetime(2026, 5, 12, 14, 20, tzinfo=UTC)
    assert (article.source, article.path) == ("papers", str(OUTLETS / "daily-gazette.txt"))
    assert "River Avon" in article.text


def test_publisher_hints_in_text(tmp_path: Path) -> None:
    notes = {"Publisher: example.com": "example.com", "Originally published on The Courier": "The Courier",
             "This article first appeared on Harbour Weekly.": "Harbour Weekly"}
    for number, (note, publisher) in enumerate(notes.items()):
        assert read_file(write(tmp_path, f"{number}.txt", PROSE + note)).publisher == publisher
    assert read_file(OUTLETS / "wire-floods.txt").publisher == "Reuters"  # from the dateline
    configured = read_file(write(tmp_path, "d.txt", PROSE + "Publisher: x.com"), publisher="Configured")
    assert configured.publisher == "Configured"


def test_url_and_date_lines_in_text(tmp_path: Path) -> None:
    text = "Port strike ends\nPublished: 3 March 2026\nURL: https://news.example/strike\n\n" + PROSE
    article = read_file(write(tmp_path, "s.txt", text))
    assert article.url == "https://news.example/strike"
    assert article.published == datetime(2026, 3, 3, tzinfo=UTC)
    assert article.title == "Port strike ends"


def test_markdown_front_matter_heading_and_syntax(tmp_path: Path) -> None:
    text = ("---\ntitle: Strike ends at the port\npublisher: Harbour Weekly\ndate: 2026-03-04\n---\n"
            "# Strike ends\n\nThe **strike** ended on [Friday](https://x.example) after *talks*.\n\n"
            "![crane](crane.jpg)\n\n- Cranes moved again at dawn.\n\n```\ncode()\n```\n")
    article = read_file(write(tmp_path, "story.md", text))
    assert (article.title, article.publisher) == ("Strike ends at the port", "Harbour Weekly")
    assert article.published == datetime(2026, 3, 4, tzinfo=UTC)
    assert "The strike ended on Friday after talks." in article.text
    assert "Cranes moved again at dawn." in article.text
    assert not any(mark in article.text for mark in ("**", "](", "![", "code()", "---"))
    assert read_file(write(tmp_path, "plain.md", "# Strike ends\n\n" + PROSE)).title == "Strike ends"


def test_html_article_text_and_meta() -> None:
    article = read_file(OUTLETS / "harbour-times.html")
    assert article.title == "Ferry crews vote to strike over rosters"
    assert article.publisher == "The Harbour Times"
    assert article.url == "https://harbourtimes.example/news/ferry-strike"
    assert article.published is not None and article.published.date().isoformat() == "2026-04-07"
    lines = article.text.split("\n")
    assert any(line.startswith("Ferry crews on the island routes have voted") for line in lines)
    assert any("revised timetable" in line for line in lines)
    assert not any(word in article.text for word in ("Home", "Sport", "All rights reserved"))


def test_short_html_keeps_one_paragraph_per_line(tmp_path: Path) -> None:
    html = "<html><body><h1>Strike ends</h1><p>The strike ended.</p><p>Cranes moved again.</p></body></html>"
    article = read_file(write(tmp_path, "short.html", html))
    assert "The strike ended.\nCranes moved again." in article.text


def test_json_record_keys_and_lists(tmp_path: Path) -> None:
    one = {"headline": "Strike ends", "body": PROSE, "source": {"name": "Wire"}, "link": "https://w.example/1",
           "publishedAt": "2026-03-05T08:00:00+01:00", "id": 17}
    article = read_file(write(tmp_path, "one.json", json.dumps(one)))
    assert (article.id, article.title, article.publisher, article.url, article.guid) == (
        "one", "Strike ends", "Wire", "https://w.example/1", "17")
    assert article.published == datetime(2026, 3, 5, 7, 0, tzinfo=UTC)
    records = {"articles": [{"title": "A", "content": "<p>First paragraph.</p><p>Second one.</p>"},
                            {"title": "No text"}, {"title": "B", "text": ["Para one.", "Para two."]}]}
    many = read_articles(write(tmp_path, "many.json", json.dumps(records)))
    assert [(a.id, a.title, a.text) for a in many] == [
        ("many-1", "A", "First paragraph.\nSecond one."), ("many-3", "B", "Para one.\nPara two.")]
    with pytest.raises(InputError, match="holds 2 articles"):
        read_file(tmp_path / "many.json")


@pytest.mark.parametrize(("content", "message"), [
    ('{"title": "x",\n "text": }', r"bad\.json:2: invalid JSON"),
    ('[{"title": "no text"}]', "no article record with text"),
    ('"just a string"', "no article record with text"),
])
def test_bad_json(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_file(write(tmp_path, "bad.json", content))


# --- encodings and bad files ------------------------------------------------------------------


@pytest.mark.parametrize(("data", "expected"), [
    ("Caf\u00e9 “talks” ended.".encode("utf-8-sig"), "Caf\u00e9 “talks” ended."),
    ("Caf\u00e9 “talks” ended.".encode("utf-16"), "Caf\u00e9 “talks” ended."),
    ("Caf\u00e9 “talks” ended.".encode("utf-16-be"), "Caf\u00e9 “talks” ended."),
    (b"\xff\xfe" + "Caf\u00e9 ended.".encode("utf-16-le"), "Caf\u00e9 ended."),
    ("Caf\u00e9 “talks” ended.".encode("cp1252"), "Caf\u00e9 “talks” ended."),
    (b"Caf\xe9 talks in the harbour town ended \x81.", "Caf\u00e9 talks in the harbour town ended \x81."),
])
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    assert read_file(write(tmp_path, "enc.txt", data)).text.strip() == expected


def test_declared_html_charset(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Переговоры закончились.</p>' \
           "<p>Второй абзац.</p></body></html>"
    assert "Переговоры закончились." in read_file(write(tmp_path, "ru.html", html.encode("cp1251"))).text


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"", "empty"),
    (b" \n\t\r\n  ", "empty"),
    ("\ufeff  \n".encode(), "empty"),
])
def test_binary_and_empty_files_raise_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError, match=message) as raised:
        read_file(path)
    assert str(path) in str(raised.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "gone.txt")


def test_size_cap_truncates_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "big.txt", "Caf\u00e9 " * 1000)
    with caplog.at_level(logging.WARNING):
        article = read_file(path, max_bytes=1001)
    assert "only the first 1001" in caplog.text
    assert article.text.startswith("Caf\u00e9 ") and len(article.text.encode()) <= 1001
    assert "\ufffd" not in article.text and "Ã" not in article.text


# --- sources --------------------------------------------------------------------------------------


def test_folder_sorted_supported_files_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("b.txt", "a.md", "c.html", "d.json", "notes.docx", ".hidden.txt"):
        write(tmp_path, name, PROSE)
    write(tmp_path, "sub/e.txt", PROSE)
    with caplog.at_level(logging.DEBUG, logger="briefing.ingest"):
        assert [p.name for p in source_files(tmp_path)] == ["a.md", "b.txt", "c.html", "d.json"]
    assert "notes.docx: skipped" in caplog.text
    assert read_file(write(tmp_path, "README", PROSE)).text == PROSE


def test_globs(tmp_path: Path) -> None:
    for name in ("x/a.txt", "x/b.md", "x/y/c.txt", "z.txt"):
        write(tmp_path, name, PROSE)
    assert [p.name for p in source_files(tmp_path / "x" / "*.txt")] == ["a.txt"]
    assert [p.name for p in source_files(tmp_path / "**" / "*.txt")] == ["a.txt", "c.txt", "z.txt"]
    result = ingest([source(tmp_path / "x" / "*")], OPTIONS)
    assert [a.id for a in result.articles] == ["a", "b"]


def test_missing_path_and_empty_glob_are_failures_naming_the_path(tmp_path: Path) -> None:
    result = ingest([source(tmp_path / "nowhere"), source(tmp_path / "*.txt")], OPTIONS)
    assert result.articles == ()
    assert [f.source for f in result.failures] == ["local", "local"]
    assert str(tmp_path / "nowhere") in result.failures[0].reason
    assert "no .txt, .md, .html or .json files" in result.failures[1].reason


def test_one_bad_file_does_not_sink_the_others(tmp_path: Path) -> None:
    write(tmp_path, "a-good.txt", PROSE)
    write(tmp_path, "b-binary.txt", b"\x00\x01\x02binary")
    write(tmp_path, "c-empty.txt", "")
    write(tmp_path, "d-good.json", json.dumps({"title": "T", "text": PROSE}))
    result = ingest([source(tmp_path), source(tmp_path / "missing")], OPTIONS)
    assert [a.id for a in result.articles] == ["a-good", "d-good"]
    assert [(f.source, f.hint != "") for f in result.failures] == [
        (str(tmp_path / "b-binary.txt"), True), (str(tmp_path / "c-empty.txt"), True), ("local", True)]


def test_max_entries_caps_files_per_source(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for n in range(5):
        write(tmp_path, f"{n}.txt", PROSE)
    with caplog.at_level(logging.WARNING):
        result = ingest([source(tmp_path)], IngestOptions(max_bytes=10_000, max_entries=3))
    assert [a.id for a in result.articles] == ["0", "1", "2"]
    assert "only the first 3" in caplog.text


def test_ids_are_sanitised_and_unique_within_a_run(tmp_path: Path) -> None:
    first = write(tmp_path, "one/My Story (1).txt", PROSE)
    write(tmp_path, "two/My Story (1).txt", PROSE)
    assert file_id(first) == "My-Story-1"
    assert file_id(Path("...txt")) == "article"
    result = ingest([source(tmp_path / "one"), source(tmp_path / "two")], OPTIONS)
    assert [a.id for a in result.articles] == ["My-Story-1", "My-Story-1-2"]


def test_include_and_exclude_phrases(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Dock strike talks resumed in Oslo.\n")
    write(tmp_path, "b.txt", "The football final was postponed by the STRIKE.\n")
    write(tmp_path, "c.txt", "Strikers scored twice.\n")
    write(tmp_path, "d.txt", "Port  workers met\nthe mediator.\n")
    result = ingest([source(tmp_path, include=["strike", "port workers"], exclude=["Football"])], OPTIONS)
    assert [a.id for a in result.articles] == ["a", "d"]
    article = Article(id="x", text="Peace talks in Geneva.", title="Strike")
    assert wanted(article, source(tmp_path, include=["strike"]))
    assert not wanted(article, source(tmp_path, exclude=["geneva"]))


def test_seeds_and_options_from_config(sample_config_path: Path) -> None:
    config = load_config(sample_config_path)
    options = IngestOptions.from_config(config)
    assert (options.max_bytes, options.max_entries, options.fetch) == (5_000_000, 500, config.fetch)
    result = ingest(config.sources, options)
    assert result.failures == ()
    assert [a.publisher for a in result.articles] == ["IBTimes", "nypost.com", "002_4a25eae63a9d3374.txt",
                                                     "003_63ee807c0303dc6b.txt", "Shropshire Star"]


# --- feeds ----------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title><link>{base}/</link><description>d</description>
<item><title>Ferry strike called off</title><link>{base}/1</link><guid>w-1</guid>
<pubDate>Tue, 02 Jan 2024 09:30:00 GMT</pubDate>
<description>The ferry strike was called off on Monday after talks with the operator.</description></item>
</channel></rss>"""


def test_feed_sources_go_to_feeds_and_fail_alone(http_server: TestServer, tmp_path: Path) -> None:
    http_server.route("/rss.xml", respond(RSS.format(base=http_server.url("").rstrip("/")),
                                          content_type=RSS_TYPE))
    write(tmp_path, "local.txt", PROSE)
    sources = [SourceConfig(name="wire", url=http_server.url("/rss.xml")),
               SourceConfig(name="dead", url=http_server.url("/missing.xml")),
               source(tmp_path)]
    result = ingest(sources, IngestOptions(fetch=FetchConfig(allow_private=True, timeout=2)))
    assert [(a.source, a.title) for a in result.articles] == [
        ("wire", "Ferry strike called off"), ("local", "")]
    assert [f.source for f in result.failures] == ["dead"]


def test_source_statuses_give_each_feed_s_last_fetch_in_utc_without_repeating_its_url(
        http_server: TestServer, tmp_path: Path) -> None:
    http_server.route("/rss.xml", respond(RSS.format(base=http_server.url("").rstrip("/")),
                                          content_type=RSS_TYPE))
    wire, dead = http_server.url("/rss.xml"), http_server.url("/missing.xml")
    config = load_config(None, {"sources": [{"name": "wire", "url": wire}, {"name": "dead", "url": dead}],
                                "state": {"database": str(tmp_path / "s.db")}})
    state = State(database_url(config))
    ingest(config.sources, IngestOptions(fetch=FetchConfig(allow_private=True, timeout=2)), state)
    state.close()
    lines = list(source_statuses(config))
    assert re.fullmatch(rf"wire: {wire}: 200 at \d{{4}}-\d\d-\d\d \d\d:\d\d UTC", lines[0]), lines
    assert lines[1].startswith(f"dead: {dead}: error at ") and lines[1].count(dead) == 1, lines
    assert " UTC: HTTP 404 Not Found" in lines[1]


TWO_ITEMS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{base}/</link><description>d</description>
<item><title>Ferry strike called off</title><link>{base}/1?utm_source={title}</link><guid>{title}-1</guid>
<description>The ferry strike was called off on Monday after talks with the operator.</description></item>
<item><title>Live: ferry talks</title><link>{base}/live</link><guid>{title}-2</guid>
<description>{live}</description></item>
</channel></rss>"""


def test_one_page_with_the_same_words_in_two_feeds_is_read_once(http_server: TestServer) -> None:
    base = http_server.url("").rstrip("/")
    for title, live in (("Harbour Wire", "The operator said talks went well."),
                        ("Coast News", "The union said it would vote on Friday.")):
        http_server.route(f"/{title[:5].lower()}.xml", respond(TWO_ITEMS.format(base=base, title=title, live=live),
                                                               content_type=RSS_TYPE))
    sources = [SourceConfig(name="wire", url=http_server.url("/harbo.xml"), full_text=False),
               SourceConfig(name="coast", url=http_server.url("/coast.xml"), full_text=False)]
    result = ingest(sources, IngestOptions(fetch=FetchConfig(allow_private=True, timeout=2)))
    # the same page and words is one source, not two outlets' corroboration; a live page's
    # different updates at one address are different articles
    assert [(a.source, a.title) for a in result.articles] == [
        ("wire", "Ferry strike called off"), ("wire", "Live: ferry talks"), ("coast", "Live: ferry talks")]


# --- command-line helpers -----------------------------------------------------------------------


def test_read_documents_files_folders_and_stdin(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Headline here\n" + PROSE)
    write(tmp_path, "more/b.txt", PROSE)
    texts = read_documents([str(tmp_path / "a.txt"), str(tmp_path / "more"), "-"], io.StringIO("From stdin."))
    assert texts == [PROSE.strip(), PROSE.strip(), "From stdin."]
    with pytest.raises(InputError, match="no such file"):
        read_documents([str(tmp_path / "gone.txt")])
    with pytest.raises(InputError, match="standard input"):
        read_documents(["-"], io.StringIO("  \n"))


def test_check_sources_offline(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PROSE)
    config = load_config(None, {"sources": [
        {"name": "files", "path": str(tmp_path)}, {"name": "gone", "path": str(tmp_path / "x")},
        {"name": "feed", "url": "https://feeds.example/rss"}]})
    checks = list(check_sources(config, offline=True))
    lines = [c.line for c in checks]
    assert [c.ok for c in checks] == [True, False, True]
    assert lines[0] == f"files: OK: 1 readable files in {tmp_path}"
    assert lines[1].startswith("gone: FAILED:")
    assert lines[2] == "feed: https://feeds.example/rss (not contacted: --offline)"


def test_check_sources_reads_the_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.html", "c.md"):
        (tmp_path / name).write_bytes(bytes(range(256)) * 8)
    config = load_config(None, {"sources": [{"name": "binary", "path": str(tmp_path)}]})
    (check,) = check_sources(config, offline=True)
    assert not check.ok and "none of the 3 files" in check.line and "binary" in check.line
    write(tmp_path, "d.txt", PROSE)
    (check,) = check_sources(config, offline=True)
    assert check.ok and "1 readable files" in check.line and "3 unreadable" in check.line


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-02-18", datetime(2026, 2, 18, tzinfo=UTC)),
    ("2026-02-18T09:30:00+01:00", datetime(2026, 2, 18, 8, 30, tzinfo=UTC)),
    ("Wed, 18 Feb 2026 09:30:00 GMT", datetime(2026, 2, 18, 9, 30, tzinfo=UTC)),
    ("18th February 2026, 10:32", datetime(2026, 2, 18, tzinfo=UTC)),
    ("Updated Feb. 18, 2026 at 4 pm", datetime(2026, 2, 18, tzinfo=UTC)),
    (1771407000, datetime(2026, 2, 18, 9, 30, tzinfo=UTC)),
    ("3 hours ago", None), ("February 30, 2026", None), ("", None),
])
def test_parse_date(value: str | int, expected: datetime | None) -> None:
    assert parse_date(value) == expected


# --- provenance: dates and labels from the article itself ---------------------------------------------

PAGE = ("<html><head><title>{title}</title>{meta}</head><body><article><h1>Port talks stall</h1>{byline}"
        "<p>Negotiators from the two harbour unions met the port authority on Monday for a third day of talks.</p>"
        "<p>The port authority offered a five percent pay rise, which the unions rejected as too low.</p>"
        "</article><footer><p>\u00a9 2026 Quay Media Group. All rights reserved.</p></footer></body></html>")


def page_article(tmp_path: Path, title: str = "Port talks stall", meta: str = "", byline: str = "",
                 name: str = "story.html") -> Article:
    path = tmp_path / name
    path.write_text(PAGE.format(title=title, meta=meta, byline=byline), encoding="utf-8")
    (article,) = read_articles(path)
    return article


def test_a_copyright_line_is_no_publication_date(tmp_path: Path) -> None:
    assert page_article(tmp_path).published is None
    dated = page_article(tmp_path, meta='<meta property="article:published_time" content="2026-02-16T08:00:00Z">')
    assert dated.published is not None and dated.published.date().isoformat() == "2026-02-16"


@pytest.mark.parametrize(("title", "meta", "byline", "label"), [
    ("Port talks stall", '<meta property="og:site_name" content="Harbour Herald">', "", "Harbour Herald"),
    ("Port talks stall - Metro Wire", "", "", "Metro Wire"),
    ("Port talks stall | Reuters", "", "", "Reuters"),
    ("Port talks stall", "", "<p>By Ahmed Khan, Metro Wire</p>", "Metro Wire"),
    ("Port talks stall", "", "<p>By Ahmed Khan, Chief Correspondent</p>", "story.html"),
    ("Port talks stall - Live Updates", "", "", "story.html"),
    ("Port talks stall", '<link rel="canonical" href="https://www.quaypost.example/a/1">', "", "quaypost.example"),
])
def test_a_source_is_labelled_from_what_the_page_says(tmp_path: Path, title: str, meta: str, byline: str,
                                                      label: str) -> None:
    assert page_article(tmp_path, title, meta, byline).publisher == label


def test_a_plain_text_file_is_labelled_by_dateline_agency_or_file_name(tmp_path: Path) -> None:
    write(tmp_path, "wire.txt", "Port talks stall\n\nGENEVA, Feb 16 (Reuters) - " + PROSE)
    write(tmp_path, "bare.txt", PROSE)
    assert read_file(tmp_path / "wire.txt").publisher == "Reuters"
    assert read_file(tmp_path / "bare.txt").publisher == "bare.txt"


def feed_of(title: str) -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><item><guid>{title}-1</guid>'
            f"<title>{title} story</title><description>{PROSE}</description></item></channel></rss>")


def test_feeds_are_read_concurrently_and_stalled_ones_listed_at_the_run_deadline(http_server: TestServer,
                                                                                  tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PROSE)
    sources = [SourceConfig(name="files", path=tmp_path)]
    for n in range(6):
        route = stall(60) if n in (1, 4) else respond(feed_of(f"Feed{n}"), content_type=RSS_TYPE)
        sources.append(SourceConfig(name=f"feed{n}", url=http_server.route(f"/f{n}", route)))
    fetch = FetchConfig(allow_private=True, timeout=30, run_timeout=2, concurrency=3)
    started = time.monotonic()
    result = ingest(sources, IngestOptions(fetch=fetch))
    assert time.monotonic() - started < 30  # not 2 x 3 x fetch.timeout: the run's deadline ends them
    assert sorted(f.source for f in result.failures) == ["feed1", "feed4"]
    assert all("run_timeout" in f.reason or "run's deadline" in f.reason for f in result.failures)
    assert [a.source for a in result.articles] == ["files", "feed0", "feed2", "feed3", "feed5"]  # in order


def test_a_broken_link_in_a_folder_is_a_failed_file_not_silence(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", PROSE)
    (tmp_path / "b.txt").symlink_to(tmp_path / "moved-away.txt")
    result = ingest([source(tmp_path)], IngestOptions())
    assert len(result.articles) == 1
    assert [f.source for f in result.failures] == [str(tmp_path / "b.txt")]
    assert "broken link" in result.failures[0].reason and "moved-away.txt" in result.failures[0].reason
