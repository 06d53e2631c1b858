"""One edition, end to end: build, write files, record in the state database, deliver."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from briefing.config import Config, SourceConfig, database_url, load_config
from briefing.deliver import write_outputs
from briefing.errors import DeliveryError, ExitCode, NothingToPublishError
from briefing.models import Article, Briefing, Failure
from briefing.pipeline import BuildOptions, build_briefing, summary_line
from briefing.render import render
from briefing.state import EntryKey, State, default_owner

if TYPE_CHECKING:
    from briefing.mail import DeliveryReport

log = logging.getLogger(__name__)

# Failed sources a scheduled run's line names before "and N more": the edition lists them all.
RUN_LINE_FAILURES = 3


@dataclass(frozen=True, slots=True)
class EditionReport:
    """What one run produced: the briefing, the files, the edition id and the delivery."""

    briefing: Briefing
    paths: tuple[Path, ...]
    edition_id: int | None = None
    delivery: DeliveryReport | None = None
    unchanged_since: int | None = None  # the earlier edition with the same articles, if any

    @property
    def exit_code(self) -> int:
        """The documented exit status: delivery trouble over failed sources over success."""
        if self.delivery is not None and (self.delivery.failed or self.delivery.unknown):
            return ExitCode.DELIVERY_FAILED
        return ExitCode.PARTIAL if self.briefing.failures else ExitCode.OK

    @property
    def summary(self) -> str:
        """The run's one summary line."""
        line = summary_line(self.briefing)
        if self.unchanged_since is not None:
            line += f" No new articles since edition {self.unchanged_since}."
        return line

    @property
    def run_line(self) -> str:
        """One line for a scheduled run: the summary, what the delivery did, which sources failed."""
        line = self.summary
        if self.delivery is not None:
            d = self.delivery
            line += (f" Edition {d.edition_id}: sent {len(d.sent)}, skipped {len(d.skipped)}, "
                     f"failed {len(d.failed)}, unknown {len(d.unknown)}.")
        return line + failed_sources(self.briefing.failures)


def failed_sources(failures: Sequence[Failure]) -> str:
    """" Failed: wire (HTTP 404 Not Found), b.txt (empty file)." for a run line; "" when none failed."""
    if not failures:
        return ""
    named = [f"{f.source} ({_first_clause(f.reason)})" for f in failures[:RUN_LINE_FAILURES]]
    more = len(failures) - len(named)
    return f" Failed: {', '.join(named)}" + (f" and {more} more" if more else "") + "."


def _first_clause(reason: str) -> str:
    """The gist of a failure's reason: its last part after the URL or path ("HTTP 404 Not Found")."""
    return reason.rsplit(": ", 1)[-1].strip()


def publish(config: Config, now: datetime | None = None, *, send: bool = False, use_state: bool = True,
            progress: Callable[[str], None] | None = None, day: date | None = None,
            force: bool = False) -> EditionReport:
    """Build an edition, write its files, record it and (with send) email it.

    An edition without articles is neither written nor recorded nor sent: NothingToPublishError.
    The same articles as an edition recorded before reuse that edition, so nobody is mailed the
    same content twice (``force`` or ``email.resend: always`` record a new edition, which is sent).
    """
    day = day or edition_day(config, now)
    state = State(database_url(config)) if use_state or send else None
    try:
        briefing = build_briefing(config, now, state, BuildOptions(day=day, progress=progress))
        check_publishable(briefing, config.sources)
        key = content_key(briefing)
        reuse = state is not None and not force and config.email.resend != "always"
        previous = state.edition_with_content(key) if state is not None and reuse else None
        if state is not None and previous is not None and previous.date == briefing.date:
            briefing = as_first_built(briefing, key, previous.id, config, now, state, BuildOptions(day=day))
        paths = write_outputs(briefing, config.output.dir, config.output.formats, config.output.templates)
        edition_id = previous.id if previous else record(state, briefing, paths, config, key) if state else None
        delivery = None
        if send and state is not None and edition_id is not None:
            delivery = deliver(state, edition_id, config, force=force)
        return EditionReport(briefing, tuple(paths), edition_id, delivery, previous.id if previous else None)
    finally:
        if state is not None:
            state.close()


def as_first_built(briefing: Briefing, key: str, edition_id: int, config: Config, now: datetime | None,
                   state: State, options: BuildOptions) -> Briefing:
    """A same-day rebuild of a sent edition, built again as it was then: not 'earlier' than itself.

    Flagging its own articles as reported earlier would also reorder its summary (news first). The
    sources are read again (a 304 serves the stored articles); if they changed meanwhile, the
    first build stands.
    """
    if all(article.new for article in briefing.sources):
        return briefing
    rebuilt = build_briefing(config, now, state.excluding(edition_id), options)
    return rebuilt if content_key(rebuilt) == key else briefing


def edition_day(config: Config, now: datetime | None = None) -> date:
    """Today in schedule.timezone: a Tokyo desk's 07:30 edition is dated that day, not UTC's yesterday."""
    try:
        zone = ZoneInfo(config.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        from briefing.schedule import checked_trigger  # APScheduler only to explain the error

        checked_trigger(config)
        raise
    return (now or datetime.now(UTC)).astimezone(zone).date()


def check_publishable(briefing: Briefing, sources: Sequence[SourceConfig]) -> None:
    """Raise NothingToPublishError when the edition holds no article."""
    if briefing.stats.articles:
        return
    if briefing.off_topic:
        read = len(briefing.off_topic)
        what = "the one article read is not" if read == 1 else f"none of the {read} articles read is"
        raise NothingToPublishError(
            f"nothing to publish: {what} about this story; the last "
            "edition is kept and nothing is sent", briefing.failures,
            "`briefing stories` lists what they are about; widen `about` (or the title, issues, people) "
            "or lower focus.threshold")
    why = failed_why(briefing.failures, sources) if briefing.failures else "the sources gave no articles"
    raise NothingToPublishError(f"nothing to publish: {why}; the last edition is kept and nothing is sent",
                                briefing.failures)


def failed_why(failures: Sequence[Failure], sources: Sequence[SourceConfig]) -> str:
    """What failed, in sources, and files of folder sources ('every source failed: 2 files of 1 source')."""
    names = {s.name for s in sources}
    whole = {f.source for f in failures if f.source in names}
    files = sorted({f.source for f in failures} - whole)
    by_files = {owner for owner in (_folder_of(file, sources) for file in files) if owner and owner not in whole}
    parts = [_count(len(whole), "source")] if whole else []
    if files:
        parts.append(f"{_count(len(files), 'file')} of {_count(max(len(by_files), 1), 'source')}")
    failed = len(whole) + len(by_files)
    head = "every source failed" if failed >= len(sources) else f"{failed} of {len(sources)} sources failed"
    tail = "" if failed >= len(sources) else ", and the rest gave no articles"
    return f"{head}: {' and '.join(parts)}{tail}"


def _folder_of(file: str, sources: Sequence[SourceConfig]) -> str | None:
    """The name of the path source a failed file was read from, if any."""
    path = Path(file).resolve()
    for source in sources:
        if source.path is not None and (path == source.path.resolve() or path.is_relative_to(source.path.resolve())):
            return source.name
    return None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def content_key(briefing: Briefing) -> str:
    """A hash of the edition's title and articles (identity and text): equal keys, equal content."""
    digest = hashlib.sha256(_utf8(briefing.title))
    for line in sorted(_article_line(a) for a in briefing.sources):
        digest.update(b"\n" + _utf8(line))
    return digest.hexdigest()


def _article_line(article: Article) -> str:
    text = hashlib.sha256(_utf8(article.title + "\n" + article.text)).hexdigest()
    return f"{article.source}\t{article.guid or article.path or article.url or article.id}\t{text}"


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def record(state: State, briefing: Briefing, paths: list[Path], config: Config, key: str | None = None) -> int:
    """Store the edition, its email bodies, its content key and the entries it holds."""
    payload = json.dumps({
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "text": render(briefing, "txt", config.output.templates),
        "html": render(briefing, "email", config.output.templates),
    }, ensure_ascii=False)
    by_format = {p.suffix.lstrip("."): str(p) for p in paths if not p.name.startswith("latest")}
    keys = [EntryKey(a.source, a.guid) for a in briefing.sources if a.guid]
    return state.record_edition(briefing.date, briefing.title, by_format, payload, keys, content_key=key)


def deliver(state: State, edition_id: int, config: Config, *, force: bool = False) -> DeliveryReport:
    """Email a recorded edition to every recipient not yet sent it."""
    from briefing.mail import make_message_factory, send_edition  # imported here: SMTP and TLS only to send

    edition = state.edition(edition_id)
    if edition is None or not edition.payload_json:
        raise DeliveryError(f"edition {edition_id} has no stored email body", "build it again with `briefing build`")
    if not config.email.recipients:
        raise DeliveryError("no recipients configured", "list addresses under email.recipients in the YAML")
    body = json.loads(edition.payload_json)
    factory = make_message_factory(body["title"], edition.date, body["text"], body["html"], config.email)
    return send_edition(state, edition_id, factory, config.smtp, config.email, force=force)


def send_built(config: Config, edition_id: int | None = None, *, force: bool = False) -> DeliveryReport:
    """Deliver an edition built earlier (default: the latest one)."""
    state = State(database_url(config))
    try:
        edition = state.edition(edition_id) if edition_id is not None else state.latest_edition()
        if edition is None:
            which = f"edition {edition_id}" if edition_id else "any edition"
            raise DeliveryError(f"no {which} in {config.state.database}", "run `briefing build` first")
        return deliver(state, edition.id, config, force=force)
    finally:
        state.close()


def run_edition(config_path: str, now: datetime | None = None) -> EditionReport | None:
    """The scheduled job: retry failed deliveries, then build and deliver this slot's edition once.

    Several instances on one database may fire for the same slot; the first to claim it builds
    and sends, the others only retry failed deliveries.
    """
    from briefing.schedule import current_slot  # APScheduler: only the scheduled job needs it

    config = load_config(config_path)
    now = now or datetime.now(UTC)
    slot = f"daily@{current_slot(config.schedule, now).isoformat()}"
    state = State(database_url(config))
    try:
        for edition_id in sorted({d.edition_id for d in state.pending_retries()}):
            log.info("retrying failed deliveries of edition %s", edition_id)
            deliver(state, edition_id, config)
        if not state.claim_run(slot, default_owner()):
            log.info("run %s was already claimed by another instance; not building it again", slot)
            return None
    finally:
        state.close()
    return publish(config, now, send=bool(config.email.recipients))
