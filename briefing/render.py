"""Briefing -> html / txt / md / email-html through Jinja2 templates, and -> JSON.

Feed text is untrusted: HTML templates autoescape, Markdown output escapes every
value by default (see ``md_escape``), and only http(s) URLs ever become links.
Users override any template by putting a file of the same name in the folder
given by ``output.templates``; the packaged one is still reachable as
``default/<name>`` (e.g. ``{% extends "default/briefing.html" %}``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePath
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from briefing.errors import TemplateError
from briefing.models import Article, Briefing, Point, Quote, Section, StoryRef

if TYPE_CHECKING:
    from briefing.stories import Story

log = logging.getLogger(__name__)

SCHEMA = "briefing/1"
# Output format -> the template that renders it; json is built in code (to_json).
TEMPLATES = {"html": "briefing.html", "txt": "briefing.txt", "md": "briefing.md", "email": "email.html"}
FORMATS = (*TEMPLATES, "json")
ALIASES = {"email-html": "email", "text": "txt", "markdown": "md"}
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
# Only these schemes become links: everything else (javascript:, data:, vbscript:, file:) is text.
LINK_SCHEMES = ("http", "https")
# Characters a URL may hold as they are (RFC 3986's reserved and unreserved ones, and "%" of an
# existing escape); any other (quotes, <, >, non-ASCII) is percent-encoded, so no serializer
# (css_inline re-serializes the email) can turn a URL into markup.
URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"
# C0/C1 control characters (not tab/newline): they garble terminals and are invalid in HTML.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that can start Markdown or HTML syntax anywhere in a line.
MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
# Syntax that only counts at the start of a line: headings, list items, rules ("1." below).
MD_BLOCK_MARK = re.compile(r"[#+=-]")
MD_ORDINAL = re.compile(r"^(\d+)([.)])")
# Longest template error message shown to the user (the repr of a Briefing can be megabytes).
MAX_MESSAGE = 400
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class MdSafe(str):
    """Text already safe to place in Markdown (escaped, or a checked link target)."""

    __slots__ = ()


def safe_url(url: object) -> str:
    """The URL if it is an absolute http(s) URL that can be linked safely, else ""."""
    if not isinstance(url, str):
        return ""
    url = url.strip()
    if not url or CONTROLS.search(url) or re.search(r"\s", url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    return quote(url, safe=URL_SAFE)


def clean_text(value: object) -> str:
    """Text without control characters (tab and newline kept)."""
    return CONTROLS.sub("", str(value))


def md_escape(value: object) -> MdSafe:
    """Escape text so Markdown renders it literally: no links, HTML, emphasis or headings."""
    if isinstance(value, MdSafe):
        return value
    text = " ".join(clean_text(value).split())  # one line: nothing can start a new block
    text = MD_INLINE.sub(lambda m: "\\" + m.group(0), text)
    if MD_BLOCK_MARK.match(text):
        text = "\\" + text
    return MdSafe(MD_ORDINAL.sub(r"\1\\\2", text, count=1))


def md_url(url: object) -> MdSafe:
    """A safe http(s) URL percent-encoded for a Markdown link target, or ""."""
    link = safe_url(url)
    return MdSafe(quote(link, safe="/:?#[]@!$&*+,;=%-._~") if link else "")


def long_date(value: date | datetime) -> str:
    """'Thursday, 1 May 2025', independent of the machine's locale."""
    return f"{DAYS[value.weekday()]}, {value.day} {MONTHS[value.month - 1]} {value.year}"


def timestamp(value: datetime | None) -> str:
    """'2025-05-01 06:00 UTC' (the zone only when the time has one); '2025-05-01' for a bare day; "" for None.

    Exactly midnight UTC is how a date without a time (front matter, a page's meta date) is stored:
    showing "00:00 UTC" would invent a time the source never gave.
    """
    if value is None:
        return ""
    if value.utcoffset() == timedelta(0) and value.time() == time(0):
        return f"{value:%Y-%m-%d}"
    zone = value.tzname() or ""
    return f"{value:%Y-%m-%d %H:%M} {zone}".strip()


def short_date(value: date) -> str:
    """'Thu 19 Feb 2026', independent of the machine's locale."""
    return f"{DAYS[value.weekday()][:3]} {value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def when(point: Point) -> str:
    """A step's time as shown: its phrase and the date it names ('on Thursday: Thu 19 Feb 2026')."""
    if point.due is None:
        return point.when
    day = short_date(point.due)
    return f"{point.when}: {day}" if point.when else day


def basename(path: object) -> str:
    """The last part of a path, so local folders do not leak into the briefing."""
    return PurePath(str(path)).name if path else ""


@dataclass(frozen=True, slots=True)
class Citations:
    """Short labels, links and page anchors for the article ids a briefing cites."""

    articles: Mapping[str, Article]
    labels: Mapping[str, str]

    @classmethod
    def of(cls, sources: Sequence[Article]) -> Citations:
        """Label each article by its publisher ('BBC', 'BBC (2)'), else by its number in the source list."""
        labels: dict[str, str] = {}
        seen: dict[str, int] = {}
        for number, article in enumerate(sources, start=1):
            name = " ".join(clean_text(article.publisher).split()) or f"Source {number}"
            seen[name] = seen.get(name, 0) + 1
            labels[article.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
        return cls({a.id: a for a in sources}, labels)

    def label(self, source_id: str) -> str:
        """The short name shown for a source id (the id itself if unknown)."""
        return self.labels.get(source_id, source_id)

    def known(self, source_id: str) -> bool:
        """Whether the id names one of the briefing's sources."""
        return source_id in self.articles

    def href(self, source_id: str) -> str:
        """The article's safe http(s) URL, or ""."""
        article = self.articles.get(source_id)
        return safe_url(article.url) if article else ""

    def anchor(self, source_id: str) -> str:
        """A valid, unique HTML id for the source's entry in the source list."""
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", source_id).strip("-")[:40]
        if slug != source_id:
            slug += "-" + hashlib.sha1(source_id.encode("utf-8")).hexdigest()[:8]
        return f"src-{slug}"

    def md_link(self, source_id: str) -> MdSafe:
        """The source's label as a Markdown link (plain escaped text without a safe URL)."""
        label, url = md_escape(self.label(source_id)), md_url(self.href(source_id))
        return MdSafe(f"[{label}]({url})" if url else label)

    def md_links(self, source_ids: Sequence[str]) -> MdSafe:
        """' ([BBC](url), Reuters)' for a line's sources; "" when it has none."""
        if not source_ids:
            return MdSafe("")
        return MdSafe(" (" + ", ".join(self.md_link(i) for i in source_ids) + ")")

    def outlets(self, source_ids: Iterable[str]) -> int:
        """How many distinct outlets (publishers) carried something."""
        names = {self._outlet(i) for i in source_ids}
        return len(names)

    def _outlet(self, source_id: str) -> str:
        article = self.articles.get(source_id)
        return (article.publisher or article.id) if article else source_id


FILTERS: dict[str, Callable[..., Any]] = {
    "safe_url": safe_url,
    "md": md_escape,
    "md_url": md_url,
    "long_date": long_date,
    "timestamp": timestamp,
    "basename": basename,
    "clean": clean_text,
    "when": when,
}


def render(briefing: Briefing, fmt: str, templates: Path | None = None, evidence: bool = False) -> str:
    """The briefing as html, txt, md, json or email (HTML with inlined CSS).

    With ``evidence``, text, Markdown and email show under each point the sentence each cited
    source says it with; the web page always holds it, folded in a <details> element.
    """
    fmt = ALIASES.get(fmt, fmt)
    if fmt == "json":
        return json.dumps(to_json(briefing), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fmt not in TEMPLATES:
        raise TemplateError(f"unknown output format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    text = render_template(TEMPLATES[fmt], briefing, templates, evidence or fmt == "html")
    return inline_css(text) if fmt == "email" else text


def render_template(name: str, briefing: Briefing, templates: Path | None = None, evidence: bool = False) -> str:
    """Render one named template with the briefing; any failure becomes a TemplateError."""
    env = environment(templates, kind=_kind(name))
    context = {"briefing": briefing, "cites": Citations.of(briefing.sources),
               "key_quotes": tuple(q for q in briefing.quotes if q.key), "show_evidence": evidence}
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in {_folders(templates)}") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateError(f"template {exc.name or name!r} is broken ({where}): {exc.message}") from None
    except jinja2.TemplateError as exc:
        where = _template_frame(exc.__traceback__, templates) or f"{name} in {_folders(templates)}"
        raise TemplateError(f"template {name!r} failed at {where}: {_shorten(str(exc))}") from None


def environment(templates: Path | None = None, kind: str = "html") -> jinja2.Environment:
    """A Jinja2 environment: the user's folder first, then the package's templates."""
    if templates is not None and not Path(templates).is_dir():
        raise TemplateError(f"templates folder {templates} does not exist or is not a folder")
    if templates is None:
        return _environment(None, kind, 0)
    return _environment(Path(templates), kind, Path(templates).stat().st_mtime_ns)


# One environment per folder and kind, kept: compiling the templates costs ~40 ms per render,
# six renders per edition. Jinja rereads a template whose file changed (auto_reload); the
# folder's mtime in the key makes a file added to or removed from it count too. Compiled
# templates are also kept between runs (see TemplateCache).
@functools.lru_cache(maxsize=16)
def _environment(templates: Path | None, kind: str, _folder_mtime: int) -> jinja2.Environment:
    package = jinja2.FileSystemLoader(PACKAGE_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(templates)] if templates else []
    loaders += [package, jinja2.PrefixLoader({"default": package})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(("html", "htm", "xml", "html.j2", "htm.j2"),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        finalize=_md_finalize if kind == "md" else _finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=None if templates else template_cache(kind),
    )
    env.filters.update(FILTERS)
    return env


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, in the user's private folder of the system's temp dir.

    Compiling the five templates of an edition took ~0.13 s of a ~1.6 s seeds build; loading them
    compiled ~0.01 s. Jinja keys an entry by the template's path and checks it against the source,
    so an edited template is compiled again. Only the package's templates are kept (a handful of
    files; a user's folders could be many). The cache only saves time: one that cannot be read or
    written costs the compile, never the edition.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError as exc:
            log.debug("template cache not read: %s", exc)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:
            log.debug("template cache not written: %s", exc)


def template_cache(kind: str) -> TemplateCache | None:
    """The compiled-template cache of one kind of environment (their finalize differs), if a safe folder exists."""
    try:
        return TemplateCache(pattern=f"__briefing_{kind}_%s.cache")
    except (OSError, RuntimeError) as exc:  # Jinja found no private temp folder
        log.debug("no template cache: %s", exc)
        return None


def _kind(name: str) -> str:
    """Which escaping a template needs, from its file name."""
    return "md" if name.endswith((".md", ".md.j2")) else "txt" if name.endswith(".txt") else "html"


def _finalize(value: Any) -> Any:
    """Strip control characters from every printed string (HTML escaping happens after)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def _md_finalize(value: Any) -> Any:
    """Markdown's autoescape: every printed value is escaped unless already MdSafe."""
    if value is None or isinstance(value, (int, float)):
        return value
    return md_escape(value)


def _shorten(message: str) -> str:
    """Jinja messages can embed the repr of a whole object; keep the start and the end."""
    if len(message) <= MAX_MESSAGE:
        return message
    return f"{message[:MAX_MESSAGE // 2]} … {message[-MAX_MESSAGE // 2:]}"


def _folders(templates: Path | None) -> str:
    return f"{templates} or {PACKAGE_TEMPLATES}" if templates else str(PACKAGE_TEMPLATES)


def _template_frame(tb: TracebackType | None, templates: Path | None) -> str:
    """'path:line' of the innermost template frame in a rendering traceback."""
    roots = [str(PACKAGE_TEMPLATES)] + ([str(Path(templates).resolve())] if templates else [])
    found = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(root) for root in roots) or filename.endswith((".html", ".txt", ".md")):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def inline_css(html: str) -> str:
    """Move the <style> rules into style attributes, for email clients; keep @media rules."""
    try:
        return css_inline.inline(html, keep_at_rules=True, load_remote_stylesheets=False)
    except (css_inline.InlineError, ValueError) as exc:
        raise TemplateError(f"email.html: CSS could not be inlined: {exc}") from None


def to_json(briefing: Briefing) -> dict[str, Any]:
    """The briefing as plain JSON data, schema "briefing/1" (see docs/json-schema.md)."""
    return {
        "schema": SCHEMA,
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "generated": briefing.generated.isoformat() if briefing.generated else None,
        "sources": [_source_json(a) for a in briefing.sources],
        "story": _story_json(briefing.story) if briefing.story else None,
        "off_topic": [{"title": o.title, "path": o.path, "url": o.url, "reason": o.reason,
                       "score": _number(o.score)} for o in briefing.off_topic],
        "other_stories": [_story_json(s) for s in briefing.other_stories],
        "summary": [_point_json(p) for p in briefing.summary],
        "quotes": [_quote_json(q) for q in briefing.quotes],
        "issues": [_section_json(s) for s in briefing.issues],
        "next_steps": [_point_json(p) for p in briefing.next_steps],
        "failures": [{"source": f.source, "reason": f.reason, "hint": f.hint} for f in briefing.failures],
        "stats": {key: _number(value) for key, value in asdict(briefing.stats).items()},
    }


def _source_json(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "publisher": article.publisher, "url": article.url,
            "path": article.path, "published": article.published.isoformat() if article.published else None,
            "source": article.source, "new": article.new}


def _story_json(story: StoryRef) -> dict[str, Any]:
    return {"id": story.id, "label": story.label, "articles": story.articles, "day": story.day,
            "new_articles": story.new_articles}


def stories_json(stories: Sequence[Story]) -> dict[str, Any]:
    """`briefing stories --format json`: each story with its articles as a briefing's sources."""
    return {"stories": [{"id": s.id, "label": s.label, "articles": [_source_json(a) for a in s.articles],
                         "outlets": list(s.outlets), "first": s.first.isoformat() if s.first else None,
                         "last": s.last.isoformat() if s.last else None, "day": s.day,
                         "new_articles": s.new_articles} for s in stories]}


def _point_json(point: Point) -> dict[str, Any]:
    return {"text": point.text, "sources": list(point.sources), "new": point.new,
            "score": _number(point.score),
            "evidence": [{"source": e.source, "text": e.text} for e in point.evidence],
            "when": point.when, "due": point.due.isoformat() if point.due else None}


def _quote_json(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "sources": list(quote.sources), "key": quote.key,
            "variants": list(quote.variants), "context": quote.context, "score": _number(quote.score)}


def _section_json(section: Section) -> dict[str, Any]:
    return {"id": section.id, "title": section.title, "points": [_point_json(p) for p in section.points],
            "positions": [{"party": pos.party, "points": [_point_json(p) for p in pos.points]}
                          for pos in section.positions]}


def _number(value: Any) -> Any:
    """Counts stay ints; scores round to 6 places; NaN/inf (invalid JSON) become null."""
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    return value
