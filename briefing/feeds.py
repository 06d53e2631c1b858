"""RSS/Atom feeds -> Articles: fetch (conditionally), screen, parse, convert, filter.

feedparser only ever sees bytes we fetched (it never fetches anything itself), decoded to
UTF-8 (briefing.decoding, so that every encoding Python knows passes the screen), and only
after an expat pass has refused DTD entity declarations: feedparser strips most of them
with a regex, but a DOCTYPE that does not start a line slips past it, and then only expat's
amplification limit stands between a "billion laughs" feed and the memory.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import logging
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import feedparser
import lxml.html
import trafilatura
from lxml import etree

from briefing.config import FetchConfig, SourceConfig
from briefing.decoding import to_utf8
from briefing.errors import BriefingError, FetchError, SourceError
from briefing.fetch import SCHEMES, FeedCache, Response, fetch
from briefing.markup import strip_markup
from briefing.models import Article
from briefing.outlets import byline_outlet, title_suffix
from briefing.readers import host_label
from briefing.screening import screen_xml
from briefing.state import normalise_url

log = logging.getLogger(__name__)

# Entry text shorter than this is a teaser: a first paragraph, not the article.
TEASER_WORDS = 60
# Feeds dated further ahead than this are wrong (time zones explain up to a day).
FUTURE_TOLERANCE = timedelta(days=1)
# Hex digits of the entry-identity hash used as Article.id: 48 bits, no collision in
# any realistic run, short enough to cite.
ID_HEX_DIGITS = 12
# How old a feed's stored articles may be to stand in for a failed fetch: a daily run's previous
# fetch, with two hours' margin for a late run; older news of a feed down for days is not repeated.
STORED_FALLBACK = timedelta(hours=26)
HTML_TYPES = ("text/html", "application/xhtml+xml")
LOOKS_LIKE_MARKUP = re.compile(r"<[a-zA-Z/!]")
# An HTML entity still in plain text ("&nbsp;", "&#8212;"): the publisher escaped it twice.
LEFT_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
WHITESPACE = re.compile(r"\s+")
# How much of a non-feed response is read to tell a web page by its start and find its <title>,
# and how much of that title the error quotes: enough for "Service unavailable", never a whole page.
HTML_SNIFF_BYTES = 65_536
PAGE_TITLE_CHARS = 80
# Elements whose text is never prose; and elements that end a paragraph.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                "math", "head", "title", "form", "button", "select", "textarea")
BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
                        "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article", "header",
                        "footer", "aside", "figure", "figcaption", "hr", "address", "main", "nav"})


def read_feed(source: SourceConfig, fetch_config: FetchConfig, state: FeedCache | None = None, *,
              now: datetime | None = None) -> Iterator[Article]:
    """Fetch and parse the source's feed; yield one Article per usable entry.

    With a state, the fetch is conditional and every outcome is recorded; the articles a full
    fetch gave are stored, and a 304 gives them again (those still within max_age_days), so a
    re-run rebuilds the same edition. Raises SourceError (FetchError) when the feed is unusable.
    """
    url = _feed_url(source)
    now = now or datetime.now(UTC)
    stored = _stored(state, url)
    try:
        response = _fetch_feed(url, fetch_config, state if stored is not None else None, state)
        if response.not_modified and stored is not None:
            kept = [a for a in stored if not _too_old(a.published, source, now)]
            log.info("%s: not modified since the last fetch; using the %d articles it gave then", url, len(kept))
            yield from kept
            return
        parsed = _parsed(response, url, fetch_config, state)
    except SourceError as exc:
        yield from _fallback(exc, state, url, stored, source, now)
        return
    # "" clears validators the server no longer sends; they are stored only once the feed parsed.
    _record(state, url, status=str(response.status), etag=response.etag or "",
            last_modified=response.last_modified or "", error=feed_warning(parsed))
    articles = list(_articles(parsed, source, fetch_config, now))
    if state is not None:
        state.store_articles(url, [article_record(a) for a in articles])
    yield from articles
    if response.truncated:
        raise SourceError(f"{url}: the compressed body ends early (truncated); {truncated_yield(articles)}",
                          "the server sent an incomplete response; the next run fetches it again")


def _parsed(response: Response, url: str, fetch_config: FetchConfig, state: FeedCache | None
            ) -> feedparser.FeedParserDict:
    """parse_feed, a failure recorded in the state."""
    try:
        return parse_feed(response, fetch_config.max_entries)
    except SourceError as exc:
        _record(state, url, status="error", error=str(exc))
        raise


def _fallback(error: SourceError, state: FeedCache | None, url: str, stored: list[Article] | None,
              source: SourceConfig, now: datetime) -> Iterator[Article]:
    """After a failed fetch, the articles of a full fetch within STORED_FALLBACK, then the error saying so.

    A same-day re-run must not lose a feed's news because its server hiccupped: the feed is still
    listed as failed. Older articles are not given: a feed down for days is simply failed.
    """
    when = state.stored_at(url) if state is not None and stored else None
    if stored is None or when is None or now - when > STORED_FALLBACK:
        raise error
    kept = [a for a in stored if not _too_old(a.published, source, now)]
    log.info("%s: fetch failed; using the %d articles of the fetch at %s", url, len(kept), when.isoformat())
    yield from kept
    what = "the article" if len(kept) == 1 else f"the {len(kept)} articles"
    raise SourceError(f"{error.args[0]}; kept {what} it gave at {when:%H:%M} UTC", error.hint) from None


def truncated_yield(articles: list[Article]) -> str:
    """What a truncated feed still gave, in words."""
    if not articles:
        return "no article could be read from the part received"
    return f"{len(articles)} article{'s' if len(articles) != 1 else ''} read from the part received"


def _stored(state: FeedCache | None, url: str) -> list[Article] | None:
    """The articles the feed gave at its last full fetch, or None if none are stored."""
    records = state.stored_articles(url) if state is not None else None
    if records is None:
        return None
    try:
        return [article_from_record(r) for r in records]
    except (KeyError, TypeError, ValueError) as exc:
        log.info("%s: stored articles unreadable (%s); fetching in full", url, exc)
        return None


def article_record(article: Article) -> dict[str, Any]:
    """An Article as a JSON record for the state database."""
    record = {f.name: getattr(article, f.name) for f in fields(Article)}
    record["published"] = article.published.isoformat() if article.published else None
    return record


def article_from_record(record: Mapping[str, Any]) -> Article:
    """The Article a JSON record of article_record holds."""
    values = {f.name: record[f.name] for f in fields(Article) if f.name in record}
    published = values.get("published")
    values["published"] = datetime.fromisoformat(published) if published else None
    return Article(**values)


def _too_old(published: datetime | None, source: SourceConfig, now: datetime) -> bool:
    return bool(published and source.max_age_days and published < now - timedelta(days=source.max_age_days))


def _feed_url(source: SourceConfig) -> str:
    if not source.url:
        raise SourceError(f"source {source.name!r} has no feed URL", "give the source a 'url' key")
    return source.url


def _fetch_feed(url: str, fetch_config: FetchConfig, validators: FeedCache | None,
                state: FeedCache | None) -> Response:
    """Fetch, conditionally when ``validators`` has the feed's; record failures and 304s in ``state``."""
    cached = validators.feed_cache(url) if validators is not None else None
    etag = cached.etag if cached else None
    modified = cached.last_modified if cached else None
    try:
        response = fetch(url, fetch_config, etag=etag, last_modified=modified,
                         trusted=fetch_config.trusted_feed_networks)
    except FetchError as exc:
        _record(state, url, status="error", error=str(exc))
        raise
    if response.not_modified:
        _record(state, url, status="304", etag=response.etag or etag,
                last_modified=response.last_modified or modified)
    return response


def _record(state: FeedCache | None, url: str, **outcome: Any) -> None:
    if state is not None:
        state.record_fetch(url, **outcome)


# --- parsing -----------------------------------------------------------------------------------


def parse_feed(response: Response, max_entries: int) -> feedparser.FeedParserDict:
    """Screen and parse a fetched feed; SourceError if nothing usable comes out."""
    content_type = response.headers.get("content-type", "")
    decoded = to_utf8(response.content, content_type, response.url)
    data = screen_xml(decoded.data, response.url, max_entries)
    mime = content_type.split(";", 1)[0].strip() or "application/xml"
    headers = {"content-location": response.url, "content-type": f"{mime}; charset=utf-8",
               **{k: v for k, v in response.headers.items() if k == "content-language"}}
    # Markup is removed entirely later (html_to_text), so feedparser's sanitizer and relative-URI
    # rewriting of embedded HTML would be wasted work; element links are still resolved.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        page = web_page_title(data)
        if page is not None:
            raise SourceError(f"{response.url}: not a readable RSS or Atom feed: the server sent a web page"
                              f"{f' ({page!r})' if page else ''}, not a feed",
                              "the site may be down or the feed moved: open the URL in a browser and "
                              "look for the feed's address on the site")
        why = problem or ("the response is empty" if not data.strip() else "no RSS or Atom element in it")
        raise SourceError(f"{response.url}: not a readable RSS or Atom feed: {why}",
                          "check that the URL points at the feed itself, not a web page")
    warning = feed_warning(parsed)
    if warning and not response.truncated:  # a truncated body is malformed; read_feed says so, once
        log.warning("%s: %s", response.url, warning)
    return parsed


def web_page_title(data: bytes) -> str | None:
    """The title of an HTML page (an error page, a login or maintenance page) sent for a feed, else None."""
    head = data[:HTML_SNIFF_BYTES].lstrip().lower()
    if not head.startswith((b"<!doctype html", b"<html")):
        return None
    try:
        title = lxml.html.document_fromstring(data[:HTML_SNIFF_BYTES]).findtext(".//title") or ""
    except (etree.ParserError, ValueError):
        return ""
    return " ".join(title.split())[:PAGE_TITLE_CHARS]


def feed_warning(parsed: feedparser.FeedParserDict) -> str | None:
    """A warning for a feed parsed only loosely; None for clean feeds and harmless quirks."""
    problem = parsed.get("bozo_exception")
    if not parsed.get("bozo") or isinstance(problem, feedparser.ThingsNobodyCaresAboutButMe):
        return None
    return f"malformed feed ({problem}); using the {len(parsed.entries)} entries recovered"


# --- entries -> articles -----------------------------------------------------------------------


def _articles(parsed: feedparser.FeedParserDict, source: SourceConfig, fetch_config: FetchConfig,
              now: datetime) -> Iterator[Article]:
    """Convert entries (capped, de-duplicated, filtered) to Articles."""
    publisher = source.publisher or _detail(parsed.feed, "title", inline=True)
    feed_url = str(parsed.get("headers", {}).get("content-location", source.url or ""))
    seen: set[str] = set()
    misses: list[str] = []  # linked pages not read: one warning for the source, not one per entry
    for entry in parsed.entries[:fetch_config.max_entries]:
        identity = entry_identity(entry, feed_url)
        if identity is None or identity in seen:
            log.debug("%s: skipping entry without identity or seen before: %s", feed_url, identity)
            continue
        seen.add(identity)
        article = _article(entry, identity, source, publisher, fetch_config, now, misses)
        if article is not None:
            yield article
    if misses:
        log.warning("%s: the full text of %d linked %s was not read, so the feed's text is used (first: %s)",
                    source.name, len(misses), "page" if len(misses) == 1 else "pages", misses[0])


def _article(entry: Mapping[str, Any], identity: str, source: SourceConfig, publisher: str,
             fetch_config: FetchConfig, now: datetime, misses: list[str]) -> Article | None:
    """One entry as an Article, or None when it is too old, filtered out or empty."""
    published = entry_date(entry, now, identity)
    if _too_old(published, source, now):
        return None
    title = _detail(entry, "title", inline=True)
    link = safe_link(entry.get("link", ""))
    text = entry_text(entry)
    if _matches(source.exclude, f"{title}\n{text}"):
        return None
    if link and wants_page(source.full_text, text):
        page = full_text(link, text, fetch_config)
        text = page.text
        if page.problem:
            misses.append(f"{link}: {page.problem}")
    if not text.strip() or not _selected(source, f"{title}\n{text}"):
        return None
    label = publisher or title_suffix(title) or byline_outlet(text) or host_label(link) or source.name
    return Article(id=article_id(source.name, identity), text=text, title=title, publisher=label,
                   url=link, published=published, source=source.name, guid=identity)


def entry_identity(entry: Mapping[str, Any], feed_url: str) -> str | None:
    """GUID/id, else the normalised link, else feed URL + title, else feed URL + a hash of its text.

    RSS 2.0 items may hold only a <description>: such an item is its own text, in its own feed.
    """
    guid = str(entry.get("id") or "").strip()
    if guid:
        return guid
    link = safe_link(entry.get("link", ""))
    if link:
        return normalise_url(link)
    title = " ".join(str(entry.get("title") or "").split())
    if title:
        return f"{normalise_url(feed_url)}#{title}"
    text = " ".join(entry_text(entry).split())
    if not text:
        return None
    return f"{normalise_url(feed_url)}#text-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"


def article_id(source_name: str, identity: str) -> str:
    """Short stable id: the same entry of the same source always gets the same id."""
    digest = hashlib.sha256(f"{source_name}\n{identity}".encode()).hexdigest()
    return digest[:ID_HEX_DIGITS]


def safe_link(link: object) -> str:
    """The link if it is an absolute http(s) URL, else "" (javascript:, data:, relative...)."""
    text = str(link or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in SCHEMES and parts.netloc else ""


def entry_date(entry: Mapping[str, Any], now: datetime, identity: str) -> datetime | None:
    """Published (else updated) date in UTC; None if missing, unparseable or in the future."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
    if when > now + FUTURE_TOLERANCE:
        log.warning("%s: publication date %s is in the future; ignoring it", identity, when.isoformat())
        return None
    return when


def _detail(entry: Mapping[str, Any], key: str, inline: bool = False) -> str:
    """Plain text of a feedparser text construct (title, summary), by its declared type."""
    detail = entry.get(f"{key}_detail") or {}
    return value_text(str(entry.get(key) or ""), str(detail.get("type", "")), inline)


def value_text(value: str, kind: str, inline: bool = False) -> str:
    """Plain text of an HTML value; a plain-text value only loses anything tag-like.

    Entities left in the text (a publisher escaping twice: "&amp;nbsp;") are decoded too.
    """
    if "html" in kind or LOOKS_LIKE_MARKUP.search(value):
        text = html_to_text(value, inline)
    else:
        text = _join(re.split(r"\n\s*\n", value), inline)  # plain text: blank lines end paragraphs
    if "&" not in text or not LEFT_ENTITY.search(text):
        return text
    return _join([" ".join(line.split()) for line in html.unescape(text).splitlines()], inline)


def _join(paragraphs: list[str], inline: bool) -> str:
    """Whitespace collapsed within each paragraph; one per line (or all on one line)."""
    lines = (" ".join(p.split()) for p in paragraphs)
    return (" " if inline else "\n").join(line for line in lines if line)


def entry_text(entry: Mapping[str, Any]) -> str:
    """Plain text of the entry's longest content or summary (markup removed)."""
    texts = [value_text(str(c.get("value") or ""), str(c.get("type", "")))
             for c in entry.get("content") or [] if isinstance(c, Mapping)]
    texts.append(_detail(entry, "summary"))
    return max(texts, key=len, default="")


def _matches(phrases: list[str], text: str) -> bool:
    """True if any phrase occurs in the text as whole words, ignoring case."""
    return any(re.search(rf"(?<!\w){re.escape(' '.join(p.split()))}(?!\w)", text, re.IGNORECASE)
               for p in phrases if p.strip())


def _selected(source: SourceConfig, text: str) -> bool:
    flat = " ".join(text.split())
    return (not source.include or _matches(source.include, flat)) and not _matches(source.exclude, flat)


def html_to_text(markup: str, inline: bool = False) -> str:
    """Plain text of an HTML fragment: scripts dropped, one paragraph per line (or one line)."""
    if "<" not in markup and "&" not in markup:
        return _join([" ".join(markup.split())], inline)
    text = _join(_html_lines(markup), inline)
    if not text.strip():  # libxml2 gives up past 256 nested elements: strip the tags by hand
        text = _join(html.unescape(strip_markup(markup)).splitlines(), inline)
    return text


def _html_lines(markup: str) -> list[str]:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", markup).splitlines()
    for element in list(root.iter(*DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction)):
        element.drop_tree()
    for element in root.iter():
        # Source line breaks are mere spaces in HTML: only block elements end a paragraph.
        element.text = WHITESPACE.sub(" ", element.text) if element.text else element.text
        element.tail = WHITESPACE.sub(" ", element.tail) if element.tail else element.tail
        if element.tag in BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content()).splitlines()


def wants_page(setting: bool | None, text: str) -> bool:
    """Whether to fetch the linked page: full_text true always, false never, unset for a teaser."""
    if setting is None:
        return len(text.split()) < TEASER_WORDS
    return setting


@dataclass(frozen=True, slots=True)
class PageText:
    """The text an entry keeps after trying its linked page, and why the page was not used (if so)."""

    text: str
    problem: str | None = None


def full_text(link: str, teaser: str, fetch_config: FetchConfig) -> PageText:
    """The article text of the linked page, or the teaser when the page gives nothing better."""
    try:
        page = fetch(link, fetch_config)
    except FetchError as exc:
        return PageText(teaser, str(exc.args[0]).removeprefix(f"{link}: "))
    if page.truncated:
        return PageText(teaser, "the compressed page is truncated")
    kind = page.headers.get("content-type", "text/html").split(";", 1)[0].strip().lower()
    if kind not in HTML_TYPES:
        return PageText(teaser, f"the link is {kind or 'untyped'}, not a web page")
    extracted = trafilatura.extract(page.content, url=page.url, include_comments=False,
                                    include_tables=False, favor_precision=True)
    text = "\n".join(" ".join(line.split()) for line in (extracted or "").splitlines() if line.strip())
    if len(text.split()) <= len(teaser.split()):
        log.info("%s: page text no longer than the feed's; keeping the feed's", link)
        return PageText(teaser)
    return PageText(text)


# --- check-config probe ------------------------------------------------------------------------


def check_source(source: SourceConfig, fetch_config: FetchConfig) -> str:
    """One status line for `briefing check-config`; never raises for network or feed errors."""
    if not source.url:
        return f"{source.name}: not a feed (path source)"
    try:
        response = fetch(source.url, fetch_config, trusted=fetch_config.trusted_feed_networks)
        parsed = parse_feed(response, fetch_config.max_entries)
    except BriefingError as exc:
        return f"{source.name}: FAILED: {exc.args[0]} ({exc.hint})"
    except Exception as exc:  # a bug on one feed must not stop the probe of the others
        log.debug("%s: probe failed", source.url, exc_info=True)
        return (f"{source.name}: FAILED: unexpected {type(exc).__name__}: {exc} "
                "(run with --verbose and report it)")
    title = _detail(parsed.feed, "title", inline=True) or "untitled"
    version = parsed.get("version") or "feed"
    if response.truncated:
        return (f"{source.name}: FAILED: {response.url}: the compressed body ends early (truncated); "
                f"{len(parsed.entries)} entries in the part received (the server sent an incomplete response)")
    line = f"{source.name}: OK: {version} {title!r}, {len(parsed.entries)} entries, {response.url}"
    if response.moved:
        line += f" (it moved for good from {source.url}: put {response.url} in the config)"
    return line
