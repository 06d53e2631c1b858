"""APScheduler wiring only: when `briefing run` builds and delivers.

The daily job lives in a persistent SQLAlchemy job store in the state
database, so a run missed while the machine was down fires once (coalesced)
at start-up if it is less than ``schedule.misfire_grace_seconds`` late.
Jobs in a persistent store are saved as a textual reference plus pickled
arguments, so the job is ``briefing.schedule:run_job(config_path, target)``
and ``target`` names the function that does the work ('module:function').
Each run re-reads the configuration file. Delivery is exactly-once through
the state database's claims, even if two schedulers share the database.
"""

from __future__ import annotations

import difflib
import logging
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_SCHEDULER_STARTED,
    JobExecutionEvent,
    SchedulerEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.util import obj_to_ref, ref_to_obj

from briefing.config import Config, ScheduleConfig, database_url, locate
from briefing.database import open_engine
from briefing.errors import BriefingError, ConfigError, ExitCode
from briefing.ingest import Check

log = logging.getLogger(__name__)

JOB_ID = "briefing-daily"
DEFAULT_TARGET = "briefing.edition:run_edition"  # build, record, deliver; retries failed deliveries
# Standard cron numbers weekdays from Sunday = 0 (and 7); APScheduler 3's from_crontab
# counts from Monday = 0, so numbers are translated to names before it sees them.
# How far back current_slot looks for the run a job belongs to: a daily schedule's slot
# is at most a day old when its (possibly late, within misfire grace) job runs.
SLOT_LOOKBACK = timedelta(days=1, hours=1)
CRON_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
# How alike a misspelt time zone and a real one must be (difflib ratio) to suggest it: 0.8 takes
# "Europe/Zurch" -> "Europe/Zurich" and "America/New York" -> "America/New_York", not "Mars/Olympus".
ZONE_CUTOFF = 0.8


class _StopsCleanly(BaseScheduler):
    """APScheduler 3's loop runs one more round after shutdown(); a job due then is submitted to the
    stopped executor, fails, and its run is lost. Skip that round so the run stays in the store."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        result: float | None = super()._process_jobs()
        return result


class _Blocking(_StopsCleanly, BlockingScheduler):
    """The scheduler of `briefing run`."""


class _Background(_StopsCleanly, BackgroundScheduler):
    """A scheduler in a background thread, for tests and embedding."""


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """What one scheduled run did: its exit status (as `briefing build --send` would exit) and a line."""

    exit_code: int
    line: str


def run_job(config_path: str, target: str = DEFAULT_TARGET) -> RunOutcome:
    """The scheduled job: call ``target`` ('module:function') with the configuration path.

    A BriefingError ends the run with its exit status, logged; the scheduler carries on.
    """
    func = ref_to_obj(target)
    started = time.monotonic()
    log.info("scheduled run started: %s(%r)", target, config_path)
    try:
        result = func(config_path)
    except BriefingError as exc:
        outcome = RunOutcome(exc.exit_code, f"{exc.args[0] if exc.args else exc}")
    else:
        outcome = _outcome(result)
    # INFO whatever the status: `briefing run` reports each firing in one line of its own
    # ("Error:"/"Warning:" by status); a warning here would print the same firing twice.
    log.info("scheduled run finished in %.1f s, exit status %d: %s", time.monotonic() - started,
             outcome.exit_code, outcome.line)
    return outcome


def _outcome(result: object) -> RunOutcome:
    if result is None:
        return RunOutcome(ExitCode.OK, "this run was already built by another instance")
    code = getattr(result, "exit_code", ExitCode.OK)
    line = getattr(result, "run_line", None) or getattr(result, "summary", None) or "done"
    return RunOutcome(int(code), str(line))


def make_trigger(schedule: ScheduleConfig) -> CronTrigger:
    """The cron trigger of schedule.cron in schedule.timezone; ConfigError names the bad key."""
    try:
        zone = ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"schedule.timezone: unknown time zone {schedule.timezone!r}",
                          zone_hint(schedule.timezone)) from None
    fields = schedule.cron.split()
    try:
        if len(fields) != 5:
            raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(fields)}")
        if fields[2] != "*" and fields[4] != "*":
            raise ValueError("cron runs when EITHER the day of month OR the weekday matches, APScheduler "
                             "only when both do; restrict one of them and leave the other '*'")
        crontab = " ".join([*fields[:4], crontab_weekdays(fields[4])])
        return CronTrigger.from_crontab(crontab, timezone=zone)
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"schedule.cron: invalid cron expression {schedule.cron!r}: {exc}",
                          "use five fields, e.g. '0 6 * * *' for 06:00 daily or '30 7 * * 1-5' "
                          "for 07:30 Monday to Friday") from None


def zone_hint(name: str) -> str:
    """Did-you-mean for a misspelt time zone ("Europe/Zurch" -> "Europe/Zurich"), else an example."""
    zones = sorted(available_timezones())
    city = name.strip().replace(" ", "_").lower()
    close = [z for z in zones if z.rsplit("/", 1)[-1].lower() == city]  # "Zurich" -> "Europe/Zurich"
    close = close or difflib.get_close_matches(name, zones, n=1, cutoff=ZONE_CUTOFF)
    if close:
        return f"did you mean '{close[0]}'? Time zones are IANA names such as 'UTC' or 'Europe/Berlin'"
    return "use an IANA name such as 'UTC' or 'Europe/Berlin'"


def checked_trigger(config: Config) -> CronTrigger:
    """make_trigger for the config's schedule, an error located in its YAML file (file:line: key)."""
    try:
        return make_trigger(config.schedule)
    except ConfigError as exc:
        message = str(exc.args[0])
        key = message.split(":", 1)[0]
        raise ConfigError(f"{locate(config, key)}: {message}", exc.hint) from None


def schedule_check(config: Config) -> Check:
    """check-config's line for the schedule: the cron, its zone and the next run, or the located error."""
    try:
        trigger = checked_trigger(config)
    except ConfigError as exc:
        return Check(False, f"schedule: FAILED: {exc}")
    zone = ZoneInfo(config.schedule.timezone)
    return Check(True, f"schedule: OK: '{config.schedule.cron}' ({config.schedule.timezone}); "
                       f"next run {next_run_text(trigger, zone)}")


def current_slot(schedule: ScheduleConfig, now: datetime) -> datetime:
    """The latest scheduled fire time at or before ``now`` (now itself when none in the last day)."""
    trigger = make_trigger(schedule)
    slot: datetime | None = None
    fire = trigger.get_next_fire_time(None, now - SLOT_LOOKBACK)
    while fire is not None and fire <= now:
        slot = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return slot or now.replace(second=0, microsecond=0)


def crontab_weekdays(field: str) -> str:
    """Translate a crontab weekday field (0 or 7 = Sunday) to names APScheduler reads alike."""
    if not any(ch.isdigit() for ch in field):
        return field
    days: list[int] = []
    for item in field.split(","):
        part, _, step = item.partition("/")
        if part == "*":
            low, high = 0, 6
        elif "-" in part:
            low, high = (int(x) for x in part.split("-", 1))
        else:
            low = high = int(part)
            high = 6 if step else high  # "1/2" means from Monday, every other day
        if not 0 <= low <= high <= 7:
            raise ValueError(f"weekday {part!r} out of range 0-7")
        days.extend(range(low, high + 1, int(step or 1)))
    return ",".join(dict.fromkeys(CRON_DAY_NAMES[d] for d in days))


def make_scheduler(config: Config, job: Callable[..., object] | str = run_job, *, args: Sequence[Any] = (),
                   blocking: bool = True, jobstore_url: str | None = None,
                   trigger: BaseTrigger | None = None) -> BaseScheduler:
    """A scheduler (not started) holding the daily job in a persistent job store.

    ``job`` must be importable ('module:function' or a module-level function) and
    ``args`` picklable: both are saved in the job store. The store defaults to the
    state database. ``trigger`` replaces schedule.cron (tests use a faster one).
    """
    trigger = trigger or make_trigger(config.schedule)
    reference = job if isinstance(job, str) else _reference(job)
    store = SQLAlchemyJobStore(engine=open_engine(jobstore_url or database_url(config)))
    scheduler_class = _Blocking if blocking else _Background
    scheduler = scheduler_class(
        jobstores={"default": store}, executors={"default": ThreadPoolExecutor(max_workers=1)},
        timezone=ZoneInfo(config.schedule.timezone))
    options: dict[str, Any] = {}
    if (pending := _stored_next_run(store, trigger)) is not None:
        options["next_run_time"] = pending  # keep a run missed while down; replace_existing would reset it
    scheduler.add_job(reference, trigger, args=list(args), id=JOB_ID, name="briefing daily edition",
                      replace_existing=True, coalesce=True, max_instances=1,
                      misfire_grace_time=config.schedule.misfire_grace_seconds, **options)
    scheduler.add_listener(_log_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    return scheduler


def _reference(job: Callable[..., object]) -> str:
    """The 'module:function' text a persistent job store saves instead of the function."""
    try:
        reference = obj_to_ref(job)
        if ref_to_obj(reference) is not job:
            raise ValueError(f"{reference} names another object")
    except (ValueError, LookupError) as exc:
        raise ValueError(f"the scheduled job must be an importable module-level function: {exc}") from None
    return reference


def _stored_next_run(store: SQLAlchemyJobStore, trigger: BaseTrigger) -> datetime | None:
    """The stored job's pending run time, if the schedule has not changed since it was stored."""
    try:
        store.jobs_t.create(store.engine, checkfirst=True)
        existing = store.lookup_job(JOB_ID)
    except Exception as exc:  # an unreadable stored job is replaced, never fatal
        log.warning("ignoring the stored schedule job %s: %s", JOB_ID, exc)
        return None
    if existing is None or repr(existing.trigger) != repr(trigger):
        return None
    next_run: datetime | None = existing.next_run_time
    return next_run


def _log_event(event: JobExecutionEvent) -> None:
    when = event.scheduled_run_time
    if event.code == EVENT_JOB_MISSED:
        log.warning("the run due at %s was missed by more than schedule.misfire_grace_seconds; "
                    "skipped until the next scheduled time", when)
    elif event.exception is not None:
        log.error("the run due at %s failed: %s: %s", when, type(event.exception).__name__, event.exception)
    else:
        log.info("the run due at %s is done", when)


def run_forever(config: Config, config_path: str, *, target: str = DEFAULT_TARGET,
                jobstore_url: str | None = None, report: Callable[[str], None] | None = None,
                trigger: BaseTrigger | None = None) -> None:
    """Run the daily job on schedule until SIGTERM or SIGINT; a run in progress is finished first.

    ``report`` receives one line at start (schedule, next run), one per run and one at stop.
    """
    say = report or (lambda line: log.info("%s", line))
    trigger = trigger or checked_trigger(config)
    zone = ZoneInfo(config.schedule.timezone)
    scheduler = make_scheduler(config, run_job, args=(config_path, target), blocking=True,
                               jobstore_url=jobstore_url, trigger=trigger)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    stopping: list[int] = []

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.append(signum)
        if len(stopping) > 1 or not scheduler.running:
            log.info("still stopping: waiting for the current run to finish")
            return
        log.info("received %s: stopping after the current run", signal.Signals(signum).name)
        scheduler.shutdown(wait=True)

    def started(_event: SchedulerEvent) -> None:
        job = scheduler.get_job(JOB_ID)  # a run missed while down may be due before the trigger says
        when = job.next_run_time if job is not None else None
        say(f"Scheduled '{config.schedule.cron}' ({config.schedule.timezone}); next run "
            f"{_when(when) if when else next_run_text(trigger, zone)}. Ctrl-C or SIGTERM stops.")

    scheduler.add_listener(started, EVENT_SCHEDULER_STARTED)
    add_run_reporter(scheduler, say, trigger, zone)
    for sig in previous:
        signal.signal(sig, stop)
    try:
        if not stopping:
            scheduler.start()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    say(f"Stopped ({signal.Signals(stopping[0]).name if stopping else 'scheduler ended'}).")


# How a firing's line starts, by its exit status: failures are errors, which -q still prints;
# a partial edition is a warning, like the build's own "Warning: source failed" lines.
FIRING_PREFIX: dict[int, str] = {ExitCode.ERROR: "Error: ", ExitCode.NOTHING_TO_PUBLISH: "Error: ",
                 ExitCode.DELIVERY_FAILED: "Error: ", ExitCode.PARTIAL: "Warning: "}


def add_run_reporter(scheduler: BaseScheduler, say: Callable[[str], None], trigger: BaseTrigger,
                     zone: ZoneInfo) -> None:
    """Report each run: when it was due, its exit status and line, and the next run.

    The next run comes from the trigger, not the scheduler: the listener runs in the job's
    thread, and asking the scheduler there could wait on a shutdown waiting for that thread.
    """

    def ran(event: JobExecutionEvent) -> None:
        outcome = event.retval if isinstance(event.retval, RunOutcome) else None
        if event.code == EVENT_JOB_MISSED:
            what = "missed (later than schedule.misfire_grace_seconds)"
        elif event.exception is not None or outcome is None:
            what = f"exit {ExitCode.ERROR}: {type(event.exception).__name__}: {event.exception}"
        else:
            what = f"exit {outcome.exit_code}: {outcome.line}"
        code = outcome.exit_code if outcome is not None and event.exception is None else ExitCode.ERROR
        say(f"{FIRING_PREFIX.get(code, '')}Run due {_when(event.scheduled_run_time)}: {what} "
            f"Next run {next_run_text(trigger, zone)}.")

    scheduler.add_listener(ran, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)


def next_run_text(trigger: BaseTrigger, zone: ZoneInfo) -> str:
    """The trigger's next fire time from now, or 'none'."""
    now = datetime.now(zone)
    when = trigger.get_next_fire_time(None, now)
    return _when(when) if when is not None else "none"


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S %Z}"
