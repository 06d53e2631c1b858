"""One file -> Article records: decoding, and the text and metadata of each format.

Supported: .txt, .md/.markdown, .html/.htm/.xhtml and .json.

JSON holds one article record, a list of them, or an object with the list under one
of ``LIST_KEYS``. Per record the first non-empty key of each group is used (keys are
matched case-insensitively): text ``TEXT_KEYS`` (a string, HTML, or a list of
paragraphs), title ``TITLE_KEYS``, publisher ``PUBLISHER_KEYS`` (a string or an
object with a name), url ``URL_KEYS``, date ``DATE_KEYS`` (ISO 8601, RFC 2822,
"18 February 2026", or epoch seconds), guid ``GUID_KEYS``.

Metadata comes from where the file says it: JSON keys, Markdown front matter and
"# " heading, HTML meta tags (via trafilatura, offline), and in any text a headline
and masthead above the first paragraph, "Publisher: x", "Originally published on X",
"Source: X", "Published: <date>" and URL lines. A configured publisher wins.

Encodings: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM, a charset declared by
HTML, UTF-8, cp1252, and latin-1 as the last resort: decoding never fails, but a
binary or empty file raises InputError. Files are read up to a size cap.
"""

from __future__ import annotations

import codecs
import email.utils
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefing.clean import heading, is_boilerplate
from briefing.errors import InputError
from briefing.markup import strip_markup
from briefing.models import Article
from briefing.normalisation import normalise
from briefing.outlets import byline_outlet, title_suffix

log = logging.getLogger(__name__)

# Same caps as FetchConfig's defaults: a news article is far below 5 MB, and 500
# entries is more than any feed or folder a daily briefing reads.
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_ENTRIES = 500
# Leading bytes (or characters) examined for NULs, control characters and a charset.
SNIFF_BYTES = 4096
# Text has almost no control characters; binary data decoded as a single-byte
# charset has 10-30%. 5% leaves room for a few stray ones in real text.
BINARY_SHARE = 0.05
# Ids appear in every Point and Quote of the output; longer stems are cut.
ID_MAX_LENGTH = 60
# A publisher named in a "Publisher:" or "Source:" line is a name, not a sentence.
PUBLISHER_MAX_WORDS = 8
# Lines scanned for a timestamp or an agency dateline under the headline.
HEADER_LINES = 8

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
SUPPORTED = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES

LIST_KEYS = ("articles", "items", "entries", "results", "data", "documents")
TEXT_KEYS = ("text", "body", "content", "article", "full_text", "articlebody", "description", "summary")
TITLE_KEYS = ("title", "headline", "name")
PUBLISHER_KEYS = ("publisher", "source", "site_name", "sitename", "site", "outlet", "publication")
URL_KEYS = ("url", "link", "href", "canonical_url", "permalink")
DATE_KEYS = ("date", "published", "published_at", "publishedat", "pubdate", "datepublished",
             "date_published", "created_at", "time")
GUID_KEYS = ("guid", "id", "uuid")

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_TITLE_TAG = re.compile(r"<title[^>]*>([^<]{1,300})</title>", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|li|em|strong)\b[^>]*>", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MARKDOWN = tuple((re.compile(p, re.MULTILINE), r) for p, r in (
    (r"(?s)^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", ""),      # fenced code
    (r"!\[[^\]]*\]\([^)]*\)", ""),                         # images
    (r"\[([^\]]+)\]\([^)]*\)", r"\1"),                     # links -> their text
    (r"<[^>\n]+>", ""),                                    # inline HTML tags
    (r"^ {0,3}(?:[-*_=][ \t]*){3,}$", ""),                 # rules, setext underlines
    (r"^ {0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", ""),  # heading, quote, list markers
    (r"(\*\*|__|\*|~~|`)(?=\S)(.+?)(?<=\S)\1", r"\2"),     # emphasis, inline code
))
_PUBLISHER_HINTS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\bpublisher\s*:\s*(?P<value>\S.*?)\s*$",
    r"^(?:this (?:article|story|post|piece) )?(?:was |is )?"
    r"(?:originally|first) (?:published|appeared|posted|ran) (?:on|in|at|by|with) (?P<value>.+?)\.?$",
    r"^(?:source|via)\s*:\s*(?P<value>.+?)\.?$",
))
# Control characters other than whitespace, C1 controls and the replacement character.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_DATE_HINT = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted)|date)\b\s*:?\s*(?:on )?(?P<value>.+)$", re.IGNORECASE)
# A wire dateline names the agency: "MILAN, March 3 (Reuters) - ", "KYIV, Ukraine (AP) — ".
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]{2,}[^()\n]{0,40}\((?P<value>[A-Z][\w .&'-]{0,30})\) ?(?:[\u2014\u2013]|-{1,2}) ")
_URL_HINT = re.compile(
    r"^(?:(?:url|link|canonical|source|originally published at|read (?:it|more|the original) at)\s*:?\s*)?"
    r"(?P<value>https?://\S+)$", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(r"\b" + _DAY + r"\.? " + _MONTH + r",? (?P<year>\d{4})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + " " + _DAY + r",? (?P<year>\d{4})\b", re.IGNORECASE)
_ID_JUNK = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself; empty where it says nothing."""

    title: str = ""
    publisher: str = ""
    url: str = ""
    published: datetime | None = None
    guid: str = ""

    def over(self, other: Metadata) -> Metadata:
        """These values, with the gaps filled from ``other``."""
        return Metadata(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


def read_articles(path: Path, source: str = "", publisher: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES,
                  max_entries: int = DEFAULT_MAX_ENTRIES) -> list[Article]:
    """The articles in a file: one, or one per JSON record; raises InputError naming the file."""
    data, truncated = _read_bytes(path, max_bytes)
    suffix = path.suffix.lower()
    text = decode(data, str(path), truncated, html=suffix in HTML_SUFFIXES)
    if suffix in JSON_SUFFIXES:
        return _json_articles(path, text, source, publisher, max_entries)
    if suffix in HTML_SUFFIXES:
        text, meta = _from_html(text)
    elif suffix in MARKDOWN_SUFFIXES:
        text, meta = _from_markdown(text)
    else:
        meta = Metadata()
    return [_article(path, file_id(path), text, meta, source, publisher)]


def _article(path: Path, ident: str, text: str, meta: Metadata, source: str,
             publisher: str | None) -> Article:
    if not text.strip():
        raise InputError(f"{path}: no article text found")
    meta = meta.over(text_metadata(text))
    label = publisher or meta.publisher or host_label(meta.url) or path.name
    return Article(id=ident, text=text, title=meta.title, publisher=label, url=meta.url,
                   path=str(path), published=meta.published, source=source, guid=meta.guid)


def host_label(url: str) -> str:
    """The host of an article's URL, without 'www.' ("nypost.com"), or ""."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, bool]:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: broken link to {path.readlink()}",
                             "point the link at the article again, or remove it") from None
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        log.warning("%s: larger than %d bytes; only the first %d are read", path, max_bytes, max_bytes)
        return data[:max_bytes], True
    return data, False


def decode(data: bytes, name: str, truncated: bool = False, html: bool = False) -> str:
    """Bytes to text by BOM, HTML charset, UTF-8, cp1252 or latin-1; InputError when binary or empty."""
    text = _decode(data, truncated, _declared_charset(data) if html else None)
    if text is None or looks_binary(text):
        raise InputError(f"{name}: binary data, not text", "give a text, HTML, Markdown or JSON file")
    if not text.strip():
        raise InputError(f"{name}: empty file", "remove it, or give it the article text")
    return text


def _decode(data: bytes, truncated: bool, declared: str | None) -> str | None:
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_codec, errors="replace").rstrip("\ufffd" if truncated else "")
    if b"\x00" in data[:SNIFF_BYTES]:
        wide = _utf16_without_bom(data[:SNIFF_BYTES])
        return data.decode(wide, errors="replace") if wide else None
    for codec in dict.fromkeys((declared or "utf-8", "utf-8", "cp1252")):
        try:
            return data.decode(codec)
        except LookupError:
            log.debug("unknown declared charset %r", codec)
        except UnicodeDecodeError as exc:
            cut_short = exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
            if truncated and codec == "utf-8" and cut_short:  # the size cap split a character
                return data[:exc.start].decode(codec, errors="replace")
    return data.decode("latin-1")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte (for Latin script)."""
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def looks_binary(text: str) -> bool:
    """True when decoded text holds a NUL or too many control or replacement characters."""
    sample = text[:SNIFF_BYTES]
    bad = len(_BAD_CHARS.findall(sample))
    return "\x00" in sample or bad > BINARY_SHARE * len(sample)


def _from_markdown(text: str) -> tuple[str, Metadata]:
    meta = Metadata()
    front = _FRONT_MATTER.match(text)
    if front:
        import yaml  # imported here: only Markdown front matter needs it

        try:
            values = yaml.safe_load(front.group(1))
        except (yaml.YAMLError, ValueError):  # ValueError: dates such as 0000-00-00
            values = None
        if isinstance(values, dict):
            meta = record_metadata(values)
            text = text[front.end():]
    title = _MD_TITLE.search(text)
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text, meta.over(Metadata(title=title.group(1).strip() if title else ""))


def _from_html(html: str) -> tuple[str, Metadata]:
    import trafilatura  # lazy: a heavy import only HTML needs; it works offline on a string

    # Dates from the page's metadata only (meta tags, JSON-LD, <time>, the URL): htmldate's
    # extensive search would read "© 2026" in a footer as 1 January 2026.
    dates = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      include_images=False, date_extraction_params=dates)
    text = str(_field(doc, "text") or "")
    if "\n" not in text.strip():  # trafilatura's fallback flattens short pages into one line
        blocks = html_text(html)
        text = blocks if "\n" in blocks or not text.strip() else text
    if not text.strip():  # libxml2 gives up past 256 nested elements: strip the tags by hand
        text = "\n".join(" ".join(line.split()) for line in unescape(strip_markup(html)).splitlines())
    stamp = _field(doc, "date")
    page_title = _TITLE_TAG.search(html)
    suffix = title_suffix(unescape(page_title.group(1))) if page_title else ""
    return text, Metadata(title=str(_field(doc, "title") or ""),
                          publisher=str(_field(doc, "sitename") or suffix),
                          url=str(_field(doc, "url") or ""), published=parse_date(stamp) if stamp else None)


def _field(doc: Any, name: str) -> Any:
    return doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)


def html_text(html: str) -> str:
    """The text of an HTML page or fragment, one block element (p, h1-h6, li, blockquote) per line."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return ""
    for junk in root.xpath("//script|//style|//nav|//header|//footer|//aside|//form|//figure|//noscript"):
        junk.drop_tree()
    blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//h5|//h6|//li|//blockquote|//pre")
    lines = [" ".join(b.text_content().split()) for b in blocks] or [" ".join(root.text_content().split())]
    return "\n".join(line for line in lines if line)


def _json_articles(path: Path, text: str, source: str, publisher: str | None,
                   max_entries: int) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}", "fix the JSON syntax") from None
    except (RecursionError, ValueError) as exc:  # nesting deeper than Python's stack; numbers of 4,300+ digits
        raise InputError(f"{path}: unreadable JSON: {type(exc).__name__}: {str(exc)[:200]}",
                         "give a JSON file of article records, not deeply nested or huge values") from None
    records = _records(data)
    if len(records) > max_entries:
        log.warning("%s: %d records; only the first %d are read", path, len(records), max_entries)
        records = records[:max_entries]
    articles = []
    for number, record in enumerate(records, start=1):
        body = record_text(record)
        if not body.strip():
            log.warning("%s: record %d has no text (keys %s); skipped", path, number, ", ".join(TEXT_KEYS))
            continue
        ident = file_id(path) if len(records) == 1 else f"{file_id(path)}-{number}"
        articles.append(_article(path, ident, body, record_metadata(record), source, publisher))
    if not articles:
        raise InputError(f"{path}: no article record with text",
                         f"give an object or a list of objects with one of the keys {', '.join(TEXT_KEYS)}")
    return articles


def _records(data: Any) -> list[Mapping[str, Any]]:
    if isinstance(data, dict):
        lists = [v for k, v in data.items() if k.lower() in LIST_KEYS and isinstance(v, list)]
        data = lists[0] if lists else [data]
    if not isinstance(data, list):
        return []
    return [item for item in data if isinstance(item, dict)]


def record_text(record: Mapping[str, Any]) -> str:
    """A JSON record's article text: a string (HTML made text) or a list of paragraphs."""
    value = _value(record, TEXT_KEYS, (str, list))
    if isinstance(value, list):
        return "\n".join(str(v) for v in value if isinstance(v, str | int | float))
    text = str(value or "")
    return (html_text(text) or text) if _HTML_TAG.search(text) else text


def record_metadata(record: Mapping[str, Any]) -> Metadata:
    """Title, publisher, url, date and guid from a JSON record or front matter."""
    publisher = _value(record, PUBLISHER_KEYS, (str, dict))
    if isinstance(publisher, dict):
        publisher = _value(publisher, ("name", "title", "id"), (str,))
    day = _value(record, DATE_KEYS, (str, int, float, date))
    return Metadata(title=str(_value(record, TITLE_KEYS, (str,)) or "").strip(),
                    publisher=str(publisher or "").strip(), url=str(_value(record, URL_KEYS, (str,)) or ""),
                    published=parse_date(day) if day is not None else None,
                    guid=str(_value(record, GUID_KEYS, (str, int)) or ""))


def _value(record: Mapping[str, Any], keys: Sequence[str], types: tuple[type, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, types) and not isinstance(value, bool) and value not in ("", [], {}):
            return value
    return None


def text_metadata(text: str) -> Metadata:
    """Headline, publisher, date and URL where a plain text says them (see the module docstring)."""
    lines = [line for line in normalise(text).split("\n") if line]
    head = heading(text)
    publishers: list[tuple[int, str]] = []
    published: datetime | None = None
    url = ""
    for number, line in enumerate(lines):
        if (found := _URL_HINT.match(line)) and not url:
            url = found["value"]
            continue
        for rank, pattern in enumerate(_PUBLISHER_HINTS):
            if (hint := pattern.search(line)) and len(hint["value"].split()) <= PUBLISHER_MAX_WORDS:
                publishers.append((rank, hint["value"].strip()))
        published = published or _line_date(line, number)
    agency = next((m["value"] for line in lines[:HEADER_LINES] if (m := _AGENCY_DATELINE.match(line))), "")
    publisher = (min(publishers)[1] if publishers else
                 head.masthead or title_suffix(head.title) or agency or byline_outlet(text))
    return Metadata(title=head.title, publisher=publisher, url=url, published=published)


def _line_date(line: str, number: int) -> datetime | None:
    """The date of a timestamp line ("Published: 18 Feb 2026"; a bare date near the top)."""
    if number >= HEADER_LINES and not _DATE_HINT.match(line):
        return None  # checked first: is_boilerplate on every line of every file was a third of reading
    if not is_boilerplate(line):
        return None
    if stamp := _DATE_HINT.match(line):
        return parse_date(stamp["value"])
    return parse_date(line) if number < HEADER_LINES else None


def parse_date(value: str | float | date) -> datetime | None:
    """An aware UTC datetime from ISO 8601, RFC 2822, "18 Feb 2026", "February 18, 2026" or epoch seconds."""
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):  # YAML front matter gives dates
        return datetime.combine(value, time(), UTC)
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = value.strip()
    for parse in (datetime.fromisoformat, email.utils.parsedate_to_datetime):
        try:
            return _utc(parse(text))
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    match = _DAY_MONTH_YEAR.search(text) or _MONTH_DAY_YEAR.search(text)
    if not match:
        return None
    try:
        month = _MONTHS.index(match["month"][:3].lower()) + 1
        return datetime(int(match["year"]), month, int(match["day"]), tzinfo=UTC)
    except ValueError:
        return None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def file_id(path: Path) -> str:
    """A short, stable article id from a file's name: its stem, reduced to letters, digits, _ and -."""
    return _ID_JUNK.sub("-", path.stem).strip("-")[:ID_MAX_LENGTH] or "article"
