"""Rendering: escaping of hostile text, safe links, the JSON contract, template overrides, a real browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import TemplateError
from briefing.models import Article, Briefing, Evidence, Failure, Point, Position, Quote, Section, Stats
from briefing.render import FORMATS, SCHEMA, md_escape, render, safe_url, to_json

ROOT = Path(__file__).resolve().parent.parent
XSS = "<script>alert(1)</script>"
ATTR = '" onerror="x'
JS_URL = "javascript:alert(1)"
MD_LINK = "[click me](javascript:alert(1))"
LONG_WORD = "https://example.org/" + "a" * 300  # one unbreakable token: must not widen the phone layout


def make_briefing(hostile: bool = True) -> Briefing:
    """A hand-built edition: four outlets, quotes with variants, issues with positions, a failure."""
    evil = f" {XSS} {ATTR} {MD_LINK}" if hostile else ""
    sources = (
        Article(id="wire-1", text="", title="Talks end without a deal" + evil, publisher="Wire Service",
                url="https://wire.example/talks?a=1&b=2", published=datetime(2025, 5, 1, 6, 0, tzinfo=UTC)),
        Article(id="post-2", text="", title="Delegations leave Geneva", publisher="Nordic Post",
                url=JS_URL if hostile else "https://post.example/geneva", new=False),
        Article(id="agg-3", text="", title="Round-up" + (f" {LONG_WORD}" if hostile else ""),
                publisher="Wire Service", url="data:text/html,<script>alert(2)</script>" if hostile else ""),
        Article(id="local file 4", text="", title="Notes", publisher="", path="/home/user/secret/notes.txt",
                url=" vbscript:msgbox(1)" if hostile else ""),
    )
    summary = (
        Point("Peace talks ended abruptly on Wednesday." + evil, ("wire-1", "post-2"),
              evidence=(Evidence("post-2", "The peace talks ended abruptly on Wednesday." + evil),
                        Evidence("wire-1", "Peace talks ended abruptly on Wednesday." + evil))),
        Point("# Not a heading, 1. not a list, <b>not bold</b> & &amp; stays.", ("agg-3",), new=False),
        Point("Negotiators met for two hours." + (f" {LONG_WORD}" if hostile else ""), ("local file 4",)),
    )
    quotes = (
        Quote("Russia is trying to drag out negotiations" + evil, "Volodymyr Zelensky", ("wire-1", "agg-3"),
              context="he said", variants=("Russland versucht, die Verhandlungen hinauszuzögern",),
              score=0.91, key=True),
        Quote("This is complex work that requires time", None, ("post-2",), score=0.5, key=True),
        Quote("A minor remark nobody repeated", "Someone", ("agg-3",), score=0.1, key=False),
    )
    issues = (
        Section("territory", "Territory" + evil, (Point("Russia wants land in the Donbas.", ("wire-1",)),),
                (Position("Russia", (Point("Moscow demands the Donbas.", ("wire-1",)),)),
                 Position("Ukraine" + evil, (Point("Kyiv refuses to cede land.", ("post-2",)),)))),
        Section("empty", "Prisoner exchanges", ()),
    )
    steps = (Point("A new round is expected on Thursday.", ("wire-1", "unknown-id"), when="on Thursday",
                   due=date(2025, 5, 8)),
             Point("Monitors will arrive soon.", ("post-2",), when="soon"))
    failures = (Failure("broken-feed" + evil, "HTTP 503" + evil, "check the URL"),)
    return Briefing(title="Geneva talks" + evil, date=date(2025, 5, 1), sources=sources, summary=summary,
                    quotes=quotes, issues=issues, next_steps=steps, failures=failures,
                    stats=Stats(articles=4, sentences=120, quotes=3, attributed=2, seconds=1.5),
                    generated=datetime(2025, 5, 1, 6, 30, tzinfo=UTC))


class LinkParser(HTMLParser):
    """Collects tags, attributes and text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> LinkParser:
    parser = LinkParser()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture
def briefing() -> Briefing:
    return make_briefing()


# --- safety -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "email"])
def test_html_escapes_everything_and_links_only_http(briefing: Briefing, fmt: str) -> None:
    html = render(briefing, fmt)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    doc = parse(html)  # css_inline re-serialises text with bare quotes: harmless outside tags
    for tag, attrs in doc.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img", "link", "base", "form")
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), href
    hrefs = [a["href"] for t, a in doc.tags if t == "a"]
    assert "https://wire.example/talks?a=1&b=2" in hrefs  # &amp; in the source, & after parsing
    assert not any("javascript" in (h or "").lower() or "data:" in (h or "") for h in hrefs)
    # the unsafe URLs are still visible as text, never as links
    assert JS_URL in "".join(doc.text)


def test_html_is_self_contained(briefing: Briefing) -> None:
    html = render(briefing, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert '<meta charset="utf-8">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    style = html[html.index("<style>"):html.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "max-width" in style and "overflow-wrap: anywhere" in style and "@media print" in style


def test_html_is_well_formed(briefing: Briefing) -> None:
    """Every non-void element is closed in order (a cheap HTML5 structure check without a validator)."""
    void = {"meta", "br", "hr", "img", "input", "link", "wbr"}
    stack: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in void:
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert stack and stack[-1] == tag, f"</{tag}> closes <{stack[-1] if stack else None}>"
            stack.pop()

    Checker().feed(render(briefing, "html"))
    assert stack == []
    ids = re.findall(r'\sid="([^"]*)"', render(briefing, "html"))
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z][\w-]*", i) for i in ids)


def test_html_content(briefing: Briefing) -> None:
    html = render(make_briefing(hostile=False), "html")
    for heading in ("What happened", "Key quotes", "Open issues", "Next steps", "Sources"):
        assert f">{heading}</h2>" in html
    assert "Sources that failed" in html and "HTTP 503" in html and "check the URL" in html
    assert "Volodymyr Zelensky" in html and "Unattributed" in html
    assert "A minor remark nobody repeated" not in html  # key=False quotes are only in the JSON
    assert "carried by 1 outlet " in html  # wire-1 + agg-3 are the same publisher
    assert "Russland versucht" in html  # the translated variant, shown subtly
    assert "Wire Service (2)" in html  # a second article of the same outlet gets a number
    assert 'href="#src-local-file-4-' in html  # no URL: the citation links to the source list
    assert ", unknown-id]</span>" in html and "#src-unknown-id" not in html  # no dangling anchors
    assert "notes.txt" in html and "/home/user" not in html
    assert ">earlier</span>" in html and "seen before" in html
    assert "4 articles, 120 sentences" in html and "2025-05-01 06:30 UTC" in html
    assert "Thursday, 1 May 2025" in html


def test_markdown_cannot_inject(briefing: Briefing) -> None:
    md = render(briefing, "md")
    assert not re.search(r"(?<!\\)<script|(?<!\\)\]\((javascript|data)", md)  # only escaped forms
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\[click me\\](javascript:alert(1))" in md
    assert "*(earlier)* \\# Not a heading" in md  # escaped even mid-line
    assert "\\<b\\>not bold\\</b\\>" in md and "\\&amp; stays" in md
    assert "[Wire Service](https://wire.example/talks?a=1&b=2)" in md
    assert "## What happened" in md and "> — **Volodymyr Zelensky**" in md and "*Unattributed*" in md


@pytest.mark.parametrize("text", ["1. not a list", "- not an item", "+ x", "=== x", "### x", "> x", "2) x"])
def test_md_escape_line_starts(text: str) -> None:
    escaped = md_escape(text)
    assert escaped != text and escaped.replace("\\", "") == text


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_md_escape_leaves_no_live_syntax(text: str) -> None:
    """Property: after escaping, every Markdown/HTML special character is backslash-escaped."""
    escaped = md_escape(text)
    unescaped = re.sub(r"\\(.)", "", escaped)
    assert not re.search(r"[`*_\[\]<>|~\\]", unescaped)
    assert "\n" not in escaped


@given(st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_html_escapes_any_text(text: str) -> None:
    """Property: arbitrary text in any field never produces markup."""
    base = make_briefing(hostile=False)
    tags = [t for t, _ in parse(render(with_text(base, text), "html")).tags]
    assert tags == [t for t, _ in parse(render(with_text(base, "x"), "html")).tags]


def with_text(b: Briefing, text: str) -> Briefing:
    """The briefing with the same text in every free-text field."""
    return Briefing(title=text, date=b.date, sources=b.sources, summary=(Point(text, ("wire-1",)),),
                    quotes=(Quote(text, text, ("wire-1",), key=True),), issues=(), next_steps=(),
                    failures=(Failure(text, text),))


def test_text_output(briefing: Briefing) -> None:
    txt = render(briefing, "txt")
    assert txt.startswith("GENEVA TALKS")
    headings = ("WHAT HAPPENED", "KEY QUOTES", "OPEN ISSUES", "NEXT STEPS", "SOURCES", "SOURCES THAT FAILED")
    for heading in headings:
        assert f"\n{heading}\n" in txt
    assert "-- Unattributed" in txt and "(earlier)" in txt
    assert "\n    https://wire.example/talks?a=1&b=2\n" in txt
    assert f"\n    {JS_URL}\n" not in txt and "data:text" not in txt  # unsafe URLs are not listed
    long_lines = [line for line in txt.splitlines() if len(line) > 80 and LONG_WORD not in line]
    assert not long_lines


def test_control_characters_are_stripped() -> None:
    b = make_briefing(hostile=False)
    b = Briefing(title="Bell\x07 and \x1b[31mred", date=b.date, sources=b.sources, summary=b.summary,
                 quotes=b.quotes, issues=b.issues, next_steps=b.next_steps)
    for fmt in ("html", "txt", "md"):
        out = render(b, fmt)
        assert "\x1b" not in out and "\x07" not in out


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("vbscript:x", False), ("//example.org/x", False), ("/relative", False), ("file:///etc/passwd", False),
    ("https://", False), ("https://exa mple.org", False), ("http://x\n.org", False), ("", False),
    (None, False), ("https://[::1", False),
])
def test_safe_url(url: str | None, ok: bool) -> None:
    assert bool(safe_url(url)) is ok


# --- JSON contract ----------------------------------------------------------------------------------

def test_json_contract(briefing: Briefing) -> None:
    data = json.loads(render(briefing, "json"))
    assert data == to_json(briefing)
    assert data["schema"] == SCHEMA == "briefing/1"
    assert set(data) >= {"schema", "title", "date", "generated", "sources", "summary", "quotes", "issues",
                         "next_steps", "failures", "stats"}
    assert data["date"] == "2025-05-01" and data["generated"] == "2025-05-01T06:30:00+00:00"
    src = data["sources"][0]
    assert set(src) >= {"id", "title", "publisher", "url", "path", "published", "new"}
    assert src["published"] == "2025-05-01T06:00:00+00:00" and data["sources"][1]["published"] is None
    assert all(isinstance(s["new"], bool) for s in data["sources"])
    assert data["summary"][0] == {
        "text": briefing.summary[0].text, "sources": ["wire-1", "post-2"], "new": True, "score": 0.0,
        "evidence": [{"source": e.source, "text": e.text} for e in briefing.summary[0].evidence],
        "when": "", "due": None}
    assert data["next_steps"][0]["when"] == "on Thursday" and data["next_steps"][0]["due"] == "2025-05-08"
    assert data["next_steps"][1]["due"] is None and data["summary"][1]["evidence"] == []
    quotes = data["quotes"]
    assert len(quotes) == 3 and [q["key"] for q in quotes] == [True, True, False]  # every quote, not only key
    assert set(quotes[0]) == {"text", "speaker", "sources", "key", "variants", "context", "score"}
    assert quotes[1]["speaker"] is None and isinstance(quotes[0]["variants"], list)
    issue = data["issues"][0]
    assert set(issue) == {"id", "title", "points", "positions"}
    russia = issue["positions"][0]
    assert russia["party"] == "Russia" and russia["points"][0]["sources"] == ["wire-1"]
    failure = data["failures"][0]
    assert failure["reason"].startswith("HTTP 503") and failure["hint"] == "check the URL"
    assert data["stats"] == {"articles": 4, "sentences": 120, "quotes": 3, "attributed": 2, "seconds": 1.5}


def test_json_has_no_nan() -> None:
    b = make_briefing(hostile=False)
    b = Briefing(title=b.title, date=b.date, sources=(), summary=(Point("x", (), score=float("nan")),),
                 quotes=(), issues=(), next_steps=())
    assert json.loads(render(b, "json"))["summary"][0]["score"] is None


def test_empty_briefing_renders_every_format() -> None:
    empty = Briefing(title="Nothing", date=date(2025, 1, 1), sources=(), summary=(), quotes=(), issues=(),
                     next_steps=())
    for fmt in FORMATS:
        assert "nothing" in render(empty, fmt).lower()
    assert "No key quotes." in render(empty, "html")


# --- templates: overrides and errors ----------------------------------------------------------------

def test_user_template_overrides_default(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.txt").write_text("CUSTOM {{ briefing.title }} {{ briefing.summary|length }}\n")
    assert render(briefing, "txt", tmp_path).startswith("CUSTOM Geneva talks")
    assert "What happened" in render(briefing, "html", tmp_path)  # the rest still comes from the package


def test_user_partial_override_keeps_default_layout(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "base.html").write_text('{% extends "default/base.html" %}'
                                        '{% block header %}<h1>Ours: {{ briefing.title }}</h1>{% endblock %}')
    html = render(briefing, "html", tmp_path)
    assert "<h1>Ours: Geneva talks &lt;script&gt;" in html and ">Key quotes</h2>" in html


def test_sample_override_folder(briefing: Briefing) -> None:
    """The repository's templates/ folder is a working example of an override."""
    txt = render(briefing, "txt", ROOT / "templates")
    assert txt != render(briefing, "txt") and "WHAT HAPPENED" in txt


def test_strict_undefined_names_template_and_folder(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.html").write_text("<p>{{ briefing.no_such_field }}</p>")
    with pytest.raises(TemplateError) as err:
        render(briefing, "html", tmp_path)
    message = str(err.value)
    assert "briefing.html" in message and str(tmp_path) in message and "no_such_field" in message


def test_template_error_message_stays_short(tmp_path: Path, briefing: Briefing) -> None:
    """Jinja may put the repr of the whole briefing in its message; the user sees a short one."""
    (tmp_path / "briefing.html").write_text("{{ briefing.sources|map(cites.label)|list }}")
    with pytest.raises(TemplateError) as err:
        render(briefing, "html", tmp_path)
    assert "briefing.html" in str(err.value) and len(str(err.value)) < 1000


def test_broken_template_names_file_and_line(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.md").write_text("# ok\n{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"briefing\.md.*:2"):
        render(briefing, "md", tmp_path)


def test_missing_template_and_folder(tmp_path: Path, briefing: Briefing) -> None:
    (tmp_path / "briefing.html").write_text('{% include "nope.html" %}')
    with pytest.raises(TemplateError, match=r"'nope.html' not found in .*" + re.escape(str(tmp_path))):
        render(briefing, "html", tmp_path)
    with pytest.raises(TemplateError, match="does not exist"):
        render(briefing, "html", tmp_path / "missing")
    with pytest.raises(TemplateError, match="unknown output format 'pdf'"):
        render(briefing, "pdf")


def test_email_css_is_inlined(briefing: Briefing) -> None:
    html = render(briefing, "email")
    assert re.search(r'<h1 style="[^"]*font-size', html)
    assert "@media" in html and "http" not in html.split("<body")[0].replace("http-equiv", "")


# --- a real browser ---------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
# Injected into a copy of the page by the test only (the briefing itself has no scripts): paints a
# full-width bar lime when the document fits the viewport, red when it scrolls sideways.
PROBE = ("<div id=probe style='position:fixed;top:0;left:0;height:24px;width:100%;z-index:9'></div><script>"
         "document.getElementById('probe').style.background="
         "document.documentElement.scrollWidth>innerWidth?'red':'lime';</script>")


def chromium(tmp_path: Path, target: Path, size: tuple[int, int], *extra: str) -> str:
    args = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size[0]},{size[1]}",
            "--hide-scrollbars", *extra, target.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(tmp_path: Path, page: Path, size: tuple[int, int], png: Path) -> tuple[int, int, list[bytes]]:
    """Screenshot the page at the given viewport. Headless Chromium lays windows out at least 500px
    wide, so narrower viewports are emulated with an iframe of exactly that size."""
    target = page
    if size[0] < 500:
        target = page.with_name(f"frame-{page.name}")
        target.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{page.name}" '
                          f'style="border:0;display:block;width:{size[0]}px;height:{size[1]}px"></iframe>')
    chromium(tmp_path, target, size, f"--screenshot={png}")
    return read_png(png.read_bytes())


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB(A) rows of an 8-bit PNG (enough for Chromium's screenshots)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, _, color = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            line[x] = (line[x] + [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r) for r in rows]


def paeth(a: int, b: int, c: int) -> int:
    """The PNG Paeth predictor."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("fmt", ["html", "email"])
def test_real_browser_phone_and_desktop(tmp_path: Path, fmt: str) -> None:
    page = tmp_path / f"briefing-{fmt}.html"
    page.write_text(render(make_briefing(), fmt), encoding="utf-8")
    dom = chromium(tmp_path, page, (1280, 900), "--dump-dom")
    for heading in ("What happened", "Key quotes", "Open issues", "Next steps", "Sources"):
        assert f">{heading}</h2>" in dom
    assert "<script" not in dom.lower()
    shots = Path(os.environ.get("BRIEFING_SCREENSHOTS") or tmp_path)  # set it to keep the PNGs for a look
    for name, size in (("phone", (390, 844)), ("desktop", (1280, 900))):
        width, height, _ = screenshot(tmp_path, page, size, shots / f"{fmt}-{name}.png")
        assert (width, height) == size and (shots / f"{fmt}-{name}.png").stat().st_size > 5000
        probe = page.with_name(f"probe-{name}-{page.name}")
        probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
        _, _, rows = screenshot(tmp_path, probe, size, tmp_path / f"probe-{name}.png")
        channels = len(rows[0]) // size[0]
        for x in (2, size[0] // 2, size[0] - 3):
            pixel = tuple(rows[4][x * channels:x * channels + 3])
            assert pixel == (0, 255, 0), f"horizontal overflow on {name} ({pixel})"


# --- evidence and step times ------------------------------------------------------------------------

def test_html_holds_evidence_in_details_escaped() -> None:
    html = render(make_briefing(), "html")
    assert html.count('<details class="evidence">') == 1  # only the point that carries evidence
    details = html[html.index('<details class="evidence">'):html.index("</details>")]
    assert "also reported as “The peace talks ended abruptly on Wednesday." in details
    assert "these words" in details and XSS not in details and "&lt;script&gt;" in details
    assert '<span class="when">on Thursday: Thu 8 May 2025</span>' in html
    assert '<span class="when">soon</span>' in html


def test_text_and_markdown_show_evidence_on_demand() -> None:
    b = make_briefing(hostile=False)
    plain, shown = render(b, "txt"), render(b, "txt", evidence=True)
    assert "The peace talks ended abruptly" not in plain
    assert "> Nordic Post: The peace talks ended abruptly on Wednesday." in shown
    assert "> Wire Service: (these words)" in shown
    assert "[on Thursday: Thu 8 May 2025] A new round is expected on Thursday." in plain
    md = render(b, "md", evidence=True)
    assert "  - *Nordic Post*: The peace talks ended abruptly on Wednesday." in md
    assert "**on Thursday: Thu 8 May 2025** · A new round" in md
    assert "The peace talks ended abruptly" not in render(b, "md")
    assert "The peace talks ended abruptly" not in render(b, "email")
    assert "The peace talks ended abruptly" in render(b, "email", evidence=True)


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_party_without_points_gets_no_heading(briefing: Briefing, fmt: str) -> None:
    quiet = Section("quiet", "Fishing quotas", (), (Position("Norway", ()),))
    out = render(replace(briefing, issues=(quiet,)), fmt)
    assert "Norway" not in out and "Nothing new on this issue" in out


def test_markdown_issue_with_only_party_boxes_has_one_blank_line_after_its_heading(briefing: Briefing) -> None:
    share = Point("Oslo wants a larger share.", ("wire-1",))
    boxed = Section("boxed", "Fishing quotas", (), (Position("Norway", (share,)),))
    md = render(replace(briefing, issues=(boxed,)), "md")
    assert "### Fishing quotas\n\n**Norway**" in md


@pytest.fixture
def fresh_template_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp dir of its own for Jinja's template cache, and no environment kept from another test."""
    from briefing import render as module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    module._environment.cache_clear()
    yield tmp_path / f"_jinja2-cache-{os.getuid()}"
    module._environment.cache_clear()


def test_compiled_templates_are_kept_and_render_the_same(briefing: Briefing, fresh_template_cache: Path) -> None:
    from briefing import render as module

    first = {fmt: render(briefing, fmt) for fmt in ("html", "txt", "md")}
    kept = sorted(fresh_template_cache.iterdir())
    assert len(kept) >= 3 and all(p.name.startswith("__briefing_") for p in kept)
    module._environment.cache_clear()  # a new process: the templates come from the cache
    assert {fmt: render(briefing, fmt) for fmt in ("html", "txt", "md")} == first
    assert sorted(fresh_template_cache.iterdir()) == kept


def test_a_cache_that_cannot_be_read_or_written_costs_nothing_but_time(briefing: Briefing, fresh_template_cache: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import render as module

    expected = render(briefing, "txt")
    module._environment.cache_clear()
    for entry in fresh_template_cache.iterdir():
        entry.write_bytes(b"not a compiled template")
    assert render(briefing, "txt") == expected  # a broken entry is compiled again
    module._environment.cache_clear()
    gone = fresh_template_cache / "removed"  # a folder that vanished: nothing can be written there
    monkeypatch.setattr(module, "template_cache", lambda kind: module.TemplateCache(str(gone)))
    assert render(briefing, "txt") == expected and not gone.exists()


def test_a_users_template_folder_is_not_cached(briefing: Briefing, fresh_template_cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "briefing.txt").write_text("{{ briefing.title }}\n", encoding="utf-8")
    assert render(briefing, "txt", templates=folder) == f"{briefing.title}\n"
    assert not fresh_template_cache.exists() or not list(fresh_template_cache.iterdir())


@pytest.mark.parametrize("fmt", ["html", "email", "txt", "md"])
def test_failed_sources_are_announced_under_the_title(fmt: str) -> None:
    failed = replace(make_briefing(hostile=False), failures=(Failure("Coast feed", "HTTP 503"),
                                                             Failure("b.txt", "empty file")))
    out = render(failed, fmt)
    notice = out.find("2 sources could not be read this time")
    assert -1 < notice < out.lower().find("what happened"), out[:600]
    assert "1 source could not" in render(replace(failed, failures=failed.failures[:1]), fmt)
    assert "could not be read this time" not in render(replace(failed, failures=()), fmt)


def test_a_publication_known_only_by_its_day_shows_no_invented_midnight() -> None:
    from briefing.render import timestamp

    assert timestamp(datetime(2026, 12, 1, tzinfo=UTC)) == "2026-12-01"  # a date-only source (front matter, meta)
    assert timestamp(datetime(2026, 12, 1, 0, 1, tzinfo=UTC)) == "2026-12-01 00:01 UTC"
    assert timestamp(datetime(2026, 12, 1, 9, 10, tzinfo=UTC)) == "2026-12-01 09:10 UTC"
