"""Scheduling: real APScheduler schedulers with the persistent job store in the state database.

The job delivers the latest edition through a real SMTP server on 127.0.0.1;
restarts and two schedulers on one database still deliver each edition once.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from apscheduler.schedulers.base import BaseScheduler
from pgserver import pg_server_fixture, pg_url_fixture  # noqa: F401  (fixtures)
from smtpserver import SmtpServer, smtp_server_fixture  # noqa: F401  (fixture)

from briefing.config import Config, ScheduleConfig, database_url, load_config
from briefing.errors import ConfigError
from briefing.mail import make_message_factory, send_edition
from briefing.schedule import JOB_ID, crontab_weekdays, current_slot, make_scheduler, make_trigger, run_job
from briefing.state import DeliveryStatus, State

pytestmark = pytest.mark.timeout(60)

READERS = ["ana@example.org", "ben@example.net"]
TARGET = "test_schedule:deliver_latest"
TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def deliver_latest(config_path: str) -> None:
    """The job under test: email the latest edition (claims make it exactly-once), log the run."""
    config = load_config(config_path)
    state = State(database_url(config))
    edition = state.latest_edition()
    assert edition is not None
    factory = make_message_factory(edition.title, edition.date, "Talks resume.", "<p>Talks resume.</p>",
                                   config.email)
    send_edition(state, edition.id, factory, config.smtp, config.email)
    with open(Path(config_path).with_name("runs.log"), "a", encoding="utf-8") as runs:
        runs.write(f"{os.getpid()}\n")
    state.close()


def slow_job(config_path: str) -> None:
    """A job that takes a second, leaving marks before and after."""
    folder = Path(config_path).parent
    (folder / "started").touch()
    time.sleep(1.0)
    (folder / "finished").touch()


def write_config(folder: Path, smtp: SmtpServer | None = None, database: str = "state.db",
                 **schedule: object) -> Path:
    data = {
        "title": "Trade talks",
        "state": {"database": database},
        "email": {"sender": "briefing@news.example", "recipients": READERS},
        "schedule": {"cron": "0 6 * * *", "timezone": "Europe/Berlin", **schedule},
    }
    if smtp is not None:
        data["smtp"] = {"host": smtp.host, "port": smtp.port, "security": "none", "timeout": 10}
    path = folder / "briefing.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def config_path(request: pytest.FixtureRequest, tmp_path: Path, smtp_server: SmtpServer) -> Path:
    """A config whose state database (and job store) is a SQLite file or a PostgreSQL database."""
    database = "state.db" if request.param == "sqlite" else str(request.getfixturevalue("pg_url"))
    return write_config(tmp_path, smtp_server, database)


@pytest.fixture
def config(config_path: Path) -> Config:
    return load_config(config_path)


@pytest.fixture
def schedulers() -> Iterator[list[BaseScheduler]]:
    """Schedulers started by a test; all shut down afterwards."""
    started: list[BaseScheduler] = []
    yield started
    for scheduler in started:
        if scheduler.running:
            scheduler.shutdown(wait=True)


def start(config: Config, config_path: Path, started: list[BaseScheduler],
          paused: bool = False) -> BaseScheduler:
    scheduler = make_scheduler(config, run_job, args=(str(config_path), TARGET), blocking=False)
    scheduler.start(paused=paused)
    started.append(scheduler)
    return scheduler


def run_now(scheduler: BaseScheduler, when: datetime | None = None) -> None:
    """Move the daily job's next run to now (or ``when``): the cron trigger schedules the runs after it."""
    scheduler.modify_job(JOB_ID, next_run_time=when or datetime.now(UTC))


def runs(config_path: Path) -> int:
    log = config_path.with_name("runs.log")
    return len(log.read_text().splitlines()) if log.exists() else 0


def wait_for(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def new_edition(config: Config, day: date = date(2026, 3, 14)) -> int:
    state = State(database_url(config))
    edition_id = state.record_edition(day, config.title, {}, None, ())
    state.close()
    return edition_id


def assert_delivered_once(server: SmtpServer, editions: int = 1) -> None:
    assert {r: len(server.to(r)) for r in READERS} == dict.fromkeys(READERS, editions)


def test_cron_and_time_zone_come_from_the_config() -> None:
    trigger = make_trigger(ScheduleConfig(cron="30 6 * * 1-5", timezone="Europe/Berlin"))
    moment = datetime(2026, 3, 13, 12, 0, tzinfo=UTC)  # a Friday
    fires = []
    for _ in range(5):
        moment = trigger.get_next_fire_time(None, moment + timedelta(seconds=1))
        fires.append(moment)
    assert [f.strftime("%a %H:%M") for f in fires] == ["Mon 06:30", "Tue 06:30", "Wed 06:30", "Thu 06:30",
                                                        "Fri 06:30"]
    assert fires[0].astimezone(UTC).hour == 5, "06:30 in Berlin is 05:30 UTC in March"


def test_crontab_weekday_numbers_count_from_sunday() -> None:
    assert crontab_weekdays("0") == crontab_weekdays("7") == "sun"
    assert crontab_weekdays("1-5") == "mon,tue,wed,thu,fri"
    assert crontab_weekdays("*/2") == "sun,tue,thu,sat"
    assert crontab_weekdays("sat,sun") == "sat,sun"


@pytest.mark.parametrize(("cron", "zone", "key"), [
    ("61 6 * * *", "UTC", "schedule.cron"),
    ("0 6 * *", "UTC", "schedule.cron"),
    ("0 6 * * 9", "UTC", "schedule.cron"),
    ("0 6 1 * 1", "UTC", "schedule.cron"),
    ("0 6 * * *", "Mars/Olympus_Mons", "schedule.timezone"),
])
def test_invalid_schedule_names_the_key(cron: str, zone: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        make_trigger(ScheduleConfig(cron=cron, timezone=zone))


def test_job_must_be_importable(config: Config) -> None:
    with pytest.raises(ValueError, match="importable"):
        make_scheduler(config, lambda: None, blocking=False)


def test_scheduler_fires_the_job_and_the_cron_schedules_the_next_run(
        config: Config, config_path: Path, smtp_server: SmtpServer, schedulers: list[BaseScheduler]) -> None:
    edition_id = new_edition(config)
    scheduler = start(config, config_path, schedulers)
    job = scheduler.get_job(JOB_ID)
    assert job is not None and job.func_ref == "briefing.schedule:run_job"
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 3600)
    run_now(scheduler)
    wait_for(lambda: runs(config_path) == 1)
    statuses = {d.recipient: d.status for d in State(database_url(config)).deliveries(edition_id)}
    assert statuses == dict.fromkeys(READERS, DeliveryStatus.SENT)
    assert_delivered_once(smtp_server)
    job = scheduler.get_job(JOB_ID)
    assert job is not None
    next_run = job.next_run_time.astimezone(job.trigger.timezone)
    assert (next_run.hour, next_run.minute) == (6, 0) and next_run > datetime.now(UTC)


def test_restart_and_two_schedulers_deliver_each_edition_once(
        config: Config, config_path: Path, smtp_server: SmtpServer, schedulers: list[BaseScheduler]) -> None:
    new_edition(config)
    first = start(config, config_path, schedulers)
    second = start(config, config_path, schedulers)  # a second scheduler on the same database
    run_now(first)
    run_now(second)  # both may run it at once
    wait_for(lambda: runs(config_path) >= 1)
    done = runs(config_path)
    run_now(second)  # the other scheduler runs the job again: its claims find everything sent
    wait_for(lambda: runs(config_path) > done)
    first.shutdown(wait=True)
    second.shutdown(wait=True)
    assert_delivered_once(smtp_server)

    new_edition(config, date(2026, 3, 15))  # the next day's edition, after a restart
    done = runs(config_path)
    restarted = start(config, config_path, schedulers)
    run_now(restarted)
    wait_for(lambda: runs(config_path) > done)
    restarted.shutdown(wait=True)
    assert_delivered_once(smtp_server, editions=2)


def test_a_run_missed_while_down_fires_once_at_start_within_the_grace_time(
        config: Config, config_path: Path, smtp_server: SmtpServer, schedulers: list[BaseScheduler]) -> None:
    new_edition(config)
    down = start(config, config_path, schedulers, paused=True)
    run_now(down, datetime.now(UTC) - timedelta(minutes=5))  # due five minutes ago, while nobody ran
    down.shutdown(wait=True)
    start(config, config_path, schedulers)
    wait_for(lambda: runs(config_path) == 1)
    time.sleep(0.3)
    assert runs(config_path) == 1, "coalesced: one run, not one per missed time"
    assert_delivered_once(smtp_server)


def test_a_run_missed_beyond_the_grace_time_is_skipped(
        tmp_path: Path, smtp_server: SmtpServer, schedulers: list[BaseScheduler]) -> None:
    config_path = write_config(tmp_path, smtp_server, misfire_grace_seconds=60)
    config = load_config(config_path)
    new_edition(config)
    down = start(config, config_path, schedulers, paused=True)
    run_now(down, datetime.now(UTC) - timedelta(hours=2))
    down.shutdown(wait=True)
    restarted = start(config, config_path, schedulers)
    wait_for(lambda: (job := restarted.get_job(JOB_ID)) is not None and job.next_run_time > datetime.now(UTC))
    time.sleep(0.3)
    assert runs(config_path) == 0 and smtp_server.received == []


def test_run_job_resolves_the_target_and_contains_briefing_errors(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="briefing.schedule")
    config_path = write_config(tmp_path)  # no editions in this database: the job's own errors surface
    with pytest.raises(AssertionError):
        run_job(str(config_path), TARGET)
    bad = tmp_path / "broken.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    outcome = run_job(str(bad), TARGET)
    assert outcome.exit_code == 1 and "invalid YAML" in outcome.line
    assert "exit status 1" in caplog.text and "invalid YAML" in caplog.text
    # `briefing run` prints one line per firing, "Error:"/"Warning:" by its status: the job's own
    # record of it is a detail (-v), not a second warning line on the console.
    finished = [r for r in caplog.records if r.getMessage().startswith("scheduled run finished")]
    assert finished and all(r.levelno == logging.INFO for r in finished)


RUN_FOREVER = """
import logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stderr)
from briefing.config import load_config
from briefing.schedule import run_forever
run_forever(load_config(sys.argv[1]), sys.argv[1], target="test_schedule:slow_job")
"""


def test_run_forever_finishes_the_current_run_on_sigterm(tmp_path: Path,
                                                         schedulers: list[BaseScheduler]) -> None:
    config_path = write_config(tmp_path)
    config = load_config(config_path)
    down = make_scheduler(config, run_job, args=(str(config_path), "test_schedule:slow_job"), blocking=False)
    down.start(paused=True)
    run_now(down)  # due now: `briefing run` starts it at once
    down.shutdown(wait=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(ROOT)])}
    child = subprocess.Popen([sys.executable, "-c", RUN_FOREVER, str(config_path)], env=env, cwd=tmp_path,
                             stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: (tmp_path / "started").exists() or child.poll() is not None, 30)
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, stderr
    assert (tmp_path / "finished").exists(), "the run in progress was finished before exiting"
    assert "received SIGTERM" in stderr and "Stopped (SIGTERM)." in stderr
    assert "scheduled run finished" in stderr


def test_current_slot_is_the_latest_fire_time() -> None:
    daily = ScheduleConfig(cron="0 6 * * *", timezone="UTC")
    assert current_slot(daily, datetime(2026, 2, 18, 6, 0, 30, tzinfo=UTC)) == datetime(2026, 2, 18, 6, tzinfo=UTC)
    assert current_slot(daily, datetime(2026, 2, 18, 5, 59, tzinfo=UTC)) == datetime(2026, 2, 17, 6, tzinfo=UTC)
    weekly = ScheduleConfig(cron="0 6 * * 1", timezone="UTC")
    assert current_slot(weekly, datetime(2026, 2, 18, 7, 0, 5, tzinfo=UTC)) == datetime(2026, 2, 18, 7, tzinfo=UTC)
