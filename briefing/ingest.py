"""Sources -> Article records; one bad source or file never sinks the run.

A local source (``SourceConfig.path``) is a file, a folder (its supported files,
sorted by name, not recursive, hidden files skipped) or a glob (``articles/*.txt``,
``archive/**/*.html``). Other files in a folder or glob are skipped (logged at debug
level); a file named on its own is read whatever its extension, as text. Each file
becomes one Article (a JSON list, one per record; see ``briefing.readers``). A feed
source (``url``) is read by ``briefing.feeds.read_feed``. Include/exclude phrases
apply to every source: whole words, case-insensitive, in the title or text.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from briefing.clean import clean_article
from briefing.errors import BriefingError, InputError, SourceError
from briefing.models import Article, Failure
from briefing.normalisation import normalise
from briefing.readers import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ENTRIES,
    SUPPORTED,
    looks_binary,
    read_articles,
)

if TYPE_CHECKING:
    from briefing.config import Config, FetchConfig, SourceConfig
    from briefing.state import State

log = logging.getLogger(__name__)

GLOB_CHARS = "*?["
# Text of one article beyond which the rest is dropped: about 30,000 words, longer than any
# news article or long read. The analysis runs at ~6 s per MB of text, so a 5 MB file (the
# byte cap) of prose would hold up a run for half a minute; this keeps one article under two.
MAX_ARTICLE_CHARS = 200_000
# A publication date further ahead than this is wrong (time zones explain up to a day), as for feed entries.
FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits for reading sources, and the HTTP settings for feeds (None: the defaults)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_entries: int = DEFAULT_MAX_ENTRIES
    fetch: FetchConfig | None = None
    progress: Callable[[str], None] | None = None

    @classmethod
    def from_config(cls, config: Config, progress: Callable[[str], None] | None = None) -> IngestOptions:
        """The options a configuration sets (its fetch section), and a per-source progress callback."""
        return cls(max_bytes=config.fetch.max_bytes, max_entries=config.fetch.max_entries, fetch=config.fetch,
                   progress=progress)


@dataclass(frozen=True, slots=True)
class Ingested:
    """What a run read: the articles, and every source or file that failed."""

    articles: tuple[Article, ...]
    failures: tuple[Failure, ...]


def ingest(sources: Sequence[SourceConfig], options: IngestOptions, state: State | None = None) -> Ingested:
    """Read every source (feeds concurrently, by one deadline); ids are unique within the run."""
    articles: list[Article] = []
    failures: list[Failure] = []
    taken: set[str] = set()
    pages: dict[str, str] = {}  # page_key -> the source that gave that page first
    for source, read in zip(sources, read_sources(sources, options, state), strict=True):
        failures.extend(read.failures)
        for article in read.articles:
            if not wanted(article, source):
                log.debug("%s: %s left out by include/exclude", source.name, article.path or article.url)
            elif (key := page_key(article)) in pages:
                log.info("%s: %s is the page %s gave, word for word; read once", source.name, article.url,
                         pages[key])
            else:
                if key is not None:
                    pages[key] = source.name
                articles.append(replace(capped(undated_if_future(article)), id=_unique(article.id, taken)))
        if options.progress is not None:
            options.progress(source.name)
    log.info("read %d articles from %d sources; %d failed", len(articles), len(sources), len(failures))
    return Ingested(tuple(articles), tuple(failures))


def page_key(article: Article) -> str | None:
    """One web page's words: its address (normalised) and a hash of its text; None for an article without one.

    Two feeds (an outlet's and an aggregator's, or two sections of one site) linking one page give
    one source, not two outlets' corroboration; a live page's different updates stay apart.
    """
    if not article.url:
        return None
    from briefing.state import normalise_url  # only feeds' articles have addresses: files need no SQL

    words = " ".join(article.text.split()).encode("utf-8", "surrogatepass")
    return f"{normalise_url(article.url)}\n{hashlib.sha256(words).hexdigest()}"


def read_sources(sources: Sequence[SourceConfig], options: IngestOptions, state: State | None) -> list[Ingested]:
    """What each source gave, in order: feeds in worker threads meanwhile files here, by fetch.run_timeout."""
    from briefing.config import FetchConfig  # imported here: `briefing summarize` reads files without pydantic

    fetch = options.fetch or FetchConfig()
    deadline = time.monotonic() + fetch.run_timeout
    readers = FeedReaders({i: s for i, s in enumerate(sources) if s.url is not None}, options, state, deadline)
    readers.start(fetch.concurrency)
    local = {i: _read_one(s, options, state) for i, s in enumerate(sources) if s.url is None}
    feeds = readers.results()
    out = []
    for index, source in enumerate(sources):
        read = local.get(index) or feeds.get(index)
        if read is None:
            log.info("source %s: not read by the run's deadline", source.name)
            read = Ingested((), (Failure(source.name, f"{source.url}: not read within fetch.run_timeout "
                                         f"({fetch.run_timeout:g} s)", "the server is stalled or too slow; "
                                         "try again later or raise fetch.run_timeout"),))
        out.append(read)
    return out


def _read_one(source: SourceConfig, options: IngestOptions, state: State | None) -> Ingested:
    failures: list[Failure] = []
    return Ingested(tuple(_read_source(source, options, state, failures)), tuple(failures))


class FeedReaders:
    """Daemon threads reading feeds until a deadline; what they finished by then.

    Daemon threads: a feed still stalled at the deadline is abandoned, not waited for (its
    fetch ends by the same deadline anyway, see fetch.RUN_DEADLINE), and cannot hold the exit.
    """

    def __init__(self, feeds: dict[int, SourceConfig], options: IngestOptions, state: State | None,
                 deadline: float) -> None:
        self._work: queue.SimpleQueue[tuple[int, SourceConfig]] = queue.SimpleQueue()
        for item in feeds.items():
            self._work.put(item)
        self._expected = len(feeds)
        self._options, self._state, self._deadline = options, state, deadline
        self._done: dict[int, Ingested] = {}
        self._finished = threading.Condition()

    def start(self, concurrency: int) -> None:
        """Start up to ``concurrency`` reader threads."""
        for number in range(min(concurrency, self._expected)):
            threading.Thread(target=self._run, name=f"feed-reader-{number}", daemon=True).start()

    def _run(self) -> None:
        from briefing.fetch import RUN_DEADLINE  # lazy: local files need no HTTP stack

        RUN_DEADLINE.set(self._deadline)
        while True:
            try:
                index, source = self._work.get_nowait()
            except queue.Empty:
                return
            read = _read_one(source, self._options, self._state)
            with self._finished:
                self._done[index] = read
                self._finished.notify_all()

    def results(self) -> dict[int, Ingested]:
        """Wait until every feed is read or the deadline passes; the feeds read by then."""
        with self._finished:
            self._finished.wait_for(lambda: len(self._done) == self._expected,
                                    timeout=max(0.0, self._deadline - time.monotonic()))
            return dict(self._done)


def undated_if_future(article: Article) -> Article:
    """The article without its publication date if that lies in the future: a wrong date is no date."""
    if article.published is None or article.published <= datetime.now(UTC) + FUTURE_TOLERANCE:
        return article
    log.warning("%s: publication date %s is in the future; ignoring it", article.path or article.url or article.id,
                article.published.isoformat())
    return replace(article, published=None)


def capped(article: Article, limit: int = MAX_ARTICLE_CHARS) -> Article:
    """The article with its text cut at the last line break before ``limit`` characters, if longer."""
    if len(article.text) <= limit:
        return article
    cut = article.text.rfind("\n", 0, limit + 1)
    cut = cut if cut > limit // 2 else limit  # one enormous line: cut it where the limit falls
    log.warning("%s: article text longer than %d characters; only the first %d are used",
                article.path or article.url or article.id, limit, cut)
    return replace(article, text=article.text[:cut])


def _read_source(source: SourceConfig, options: IngestOptions, state: State | None,
                 failures: list[Failure]) -> Iterator[Article]:
    """The articles of one source; a failure is logged and recorded, the articles read so far kept."""
    try:
        if source.url is not None:
            yield from _feed_articles(source, options, state)
        elif source.path is not None:
            yield from _local_articles(source, options, failures)
    except BriefingError as exc:  # not logged: the caller lists every failure once
        failures.append(Failure(source.name, str(exc.args[0]), exc.hint))
    except Exception as exc:  # a bug in one reader must not cost the other sources
        log.debug("source %s failed", source.name, exc_info=True)  # the traceback, for --verbose
        failures.append(Failure(source.name, f"unexpected {type(exc).__name__}: {exc}",
                                "run with --verbose and report the traceback"))


def _feed_articles(source: SourceConfig, options: IngestOptions, state: State | None) -> Iterator[Article]:
    try:
        from briefing.feeds import read_feed  # lazy: local files need no HTTP stack
    except ImportError as exc:
        raise SourceError(f"{source.url}: feeds cannot be read ({exc})",
                          "reinstall briefing with its dependencies") from None
    from briefing.config import FetchConfig  # see read_sources

    yield from read_feed(source, options.fetch or FetchConfig(), state)


def _local_articles(source: SourceConfig, options: IngestOptions,
                    failures: list[Failure]) -> Iterator[Article]:
    assert source.path is not None
    paths = source_files(source.path)
    if len(paths) > options.max_entries:
        log.warning("%s: %d files; only the first %d are read (fetch.max_entries)",
                    source.path, len(paths), options.max_entries)
        paths = paths[:options.max_entries]
    for path in paths:
        try:
            yield from read_articles(path, source.name, source.publisher,
                                     options.max_bytes, options.max_entries)
        except InputError as exc:  # not logged: the caller lists every failure once
            failures.append(Failure(str(path), str(exc.args[0]), exc.hint))
        except Exception as exc:  # a reader's bug on one file must not cost the folder's other files
            log.debug("could not read %s", path, exc_info=True)  # the traceback, for --verbose
            failures.append(Failure(str(path), f"unexpected {type(exc).__name__}: {exc}",
                                    "run with --verbose and report the traceback"))


def source_files(path: Path) -> list[Path]:
    """The supported files a path names: itself, a folder's files (sorted, not recursive) or a glob's."""
    if path.is_file():
        return [path]
    try:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _file_or_broken_link(p) and not p.name.startswith("."))
        elif any(c in str(path) for c in GLOB_CHARS):
            found = _glob(path)
        else:
            raise SourceError(f"{path}: no such file or folder",
                              "check the path; relative paths start at the configuration file's folder, "
                              "or with --source at the current one")
    except OSError as exc:
        raise SourceError(f"{path}: cannot list the folder: {exc.strerror or exc}",
                          "check that the folder exists and this user may read it") from None
    files = [p for p in found if p.suffix.lower() in SUPPORTED]
    for skipped in sorted(set(found) - set(files)):
        log.debug("%s: skipped: not a .txt, .md, .html or .json file", skipped)
    if not files:
        raise SourceError(f"{path}: no .txt, .md, .html or .json files",
                          "put article files there or fix the path or pattern")
    return files


def _file_or_broken_link(path: Path) -> bool:
    """A file, or a link whose article moved away: that one is listed as failed, not skipped in silence."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def _glob(pattern: Path) -> list[Path]:
    parts = pattern.parts
    first = next(i for i, part in enumerate(parts) if any(c in part for c in GLOB_CHARS))
    base = Path(*parts[:first]) if first else Path(".")
    return sorted(p for p in base.glob(str(Path(*parts[first:]))) if p.is_file())


def read_file(path: Path, source: str = "", publisher: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The one article in a file; raises InputError when it is missing, empty, binary or holds several."""
    articles = read_articles(path, source, publisher, max_bytes)
    if len(articles) > 1:
        raise InputError(f"{path}: holds {len(articles)} articles, not one",
                         "read JSON lists of articles with read_articles, or give one record per file")
    return articles[0]


def _unique(ident: str, taken: set[str]) -> str:
    candidate, number = ident, 1
    while candidate in taken:
        number += 1
        candidate = f"{ident}-{number}"
    taken.add(candidate)
    return candidate


def wanted(article: Article, source: SourceConfig) -> bool:
    """True when the article mentions an include phrase (if any are given) and no exclude phrase."""
    text = normalise(f"{article.title}\n{article.text}")
    if source.include and not any(_mentions(text, p) for p in source.include):
        return False
    return not any(_mentions(text, p) for p in source.exclude)


def _mentions(text: str, phrase: str) -> bool:
    words = normalise(phrase).split()
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return bool(words) and re.search(pattern, text, re.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class Document:
    """One article's cleaned text and where it came from (a file's path, or "-" for stdin)."""

    name: str
    text: str


def read_documents(files: Sequence[str], stdin: TextIO | None = None) -> list[str]:
    """The cleaned text of each file, folder or glob named (``-``: standard input), one per article."""
    return [document.text for document in read_named_documents(files, stdin)]


def read_named_documents(files: Sequence[str], stdin: TextIO | None = None) -> list[Document]:
    """Each article of the files, folders or globs named (``-``: standard input), with its file's name."""
    documents = []
    for name in files:
        if name == "-":
            text = (stdin or sys.stdin).read()
            if not text.strip() or looks_binary(text):
                raise InputError("standard input holds no text", "pipe an article's text into the command")
            documents.append(Document("-", clean_article(Article(id="stdin", text=text)).text))
            continue
        path = Path(name)
        many = path.is_dir() or (not path.exists() and any(c in name for c in GLOB_CHARS))
        for one in source_files(path) if many else [path]:
            documents.extend(Document(str(one), clean_article(article).text) for article in read_articles(one))
    return documents


@dataclass(frozen=True, slots=True)
class Check:
    """One source as `briefing check-config` found it: usable or not, and one line saying so."""

    ok: bool
    line: str


def check_sources(config: Config, offline: bool = False) -> Iterator[Check]:
    """One check per source: its readable files, or (unless offline) whether the feed answers and parses."""
    for source in config.sources:
        if source.path is not None:
            yield check_files(source, config.fetch.max_bytes)
        elif offline:
            yield Check(True, f"{source.name}: {source.url} (not contacted: --offline)")
        else:
            from briefing.feeds import check_source  # lazy: only online checks need HTTP

            line = check_source(source, config.fetch)
            yield Check(": OK: " in line, line)


def check_files(source: SourceConfig, max_bytes: int = DEFAULT_MAX_BYTES) -> Check:
    """Read every file of a local source: OK with how many hold articles, FAILED when none does."""
    assert source.path is not None
    try:
        paths = source_files(source.path)
    except SourceError as exc:
        return Check(False, f"{source.name}: FAILED: {exc.args[0]} ({exc.hint})")
    bad: list[str] = []
    for path in paths:
        try:
            read_articles(path, source.name, source.publisher, max_bytes)
        except InputError as exc:
            bad.append(str(exc.args[0]))
    if len(bad) == len(paths):
        return Check(False, f"{source.name}: FAILED: none of the {len(paths)} files in {source.path} is readable: "
                     f"{bad[0]}" + (f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""))
    unread = f"; {len(bad)} unreadable, e.g. {bad[0]}" if bad else ""
    return Check(True, f"{source.name}: OK: {len(paths) - len(bad)} readable files in {source.path}{unread}")


def _files_line(name: str, path: Path) -> str:
    try:
        return f"{name}: OK: {len(source_files(path))} files in {path}"
    except SourceError as exc:
        return f"{name}: FAILED: {exc.args[0]} ({exc.hint})"


def source_statuses(config: Config) -> Iterator[str]:
    """One line per source: its files, or the last fetch recorded in the state database."""
    from briefing.config import database_url

    url = database_url(config)
    exists = "://" in config.state.database or Path(config.state.database).exists()
    statuses = {}
    if exists:
        from briefing.state import State

        state = State(url)
        try:
            statuses = {info.url: info for info in state.feed_statuses()}
        finally:
            state.close()
    for source in config.sources:
        if source.path is not None:
            yield _files_line(source.name, source.path)
            continue
        info = statuses.get(str(source.url))
        if info is None:
            yield f"{source.name}: {source.url}: never fetched"
        else:
            error = f": {info.error.removeprefix(f'{source.url}: ')}" if info.error else ""
            yield f"{source.name}: {source.url}: {info.status} at {info.fetched_at:%Y-%m-%d %H:%M} UTC{error}"
