"""One edition, end to end: build, write files, record in the state database, deliver."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.config import Config, database_url, load_config
from briefing.deliver import write_outputs
from briefing.errors import DeliveryError
from briefing.mail import DeliveryReport, make_message_factory, send_edition
from briefing.models import Briefing
from briefing.pipeline import build_briefing, summary_line
from briefing.render import render
from briefing.schedule import current_slot
from briefing.state import EntryKey, State, default_owner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EditionReport:
    """What one run produced: the briefing, the files, the edition id and the delivery."""

    briefing: Briefing
    paths: tuple[Path, ...]
    edition_id: int | None = None
    delivery: DeliveryReport | None = None

    @property
    def summary(self) -> str:
        """The run's one summary line."""
        return summary_line(self.briefing)


def publish(config: Config, now: datetime | None = None, *, send: bool = False,
            use_state: bool = True, progress: Callable[[str], None] | None = None) -> EditionReport:
    """Build an edition, write its files, record it and (with send) email it."""
    state = State(database_url(config)) if use_state or send else None
    try:
        briefing = build_briefing(config, now, state, progress)
        paths = write_outputs(briefing, config.output.dir, config.output.formats, config.output.templates)
        edition_id = record(state, briefing, paths, config) if state else None
        delivery = None
        if send and state is not None and edition_id is not None:
            delivery = deliver(state, edition_id, config)
        log.info("%s", summary_line(briefing))
        return EditionReport(briefing, tuple(paths), edition_id, delivery)
    finally:
        if state is not None:
            state.close()


def record(state: State, briefing: Briefing, paths: list[Path], config: Config) -> int:
    """Store the edition, its email bodies and the entries it holds."""
    payload = json.dumps({
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "text": render(briefing, "txt", config.output.templates),
        "html": render(briefing, "email", config.output.templates),
    }, ensure_ascii=False)
    by_format = {p.suffix.lstrip("."): str(p) for p in paths if not p.name.startswith("latest")}
    keys = [EntryKey(a.source, a.guid) for a in briefing.sources if a.guid]
    return state.record_edition(briefing.date, briefing.title, by_format, payload, keys)


def deliver(state: State, edition_id: int, config: Config, *, force: bool = False) -> DeliveryReport:
    """Email a recorded edition to every recipient not yet sent it."""
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
        edition = state.edition(edition_id) if edition_id else state.latest_edition()
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
    report = publish(config, now, send=bool(config.email.recipients))
    log.info("%s", report.summary)
    return report
