"""A corpus of hostile inputs: each case is one source (local files or a feed) built end to end.

Every case names its category, what the build must make of it (``read``: at least one
article; ``fail``: the source is listed as failed, with ``reason`` in the reason; ``any``:
either, as long as nothing crashes or leaks) and strings that must never reach any output
(``never``). Feed bodies and pages may hold ``{BASE}``, replaced by the loopback server's
address. Everything is generated here, deterministically; the large cases (50 MB, 10,000
entries) are generated at test time by ``big_text``/``many_entries`` and never committed.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"

Expect = Literal["read", "fail", "any"]

# Plain news prose, reused by many cases so the analysis stages have real sentences to work on.
PROSE = (
    "Negotiators from the two harbour unions met the port authority on Monday for a third day of talks.",
    "The port authority offered a five percent pay rise, which the unions rejected as too low.",
    "\u201cWe will not accept a deal that cuts night shifts,\u201d union leader Anna Berg told reporters.",
    "Both sides said talks would resume on Friday with a mediator.",
    "Ships have queued outside the harbour for a week while the cranes stand idle.",
)
TEXT = "\n\n".join(PROSE) + "\n"
ASCII_TEXT = TEXT.replace("\u201c", '"').replace("\u201d", '"')
# What the external-entity cases point at: must never appear in any output.
PASSWD_MARK = "root:x:0:0"


@dataclass(frozen=True)
class Case:
    """One hostile source: files (name -> bytes) for a local folder, or feeds (path -> bytes) on the server."""

    category: str
    name: str
    files: Mapping[str, bytes] = field(default_factory=dict)
    feeds: Mapping[str, bytes] = field(default_factory=dict)
    content_type: str = RSS_TYPE
    pages: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)
    expect: Expect = "any"
    reason: str = ""
    never: tuple[str, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)  # extra response headers of the feeds
    allow_private: bool = False  # True: article links on the server are fetched (hostile pages)
    articles: int | None = None  # how many articles the edition must hold, where the case decides it

    @property
    def id(self) -> str:
        """The pytest id: category-name."""
        return f"{self.category}-{self.name}"


# --- builders ------------------------------------------------------------------------------------


def item(title: str = "Harbour talks resume", description: str = TEXT, guid: str | None = "g1",
         link: str | None = "{BASE}/a1", date: str | None = "Mon, 16 Feb 2026 08:00:00 GMT",
         extra: str = "") -> str:
    """An RSS item; values are inserted as given (escape them yourself)."""
    parts = [f"<title>{title}</title>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(f"<description>{description}</description>{extra}")
    return "<item>" + "".join(parts) + "</item>"


def rss(*items: str, title: str = "Harbour News", head: str = '<?xml version="1.0" encoding="utf-8"?>',
        namespaces: str = "") -> str:
    """An RSS 2.0 document around the items."""
    return (f'{head}\n<rss version="2.0"{namespaces}><channel><title>{title}</title><link>{{BASE}}/</link>'
            f"<description>News</description>{''.join(items)}</channel></rss>\n")


def entry(title: str = "Harbour talks resume", summary: str = TEXT, ident: str = "urn:e1",
          link: str = "{BASE}/a1", updated: str = "2026-02-16T08:00:00Z", extra: str = "") -> str:
    """An Atom entry; values inserted as given."""
    return (f"<entry><title>{title}</title><id>{ident}</id><link href=\"{link}\"/>"
            f"<updated>{updated}</updated><summary>{summary}</summary>{extra}</entry>")


def atom(*entries: str, title: str = "Harbour Atom") -> str:
    """An Atom document around the entries."""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:feed</id><updated>2026-02-16T08:00:00Z</updated>"
            f"{''.join(entries)}</feed>\n")


def esc(text: str) -> str:
    """XML-escape text for an element's content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed_case(category: str, name: str, body: str | bytes, expect: Expect = "any", reason: str = "",
              content_type: str = RSS_TYPE, **options: object) -> Case:
    """A case with one feed at /feed.xml."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Case(category, name, feeds={"/feed.xml": data}, content_type=content_type, expect=expect,
                reason=reason, **options)  # type: ignore[arg-type]


def file_case(category: str, name: str, files: Mapping[str, str | bytes], expect: Expect = "any",
              reason: str = "", **options: object) -> Case:
    """A case with a folder of files."""
    data = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in files.items()}
    return Case(category, name, files=data, expect=expect, reason=reason, **options)  # type: ignore[arg-type]


def noise(size: int, seed: int) -> bytes:
    """Deterministic random bytes."""
    return random.Random(seed).randbytes(size)


# --- categories ----------------------------------------------------------------------------------


def malformed_feeds() -> Iterator[Case]:
    """Truncated, unbalanced and not-quite-feed RSS/Atom."""
    c = "feed-malformed"
    good = rss(item(), item("Second story", guid="g2", link="{BASE}/a2"))
    yield feed_case(c, "truncated-mid-item", good[:int(len(good) * 0.7)], "any")
    yield feed_case(c, "truncated-mid-tag", good[:good.index("<description>") + 7], "any")
    yield feed_case(c, "truncated-after-decl", '<?xml version="1.0"?>\n<rss version="2.0"><chan', "fail",
                    "not a readable")
    yield feed_case(c, "unclosed-channel", good.replace("</channel></rss>", ""), "read")
    yield feed_case(c, "mismatched-tags", good.replace("</title>", "</description>", 1), "any")
    yield feed_case(c, "items-without-root", item() + item("Second", guid="g2"), "any")
    yield feed_case(c, "garbage-after-root", good + "<<<&&& ]]> </rss></rss> \x01", "read")
    yield feed_case(c, "atom-truncated", atom(entry(), entry("Two", ident="urn:e2"))[:-60], "any")
    yield feed_case(c, "atom-without-namespace",
                    atom(entry()).replace(' xmlns="http://www.w3.org/2005/Atom"', ""), "any")
    yield feed_case(c, "html-page-as-feed", "<!doctype html><html><body><p>Not a feed.</p></body></html>",
                    "fail", "not a readable", content_type=HTML_TYPE)
    yield feed_case(c, "json-as-feed", json.dumps({"items": [{"title": "x"}]}), "fail", "not a readable",
                    content_type="application/json")
    yield feed_case(c, "empty-body", b"", "fail", "not a readable")
    yield feed_case(c, "declaration-only", '<?xml version="1.0" encoding="utf-8"?>', "fail", "not a readable")
    yield feed_case(c, "bare-ampersands-and-lt",
                    rss(item("AT&T and M&S < rivals", "Profits at AT&T rose 5% & more < expected. " + TEXT)),
                    "any")
    yield feed_case(c, "unterminated-cdata", rss(item(description="<![CDATA[" + TEXT)), "any")
    yield feed_case(c, "rdf-1.0", '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
                    '22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R</title>'
                    '</channel><item rdf:about="{BASE}/r1"><title>RDF story</title><link>{BASE}/r1</link>'
                    f"<description>{esc(TEXT)}</description></item></rdf:RDF>", "read")
    yield feed_case(c, "null-bytes-inside", rss(item(description="Talks\x00 resumed.\x00 " + TEXT)), "any")
    yield feed_case(c, "binary-body-as-feed", noise(20_000, 1), "fail", "not a readable",
                    content_type="image/png")
    yield feed_case(c, "gzip-bytes-without-header", gzip.compress(rss(item()).encode()), "fail",
                    "not a readable")
    yield feed_case(c, "huge-attribute", rss(item(extra=f'<category domain="{"x" * 1_000_000}">c</category>')),
                    "any")
    yield feed_case(c, "no-title-no-link-no-guid", rss(item(title="", guid=None, link=None)), "any")


def encodings() -> Iterator[Case]:
    """Wrong, missing and mixed encodings, in files and feeds."""
    c = "encoding"
    smart = "\u201cWe will not sign,\u201d the minister said on Monday. The caf\u00e9 cost \u20ac5 on the quay.\n"
    body = smart + TEXT
    yield file_case(c, "cp1252-txt", {"a.txt": body.encode("cp1252")}, "read")
    yield file_case(c, "latin1-txt", {"a.txt": ("Der Stra\u00dfenbau in M\u00fcnchen begann am Montag. " * 3 + "\n"
                                                + ASCII_TEXT).encode("latin-1")}, "read")
    yield file_case(c, "utf16le-bom-txt", {"a.txt": codecs.BOM_UTF16_LE + body.encode("utf-16-le")}, "read")
    yield file_case(c, "utf16be-bom-txt", {"a.txt": codecs.BOM_UTF16_BE + body.encode("utf-16-be")}, "read")
    yield file_case(c, "utf16le-no-bom-txt", {"a.txt": body.encode("utf-16-le")}, "read")
    yield file_case(c, "utf32-bom-txt", {"a.txt": body.encode("utf-32")}, "read")
    yield file_case(c, "utf8-bom-txt", {"a.txt": codecs.BOM_UTF8 + body.encode("utf-8")}, "read")
    yield file_case(c, "mixed-utf8-and-cp1252", {"a.txt": smart.encode("utf-8") + smart.encode("cp1252")
                                                  + TEXT.encode("utf-8")}, "read")
    yield file_case(c, "html-declares-latin1-is-utf8", {"a.html": (
        '<html><head><meta charset="iso-8859-1"><title>T</title></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in (smart, *PROSE)) + "</article></body></html>").encode("utf-8")}, "read")
    yield file_case(c, "html-declares-unknown-charset", {"a.html": (
        '<html><head><meta charset="x-klingon"></head><body>'
        + "".join(f"<p>{p}</p>" for p in PROSE) + "</body></html>").encode("utf-8")}, "read")
    yield file_case(c, "html-declares-utf16-is-ascii", {"a.html": (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-16"></head><body>'
        + "".join(f"<p>{p}</p>" for p in PROSE) + "</body></html>").encode("ascii", "replace")}, "read")
    yield file_case(c, "utf8-cut-mid-character", {"a.txt": (TEXT + "Caf\u00e9 \u20ac").encode("utf-8")[:-2]},
                    "read")
    yield file_case(c, "json-in-cp1252", {"a.json": json.dumps({"title": "Caf\u00e9 talks", "text": body},
                                                                ensure_ascii=False).encode("cp1252")}, "read")
    yield file_case(c, "markdown-utf16-front-matter", {"a.md": codecs.BOM_UTF16_LE + (
        "---\ntitle: Caf\u00e9 talks\npublisher: Quay Post\n---\n\n# Caf\u00e9 talks\n\n" + TEXT
    ).encode("utf-16-le")}, "read")
    yield feed_case(c, "feed-windows-1252", rss(item("Caf\u00e9 talks \u20ac", esc(body)),
                                                head='<?xml version="1.0" encoding="windows-1252"?>')
                    .encode("cp1252"), "read", content_type="application/rss+xml")
    yield feed_case(c, "feed-says-utf8-is-cp1252", rss(item("Caf\u00e9 talks", esc(body))).encode("cp1252"),
                    "any", content_type="application/rss+xml")
    yield feed_case(c, "feed-utf16-bom", rss(item(description=esc(body)),
                                             head='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16"),
                    "read", content_type="application/rss+xml")
    yield feed_case(c, "feed-header-charset-contradicts", rss(item("Caf\u00e9", esc(body))).encode("utf-8"),
                    "any", content_type="application/rss+xml; charset=iso-8859-1")
    yield feed_case(c, "feed-unknown-encoding", rss(item(description=esc(body)),
                                                    head='<?xml version="1.0" encoding="x-unknown-9"?>'),
                    "fail", "encoding python does not know", content_type="application/rss+xml")
    yield feed_case(c, "feed-windows-1251-cyrillic", rss(
        item("\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b", esc(CYRILLIC)),
        head='<?xml version="1.0" encoding="windows-1251"?>').encode("cp1251"), "read",
        content_type="application/rss+xml")


def binaries() -> Iterator[Case]:
    """Binary files under text names."""
    c = "binary"
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise(8_000, 2)
    yield file_case(c, "png-as-txt", {"a.txt": png}, "fail", "binary")
    yield file_case(c, "gzip-as-txt", {"a.txt": gzip.compress(TEXT.encode() * 50)}, "fail", "binary")
    yield file_case(c, "zip-as-txt", {"a.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress(
        TEXT.encode() * 50)}, "fail", "binary")
    yield file_case(c, "elf-as-txt", {"a.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(56) + noise(4_000, 3)}, "fail",
                    "binary")
    yield file_case(c, "pdf-as-txt", {"a.txt": b"%PDF-1.4\n1 0 obj\n<< /Length 900 /Filter /FlateDecode >>\n"
                                                b"stream\n" + zlib.compress(noise(3_000, 4)) + b"\nendstream\n"},
                    "any")
    yield file_case(c, "random-bytes-as-txt", {"a.txt": noise(16_384, 5)}, "fail", "binary")
    yield file_case(c, "all-nul-as-txt", {"a.txt": bytes(10_000)}, "fail", "binary")
    yield file_case(c, "jpeg-as-html", {"a.html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + noise(6_000, 6)}, "fail",
                    "binary")
    yield file_case(c, "sqlite-as-json", {"a.json": b"SQLite format 3\x00" + bytes(100) + noise(4_000, 7)},
                    "fail", "binary")
    yield file_case(c, "long-hyphenated-name", {"a-long-hyphenated-file-name-that-the-text-output-must-never-"
                                                "wrap-at-a-hyphen-or-the-path-is-lost.txt": noise(2_000, 10)},
                    "fail", "binary")
    yield file_case(c, "binary-next-to-good-file", {"a.txt": noise(5_000, 8), "b.txt": TEXT}, "read")
    yield file_case(c, "control-characters-in-text", {"a.txt": "".join(chr(i % 32) for i in range(3000))
                                                      + TEXT}, "fail", "binary")


def empties() -> Iterator[Case]:
    """Empty, blank and prose-free sources."""
    c = "empty"
    yield file_case(c, "zero-bytes", {"a.txt": b""}, "fail", "empty")
    yield file_case(c, "spaces-only", {"a.txt": " " * 500}, "fail", "empty")
    yield file_case(c, "newlines-only", {"a.txt": "\n" * 500}, "fail", "empty")
    yield file_case(c, "tabs-and-returns", {"a.txt": "\t\r\n \r\t" * 100}, "fail", "empty")
    yield file_case(c, "invisible-characters-only", {"a.txt": "\u200b\u00a0\ufeff\u2060\u00ad\n" * 50}, "fail",
                    "text")
    yield file_case(c, "utf8-bom-only", {"a.txt": codecs.BOM_UTF8}, "fail", "empty")
    yield file_case(c, "utf16-bom-only", {"a.txt": codecs.BOM_UTF16_LE}, "fail", "empty")
    yield file_case(c, "json-empty-list", {"a.json": "[]"}, "fail", "no article record")
    yield file_case(c, "json-empty-text", {"a.json": '{"title": "Headline", "text": "   "}'}, "fail",
                    "no article record")
    yield file_case(c, "html-only-scripts", {"a.html": "<html><head><script>var a=1;</script><style>p{}</style>"
                                                       "</head><body><script>alert(1)</script></body></html>"},
                    "fail", "text")
    yield file_case(c, "markdown-front-matter-only", {"a.md": "---\ntitle: Nothing here\n---\n"}, "fail", "text")
    yield file_case(c, "punctuation-only", {"a.txt": ". . . !!! ??? -- ... ;;; \u2026\n" * 20}, "fail", "text")
    yield file_case(c, "headline-only", {"a.txt": "Harbour Talks Resume In Geneva\n"}, "fail", "text")
    yield feed_case(c, "feed-without-items", rss(), "any")
    yield feed_case(c, "feed-items-all-empty", rss(item("", "", "e1", None), item("", "", "e2", None)), "any")


def entities() -> Iterator[Case]:
    """Entity expansion ("billion laughs"), external entities and their relatives."""
    c = "entities"
    lol = ['<!ENTITY lol "lol">', '<!ENTITY lol1 "' + "&lol;" * 10 + '">']
    lol += [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)]
    laughs = f'<?xml version="1.0"?>\n<!DOCTYPE rss [{"".join(lol)}]>\n' + rss(item(description="&lol9;"), head="")
    never = ("lollollol",)
    yield feed_case(c, "billion-laughs-feed", laughs, "fail", "entities", never=never)
    blob = "A" * 50_000
    quadratic = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{blob}">]>\n'
                 + rss(item(description="&a;" * 2_000), head=""))
    yield feed_case(c, "quadratic-blowup-feed", quadratic, "fail", "entities", never=("A" * 5_000,))
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           + rss(item(description="&xxe;" + esc(TEXT)), head=""))
    yield feed_case(c, "external-entity-file", xxe, "fail", "entities", never=(PASSWD_MARK,))
    yield feed_case(c, "external-entity-http", xxe.replace("file:///etc/passwd", "{BASE}/secret"), "fail",
                    "entities", never=("TOP-SECRET",))
    param = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % ext SYSTEM "{BASE}/evil.dtd"> %ext;]>\n'
             + rss(item(), head=""))
    yield feed_case(c, "parameter-entity", param, "fail", "entities")
    yield feed_case(c, "external-dtd-subset", '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{BASE}/evil.dtd">\n'
                    + rss(item(), head=""), "read")
    same_line = ('<?xml version="1.0"?> <!DOCTYPE rss [<!ENTITY x "' + "y" * 1000 + '">]>'
                 + rss(item(description="&x;&x;&x;"), head=""))
    yield feed_case(c, "doctype-not-at-line-start", same_line, "fail", "entities")
    yield feed_case(c, "xinclude", rss(item(description=esc(TEXT), extra='<xi:include href="file:///etc/passwd"'
                                            ' parse="text" xmlns:xi="http://www.w3.org/2001/XInclude"/>')),
                    "read", never=(PASSWD_MARK,))
    html_laughs = (f'<?xml version="1.0"?><!DOCTYPE html [{"".join(lol)}]><html><body><p>&lol9;</p>'
                   + "".join(f"<p>{p}</p>" for p in PROSE) + "</body></html>")
    yield file_case(c, "billion-laughs-html-file", {"a.html": html_laughs}, "any", never=never)
    yield file_case(c, "billion-laughs-xhtml-file", {"a.xhtml": html_laughs}, "any", never=never)
    yield file_case(c, "external-entity-html-file", {"a.html": (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body>'
        "<p>&xxe;</p>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</body></html>")}, "any", never=(PASSWD_MARK,))
    yaml_bomb = "---\n" + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "---\n"
    yield file_case(c, "yaml-aliases-bomb-front-matter", {"a.md": yaml_bomb + TEXT}, "read")
    yield file_case(c, "entity-text-in-txt", {"a.txt": laughs + "\n" + TEXT}, "any", never=never)


def markup() -> Iterator[Case]:
    """HTML, JavaScript and unsafe links in titles, authors, publishers, links and text."""
    c = "markup"
    script = "<script>alert(1)</script>"
    yield feed_case(c, "title-escaped-script", rss(item(esc(script) + " Harbour talks")), "read")
    yield feed_case(c, "title-double-escaped-script", rss(item(esc(esc(script)) + " Harbour talks")), "read")
    yield feed_case(c, "title-cdata-script", rss(item(f"<![CDATA[{script}Harbour talks]]>")), "read")
    yield feed_case(c, "title-img-onerror", rss(item(esc('<img src=x onerror="alert(1)"> Talks')))
                    , "read")
    yield feed_case(c, "title-attribute-breakout", rss(item(esc('"><svg onload=alert(1)> Talks')),
                                                       title=esc('"><script>alert(2)</script>')), "read")
    yield feed_case(c, "author-script", rss(item(extra=f"<author>{esc(script)}</author><dc:creator>"
                                                 f"{esc('<img src=x onerror=alert(1)>')}</dc:creator>"),
                                            namespaces=' xmlns:dc="http://purl.org/dc/elements/1.1/"'), "read")
    for name, link in (("javascript", "javascript:alert(document.cookie)"),
                       ("javascript-mixed-case-padded", " \tJaVaScRiPt:alert(1)"),
                       ("javascript-entity-colon", "javascript&amp;#58;alert(1)"),
                       ("javascript-newline", "java&#10;script:alert(1)"),
                       ("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
                       ("vbscript", "vbscript:msgbox(1)"),
                       ("file-url", "file:///etc/passwd"),
                       ("protocol-relative", "//evil.example/x"),
                       ("quote-breakout", 'http://evil.example/"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'),
                       ("space-breakout", "http://evil.example/ onmouseover=alert(1)")):
        yield feed_case(c, f"link-{name}", rss(item(link=link)), "read")
    yield feed_case(c, "publisher-script", rss(item(), title=esc(script + "Harbour News")), "read")
    yield feed_case(c, "description-active-content", rss(item(description=esc(
        f"{script}<iframe src='javascript:alert(1)'></iframe><object data='x.swf'></object>"
        "<p onclick='alert(1)'>" + PROSE[0] + "</p><svg onload='alert(1)'><text>svg</text></svg>"
        "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'><base href='javascript:/'>"
        "<a href='javascript:alert(1)'>" + PROSE[1] + "</a><style>body{background:url(javascript:x)}</style>"
        "<p style='background:url(javascript:alert(1))'>" + PROSE[3] + "</p>"))), "read")
    yield feed_case(c, "content-encoded-links", rss(item(extra="<content:encoded><![CDATA[<p>" + PROSE[0]
                                                         + "</p><p><a href=\"javascript:alert(1)\">"
                                                         + PROSE[1] + "</a></p>" + script + "]]></content:encoded>"),
                                                    namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/'
                                                               'content/"'), "read")
    yield feed_case(c, "atom-html-and-xhtml", atom(
        entry(title=esc(script) + "Atom talks", link="javascript:alert(1)"),
        entry(title='<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>Xhtml talks</div>',
              ident="urn:e2", link="{BASE}/a2").replace("<title>", '<title type="xhtml">')),
        "read", content_type=ATOM_TYPE)
    yield feed_case(c, "bidi-override-title", rss(item("Talks \u202egnp.exe\u202c resume \u2066x\u2069")), "read")
    yield feed_case(c, "guid-and-date-script", rss(item(guid=esc(script), date=esc(script))), "read")
    yield feed_case(c, "hostile-full-text-page", rss(item(description="Short teaser.")), "read",
                    allow_private=True, pages={"/a1": (
                        ("<html><head><title>x</title><script>alert(1)</script></head><body><article>"
                         + "".join(f"<p onmouseover='alert(1)'><a href='javascript:alert(1)'>Here</a>: {p}</p>"
                                   for p in PROSE) + script + "</article></body></html>").encode(), HTML_TYPE)})
    yield file_case(c, "hostile-file-names", {"<img src=x onerror=alert(1)>.txt": noise(3_000, 9),
                                              '"><b onclick=alert(1)>talks.txt': TEXT}, "read")
    lines = f"{script}\n" + TEXT + f"The minister said {script} talks would resume on Friday.\n"
    yield file_case(c, "txt-script-lines", {"a.txt": lines}, "read")
    yield file_case(c, "txt-inline-html", {"a.txt": "The minister said <img src=x onerror=alert(1)> the "
                                                    "talks <b onclick=x()>would</b> resume on Friday.\n" + TEXT},
                    "read")
    yield file_case(c, "markdown-links-and-html", {"a.md": (
        "# Talks <script>alert(1)</script>\n\n[Click here](javascript:alert(1)) for the talks, which resumed "
        "on Monday.\n\n![x](javascript:alert(2))\n\n<div onclick='alert(3)'>" + PROSE[1] + "</div>\n\n"
        + "<https://evil.example/auto> " + TEXT)}, "read")
    yield file_case(c, "markdown-front-matter-hostile", {"a.md": (
        "---\ntitle: \"<script>alert(1)</script>Talks\"\nurl: \"javascript:alert(1)\"\n"
        "publisher: \"<img src=x onerror=alert(1)>\"\n---\n\n" + TEXT)}, "read")
    yield file_case(c, "json-hostile-fields", {"a.json": json.dumps([
        {"title": '"><img src=x onerror=alert(1)>', "publisher": script, "url": "javascript:alert(1)",
         "text": TEXT},
        {"title": "Quote breakout", "publisher": "Quay Post", "url": 'http://ok.example/" onmouseover="alert(1)',
         "text": TEXT.replace("Monday", "Tuesday")},
        {"title": "Data", "publisher": {"name": "</title><script>alert(1)</script>"},
         "url": "data:text/html,<script>alert(1)</script>", "text": TEXT.replace("Monday", "Sunday")}])},
        "read")
    yield file_case(c, "html-file-active-content", {"a.html": (
        "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Talks</title>"
        "<meta property='og:url' content='javascript:alert(1)'><meta property='og:site_name' "
        "content='&lt;script&gt;alert(2)&lt;/script&gt;'><script>alert(3)</script></head><body onload='alert(4)'>"
        "<article>" + "".join(f"<p onclick='alert(5)'>{p}</p>" for p in PROSE)
        + "<a href='javascript:alert(6)'>link</a><iframe src='javascript:alert(7)'></iframe>"
        "</article></body></html>")}, "read")
    yield file_case(c, "markdown-injection-in-txt", {"a.txt": (
        "# Heading injection.\n\n[x](javascript:alert(1)) talks resumed on Monday, the envoy said.\n\n"
        "| a | b |\n\n> quoted block said so.\n\n1. Numbered line that is prose.\n\n" + TEXT)}, "read")
    yield file_case(c, "html-closers-and-comments", {"a.txt": (
        "The text holds </html></body><!-- an unclosed comment and ]]> markers.\n" + TEXT)}, "read")
    yield file_case(c, "template-syntax", {"a.txt": (
        "The envoy wrote {{ briefing.title }} and {% for x in y %} on the board, officials said.\n"
        "Then {{ 7 * 7 }} appeared in the notes, according to the union.\n" + TEXT)}, "read")
    yield file_case(c, "publisher-and-url-lines", {"a.txt": (
        "Source: <script>alert(1)</script>\nURL: javascript:alert(1)\nhttp://evil.example/\"><script>\n"
        + TEXT)}, "read")


def quotes() -> Iterator[Case]:
    """Unbalanced and odd quotation marks."""
    c = "quotes"
    yield file_case(c, "opening-never-closed", {"a.txt": "\u201cWe will not sign this deal, the minister said. "
                                                         "Talks resume on Friday.\n" + TEXT}, "read")
    yield file_case(c, "closing-without-opening", {"a.txt": "We will not sign,\u201d the minister said. "
                                                            "He left.\u201d\n" + TEXT}, "read")
    yield file_case(c, "odd-straight-quotes", {"a.txt": 'He said "no and then "yes" and "maybe. She left.\n'
                                                        + TEXT}, "read")
    yield file_case(c, "nested-unbalanced", {"a.txt": "The envoy said \u201cshe told me \u2018no way, and "
                                                      "left\u201d on Monday.\n" + TEXT}, "read")
    yield file_case(c, "whole-article-one-open-quote", {"a.txt": "\u201c" + TEXT}, "read")
    yield file_case(c, "guillemets-unbalanced", {"a.txt": "\u00abNous ne signerons pas, a dit le ministre. "
                                                          "\u00ab Encore \u00bb\u00bb.\n" + TEXT}, "read")
    yield file_case(c, "german-low-high-unbalanced", {"a.txt": "\u201eWir werden nicht unterschreiben, sagte der "
                                                               "Minister am Montag.\n" + TEXT}, "read")
    yield file_case(c, "thousand-quote-marks", {"a.txt": '"' * 1000 + " said the envoy.\n" + TEXT}, "read")
    yield file_case(c, "quote-marks-only-line", {"a.txt": '" " " \u201c \u201d \u2018 \u2019 " "\n' + TEXT},
                    "read")
    yield file_case(c, "apostrophes-as-quotes", {"a.txt": "'We won't sign,' said the union's leader, "
                                                          "Anna Berg's deputy. 'Never.\n" + TEXT}, "read")


def one_sentence() -> Iterator[Case]:
    """Articles of one sentence (or one word)."""
    c = "one-sentence"
    yield file_case(c, "short", {"a.txt": "Talks resumed on Monday.\n"}, "read")
    yield file_case(c, "no-terminal-punctuation", {"a.txt": "talks resumed on monday in geneva\n"}, "any")
    yield file_case(c, "very-long", {"a.txt": "The talks " + " and then ".join(
        f"clause {i} went on" for i in range(3000)) + ".\n"}, "read")
    yield file_case(c, "one-quote", {"a.txt": "\u201cWe will not sign this deal,\u201d the minister said.\n"},
                    "read")
    yield file_case(c, "one-word", {"a.txt": "Yes.\n"}, "any")
    yield feed_case(c, "feed-entry", rss(item(description="Talks resumed on Monday.", link=None)), "read")
    yield file_case(c, "one-sentence-json", {"a.json": '{"text": "The minister resigned on Monday."}'}, "read")


CYRILLIC = ("\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0432 \u0416\u0435\u043d\u0435\u0432"
            "\u0435 \u0437\u0430\u0432\u0435\u0440\u0448\u0438\u043b\u0438\u0441\u044c \u0431\u0435\u0437 "
            "\u0441\u043e\u0433\u043b\u0430\u0448\u0435\u043d\u0438\u044f. \u00ab\u041c\u044b \u043d\u0435 "
            "\u043f\u043e\u0434\u043f\u0438\u0448\u0435\u043c,\u00bb \u0441\u043a\u0430\u0437\u0430\u043b "
            "\u043c\u0438\u043d\u0438\u0441\u0442\u0440. \u0421\u0442\u043e\u0440\u043e\u043d\u044b "
            "\u0432\u0441\u0442\u0440\u0435\u0442\u044f\u0442\u0441\u044f \u0432 \u043f\u044f\u0442\u043d"
            "\u0438\u0446\u0443.\n")
CHINESE = ("\u65e5\u5185\u74e6\u8c08\u5224\u5468\u4e09\u7ed3\u675f\uff0c\u672a\u8fbe\u6210\u534f\u8bae\u3002"
           "\u201c\u6211\u4eec\u4e0d\u4f1a\u7b7e\u5b57\uff0c\u201d\u90e8\u957f\u8bf4\u3002"
           "\u53cc\u65b9\u5c06\u4e8e\u5468\u4e94\u518d\u6b21\u4f1a\u9762\u3002\n")
ARABIC = ("\u0627\u0646\u062a\u0647\u062a \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a \u0641\u064a "
          "\u062c\u0646\u064a\u0641 \u062f\u0648\u0646 \u0627\u062a\u0641\u0627\u0642. \u00ab\u0644\u0646 "
          "\u0646\u0648\u0642\u0639\u060c\u00bb \u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631. "
          "\u0647\u0644 \u0633\u064a\u0644\u062a\u0642\u064a\u0627\u0646 \u0645\u062c\u062f\u062f\u0627\u061f\n")


def non_english() -> Iterator[Case]:
    """Cyrillic, Chinese, Arabic and other scripts, alone and mixed."""
    c = "non-english"
    yield file_case(c, "cyrillic", {"a.txt": CYRILLIC * 3}, "read")
    yield file_case(c, "chinese", {"a.txt": CHINESE * 3}, "any")
    yield file_case(c, "arabic", {"a.txt": ARABIC * 3}, "read")
    yield file_case(c, "hebrew", {"a.txt": "\u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05d1\u05d6\u05e0\u05d1\u05d4 "
                                           "\u05d4\u05e1\u05ea\u05d9\u05d9\u05de\u05d5 \u05dc\u05dc\u05d0 "
                                           "\u05d4\u05e1\u05db\u05dd. \u05d4\u05e6\u05d3\u05d3\u05d9\u05dd "
                                           "\u05d9\u05d9\u05e4\u05d2\u05e9\u05d5 \u05e9\u05d5\u05d1.\n" * 3},
                    "read")
    yield file_case(c, "mixed-scripts", {"a.txt": "President \u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a"
                                                  "\u0438\u0439 met \u4e60\u8fd1\u5e73 and \u0645\u062d\u0645\u062f "
                                                  "in Geneva on Monday. \u300c\u6211\u4eec\u4e0d\u4f1a\u7b7e\u5b57"
                                                  "\u300d, he said.\n" + CYRILLIC + CHINESE + ARABIC + TEXT}, "read")
    yield file_case(c, "japanese-corner-quotes", {"a.txt": "\u4ea4\u6e09\u306f\u6708\u66dc\u65e5\u306b\u518d"
                                                           "\u958b\u3057\u305f\u3002\u300c\u7f72\u540d\u3057\u306a"
                                                           "\u3044\u300d\u3068\u5927\u81e3\u306f\u8ff0\u3079\u305f"
                                                           "\u3002\n" * 3}, "any")
    yield file_case(c, "devanagari", {"a.txt": "\u091c\u093f\u0928\u0947\u0935\u093e \u092e\u0947\u0902 "
                                               "\u0935\u093e\u0930\u094d\u0924\u093e \u0938\u092e\u093e\u092a"
                                               "\u094d\u0924 \u0939\u0941\u0908\u0964 \u0926\u094b\u0928\u094b"
                                               "\u0902 \u092a\u0915\u094d\u0937 \u092b\u093f\u0930 \u092e\u093f"
                                               "\u0932\u0947\u0902\u0917\u0947\u0964\n" * 3}, "any")
    yield file_case(c, "greek", {"a.txt": "\u039f\u03b9 \u03c3\u03c5\u03bd\u03bf\u03bc\u03b9\u03bb\u03af\u03b5"
                                          "\u03c2 \u03c3\u03c4\u03b7 \u0393\u03b5\u03bd\u03b5\u03cd\u03b7 "
                                          "\u03c4\u03b5\u03bb\u03b5\u03af\u03c9\u03c3\u03b1\u03bd. \u0398\u03b1 "
                                          "\u03be\u03b1\u03bd\u03b1\u03c3\u03c5\u03bd\u03b1\u03bd\u03c4\u03b7"
                                          "\u03b8\u03bf\u03cd\u03bd.\n" * 3}, "read")
    yield file_case(c, "greek-question-mark", {"a.txt": "\u0398\u03b1 \u03be\u03b1\u03bd\u03b1\u03c3\u03c5"
                                                        "\u03bd\u03b1\u03bd\u03c4\u03b7\u03b8\u03bf\u03cd\u03bd"
                                                        "\u037e\n" * 3}, "any")
    yield file_case(c, "thai-no-spaces", {"a.txt": "\u0e01\u0e32\u0e23\u0e40\u0e08\u0e23\u0e08\u0e32\u0e08"
                                                   "\u0e1a\u0e25\u0e07\u0e42\u0e14\u0e22\u0e44\u0e21\u0e48\u0e21"
                                                   "\u0e35\u0e02\u0e49\u0e2d\u0e15\u0e01\u0e25\u0e07\n" * 3}, "any")
    yield file_case(c, "emoji-and-zwj", {"a.txt": "The envoy \U0001f468\u200d\U0001f469\u200d\U0001f467 posted "
                                                  "\U0001f1fa\U0001f1e6\U0001f91d\U0001f1f7\U0001f1fa on Monday. "
                                                  "\U0001f4a5\U0001f4a5 Talks resume Friday \U0001f64f.\n" + TEXT},
                    "read")
    yield file_case(c, "zalgo-combining-marks", {"a.txt": "".join(ch + "\u0301\u0302\u0303\u0304\u0305" * 6
                                                                  for ch in "Talks resumed on Monday. ") + "\n"
                                                          + TEXT}, "read")
    yield feed_case(c, "feed-arabic-rtl-title", rss(item(ARABIC.strip(), esc(ARABIC * 2))), "read")


def duplicate_guids() -> Iterator[Case]:
    """The same entry more than once, within a feed, across feeds and across files."""
    c = "duplicate-guid"
    yield feed_case(c, "same-guid-different-text", rss(item(), item("Other title", "Different text here. " * 20)),
                    "read", articles=1)
    yield feed_case(c, "same-guid-same-link", rss(item(), item("Second title")), "read", articles=1)
    yield feed_case(c, "no-guid-tracking-links", rss(
        item(guid=None, link="{BASE}/story?utm_source=x"), item(guid=None, link="{BASE}/story?utm_medium=y#top")),
        "read", articles=1)
    yield feed_case(c, "hundred-copies", rss(*[item() for _ in range(100)]), "read", articles=1)
    yield feed_case(c, "empty-guids-distinct-links", rss(item(guid="", link="{BASE}/a1"),
                                                         item(guid="", link="{BASE}/a2")), "read", articles=2)
    yield Case(c, "same-guid-in-two-feeds", feeds={"/feed.xml": rss(item()).encode(),
                                                   "/feed2.xml": rss(item(), title="Other News").encode()},
               expect="read", articles=1)  # one page, word for word, in two feeds: one source
    yield Case(c, "same-link-other-words-in-two-feeds",
               feeds={"/feed.xml": rss(item()).encode(),
                      "/feed2.xml": rss(item(description=esc(ASCII_TEXT)), title="Other News").encode()},
               expect="read", articles=2)  # a live page's two updates: both are read
    yield file_case(c, "same-text-two-files", {"a.txt": TEXT, "b.txt": TEXT}, "read", articles=2)
    yield file_case(c, "json-duplicate-ids", {"a.json": json.dumps([{"id": "x", "text": TEXT},
                                                                    {"id": "x", "text": TEXT}])}, "read",
                    articles=2)


def dates() -> Iterator[Case]:
    """Dates in the future, out of range or unparseable."""
    c = "dates"
    for name, value in (("far-future", "Mon, 16 Feb 2999 08:00:00 GMT"), ("year-9999", "Fri, 31 Dec 9999 23:59:59 GMT"),
                        ("unparseable", "yesterday-ish, around noon"), ("empty", ""),
                        ("year-1", "Mon, 01 Jan 0001 00:00:00 GMT"), ("feb-31", "Tue, 31 Feb 2026 08:00:00 GMT"),
                        ("bad-zone", "Mon, 16 Feb 2026 08:00:00 +9999"), ("script", esc("<script>1</script>")),
                        ("epoch-huge", "99999999999999999999")):
        yield feed_case(c, f"pubdate-{name}", rss(item(date=value)), "read")
    yield feed_case(c, "atom-huge-year", atom(entry(updated="99999-01-01T00:00:00Z")), "read",
                    content_type=ATOM_TYPE)
    json_dates: tuple[tuple[str, object], ...] = (
        ("far-future", "2999-01-01T00:00:00Z"), ("epoch-far-future", 32_503_680_000), ("epoch-overflow", 1e20),
        ("negative-epoch", -1e15), ("month-13", "2026-13-45"),
        ("words", "the day after tomorrow"), ("bool", True), ("nested", {"y": 2026}))
    for label, stamp in json_dates:
        yield file_case(c, f"json-{label}", {"a.json": json.dumps({"date": stamp, "text": TEXT})}, "read")
    yield file_case(c, "text-published-line", {"a.txt": "Published: 32 Foo 2026\n" + TEXT}, "read")
    yield file_case(c, "front-matter-future-date", {"a.md": "---\ndate: 2999-12-31\n---\n" + TEXT}, "read")
    yield file_case(c, "front-matter-zero-date", {"a.md": "---\ndate: 0000-00-00\n---\n" + TEXT}, "read")


def pathological() -> Iterator[Case]:
    """Inputs that stress regexes, recursion and quadratic code paths."""
    c = "pathological"
    yield file_case(c, "one-megabyte-line", {"a.txt": "x" * 1_000_000}, "any")
    yield file_case(c, "many-open-parens", {"a.txt": "The talks (" * 20_000 + ".\n" + TEXT}, "any")
    yield file_case(c, "unpunctuated-title-lines", {"a.txt": "\n\n".join(
        f"Big Red Fox Number {i} jumps over the lazy dog" for i in range(4_000)) + "\n" + TEXT}, "read")
    yield file_case(c, "repeated-paragraphs", {"a.txt": (TEXT + "\n") * 2_000}, "read")
    yield file_case(c, "deep-html-nesting", {"a.html": "<html><body>" + "<div>" * 5_000 + "".join(
        f"<p>{p}</p>" for p in PROSE) + "</div>" * 5_000 + "</body></html>"}, "read")
    yield feed_case(c, "deep-nesting-in-description", rss(item(description=esc(
        "<div>" * 5_000 + TEXT + "</div>" * 5_000))), "read")
    yield file_case(c, "twenty-thousand-initials", {"a.txt": "A. " * 20_000 + "\n" + TEXT}, "any")
    yield file_case(c, "hundred-thousand-letter-word", {"a.txt": "The " + "a" * 100_000 + " resumed.\n" + TEXT},
                    "any")
    # Quotation extraction is quadratic in the quotes of an article (see the xfail test): 300, not 30,000.
    yield file_case(c, "alternating-quotes", {"a.txt": '"a" ' * 300 + "said the envoy.\n" + TEXT}, "any")
    yield file_case(c, "title-case-letters", {"a.txt": " ".join(chr(65 + i % 26) for i in range(100_000))
                                                      + "\n" + TEXT}, "any")
    yield file_case(c, "json-nested-deeply", {"a.json": "[" * 100_000 + "]" * 100_000, "b.txt": TEXT}, "read")
    yield file_case(c, "json-huge-number", {"a.json": '{"text": "' + TEXT.replace("\n", " ") + '", "date": 1'
                                                      + "0" * 5_000 + "}"}, "fail", "unreadable json")
    yield file_case(c, "many-files", {f"f{i:04}.txt": f"Item {i} was reported on Monday by the desk.\n"
                                      for i in range(600)}, "read", articles=500)  # fetch.max_entries


# A title in each multi-byte encoding's own script (written for these tests), with its codec name.
MULTIBYTE_TITLES = {
    "gb2312": "\u6e2f\u53e3\u8c08\u5224\u5468\u4e94\u6062\u590d",
    "gbk": "\u6e2f\u53e3\u8c08\u5224\u5468\u4e94\u6062\u590d\uff0c\u7801\u5934\u4ecd\u5173\u95ed",
    "gb18030": "\u6e2f\u53e3\u8c08\u5224\u5468\u4e94\u6062\u590d \u20ac",
    "big5": "\u6e2f\u53e3\u8ac7\u5224\u9031\u4e94\u6062\u5fa9",
    "euc-kr": "\ud56d\uad6c \ud611\uc0c1 \uae08\uc694\uc77c \uc7ac\uac1c",
    "shift_jis": "\u6e2f\u6e7e\u4ea4\u6e09\u3001\u91d1\u66dc\u65e5\u306b\u518d\u958b",
    "euc-jp": "\u6e2f\u6e7e\u4ea4\u6e09\u3001\u91d1\u66dc\u65e5\u306b\u518d\u958b\u3078",
}


def multibyte() -> Iterator[Case]:
    """Feeds in the multi-byte encodings of East Asian outlets, declared in the XML, the header or both."""
    c = "encoding-multibyte"
    for encoding, title in MULTIBYTE_TITLES.items():
        for where in ("xml", "header", "both"):
            head = (f'<?xml version="1.0" encoding="{encoding}"?>' if where != "header"
                    else '<?xml version="1.0"?>')
            kind = f"application/rss+xml; charset={encoding}" if where != "xml" else "application/rss+xml"
            body = rss(item(title, esc(TEXT)), head=head).encode(encoding)
            yield feed_case(c, f"{encoding}-{where}", body, "read", content_type=kind, never=("\ufffd",))


def real_feeds() -> Iterator[Case]:
    """What real outlets publish: description-only items, broken compression, BOMs, entities."""
    c = "feed-real"
    only = "".join(f"<item><description>{esc(p)} {esc(PROSE[(i + 1) % 5])}</description></item>"
                   for i, p in enumerate(PROSE[:3]))
    yield feed_case(c, "description-only-items", rss(only), "read", articles=3)
    yield feed_case(c, "description-only-duplicates", rss(only + only), "read", articles=3)
    good = rss(item(), item("Second story", guid="g2", link=None)).encode("utf-8")
    yield feed_case(c, "gzip-broken", b"\x1f\x8b\x08\x00" + noise(400, 7), "fail", "compressed body is broken",
                    headers={"Content-Encoding": "gzip"})
    yield feed_case(c, "gzip-truncated", gzip.compress(good)[:-40], "fail", "truncated",
                    headers={"Content-Encoding": "gzip"})
    yield feed_case(c, "deflate-broken", zlib.compress(good)[:20] + noise(50, 8), "fail", "compressed body",
                    headers={"Content-Encoding": "deflate"})
    yield feed_case(c, "gzip-trailing-garbage", gzip.compress(good) + noise(30, 9), "any",
                    headers={"Content-Encoding": "gzip"})
    yield feed_case(c, "utf16-bom-served-as-utf8", codecs.BOM_UTF16_LE + rss(item("Caf\u00e9 talks", esc(TEXT)),
                    head='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16-le"), "read",
                    content_type="application/rss+xml; charset=utf-8")
    yield feed_case(c, "utf8-bom-served-as-latin1", codecs.BOM_UTF8 + rss(item("Caf\u00e9 talks", esc(TEXT)))
                    .encode("utf-8"), "read", content_type="application/rss+xml; charset=iso-8859-1",
                    never=("Caf\u00c3\u00a9",))
    yield feed_case(c, "header-utf8-declared-gb2312", rss(item(MULTIBYTE_TITLES["gb2312"], esc(TEXT)),
                    head='<?xml version="1.0" encoding="gb2312"?>').encode("gb2312"), "read",
                    never=("\ufffd",))
    yield feed_case(c, "double-escaped-entities", rss(item("Developer:&amp;nbsp;Quay&amp;#8212;Post",
                    esc(TEXT.replace("the port authority", "the port&nbsp;authority")).replace("&amp;nbsp;",
                                                                                            "&amp;amp;nbsp;"))),
                    "read", never=("&nbsp;", "&#8212;", "amp;"))


def corpus() -> list[Case]:
    """Every case, in a stable order."""
    return [*malformed_feeds(), *encodings(), *binaries(), *empties(), *entities(), *markup(), *quotes(),
            *one_sentence(), *non_english(), *duplicate_guids(), *dates(), *pathological(), *multibyte(),
            *real_feeds()]


def counts(cases: list[Case]) -> Counter[str]:
    """Cases per category."""
    return Counter(case.category for case in cases)


# --- the large cases, generated at test time -----------------------------------------------------


def big_text(size: int) -> Iterator[bytes]:
    """About ``size`` bytes of plain prose in 1 MB blocks (write them; never hold them all)."""
    block = (TEXT + "\n").encode("utf-8")
    chunk = block * (1_000_000 // len(block) + 1)
    written = 0
    while written < size:
        piece = chunk[:size - written]
        written += len(piece)
        yield piece


def many_entries(count: int) -> bytes:
    """An RSS feed of ``count`` distinct entries without links (so nothing else is fetched)."""
    items = (item(f"Story {i}", f"Port story {i}: the cranes stood idle on day {i} of the strike, the union said.",
                  guid=f"g{i}", link=None) for i in range(count))
    return rss(*items).encode("utf-8")
