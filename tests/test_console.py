"""The CLI's terminal side: messages, progress bars, log lines and the verbosity flags."""

from __future__ import annotations

import logging
import threading

import click
import pytest
from click.testing import CliRunner

from briefing.console import CliFormatter, NullProgressBar, VerbosityGroup, progress_bar, quiet, run_reporter, say


@pytest.mark.parametrize("silent", [False, True])
def test_run_lines_print_from_a_thread_without_click_context_unless_quiet(capsys: pytest.CaptureFixture[str],
                                                                           silent: bool) -> None:
    report = run_reporter(silent)
    worker = threading.Thread(target=report, args=("Run due 2026-02-18 06:00:00 UTC: exit 0: Done.",))
    worker.start()  # the scheduler calls it from its own thread, where click has no context
    worker.join()
    report("Warning: no email.recipients: editions are only written to files, not emailed.")
    report("Error: Run due 2026-02-19 06:00:00 UTC: exit 3: nothing to publish.")
    printed = capsys.readouterr()
    failed = "Error: Run due 2026-02-19 06:00:00 UTC: exit 3: nothing to publish.\n"
    assert (printed.out, printed.err) == (("", failed) if silent else (
        "Run due 2026-02-18 06:00:00 UTC: exit 0: Done.\n",
        "Warning: no email.recipients: editions are only written to files, not emailed.\n" + failed))


def test_log_records_read_as_the_clis_own_warnings() -> None:
    record = logging.LogRecord("briefing.fetch", logging.WARNING, __file__, 1, "feed %s is slow", ("a",), None)
    assert CliFormatter().format(record) == "Warning: feed a is slow"


def test_without_a_terminal_the_progress_bar_is_silent() -> None:
    with progress_bar(10, "Reading") as bar:  # pytest's stderr is no terminal
        bar.update(3)
    assert isinstance(bar, NullProgressBar)


def test_quiet_and_verbose_count_before_or_after_the_command_and_say_obeys_them() -> None:
    @click.group(cls=VerbosityGroup)
    @click.option("-q", "--quiet", is_flag=True)
    @click.option("-v", "--verbose", is_flag=True)
    def group(**flags: bool) -> None:
        """A test group."""

    @group.command()
    def hello() -> None:
        say(f"hello (quiet={quiet()})")

    runner = CliRunner()
    assert runner.invoke(group, ["hello"]).output == "hello (quiet=False)\n"
    assert runner.invoke(group, ["hello", "-q"]).output == ""
    assert runner.invoke(group, ["-q", "hello"]).output == ""
