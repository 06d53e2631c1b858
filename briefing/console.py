"""The CLI's side of the terminal: its messages, progress bars, error reports and exit.

`briefing.cli` declares the commands; this module is how they print, fail and end.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from briefing.errors import BriefingError, NothingToPublishError
from briefing.models import Failure

F = TypeVar("F", bound=Callable[..., Any])

# The exit status of a command whose stdout was closed by its reader: 128 + SIGPIPE's number,
# what a shell reports for a program killed by SIGPIPE (Python ignores the signal).
CLOSED_STDOUT_EXIT = 141


def handle_errors(func: F) -> F:
    """Turn BriefingError into `Error: ...` and exit code 1; tracebacks only with --verbose."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = click.get_current_context().find_root().params.get("verbose", False)
        try:
            return func(*args, **kwargs)
        except NothingToPublishError as exc:
            for failure in exc.failures:
                warn_failure(failure)
            click.echo(f"Error: {exc.args[0]}", err=True)
            click.echo(f"Hint: {exc.hint}", err=True)
            sys.exit(exc.exit_code)
        except BriefingError as exc:
            if verbose:
                raise
            for line in str(exc.args[0] if exc.args else exc).splitlines():
                click.echo(line if line.startswith(("  ", "Error:", "Hint:")) else f"Error: {line}", err=True)
            if exc.hint:
                click.echo(f"Hint: {exc.hint}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # the reader went away (`briefing stories | head`): stop quietly
            closed_stdout()
        except (click.ClickException, click.exceptions.Exit, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if verbose:
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
            click.echo("Hint: run with --verbose for the traceback and report it", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def closed_stdout() -> None:
    """Exit silently with 141 (128 + SIGPIPE, as a shell reports it) when stdout's reader has gone."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush of stdout must not fail again
    except (OSError, ValueError):
        pass
    sys.exit(CLOSED_STDOUT_EXIT)


# The verbosity flags, accepted before or after the command's name.
VERBOSITY_FLAGS = ("-v", "--verbose", "-q", "--quiet")


class VerbosityGroup(click.Group):
    """A group that takes -q/-v anywhere on the line (`briefing build -q` as `briefing -q build`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move verbosity flags given after the command in front of it (up to a `--`)."""
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in VERBOSITY_FLAGS]
        rest = [a for a in args[:end] if a not in VERBOSITY_FLAGS] + args[end:]
        return super().parse_args(ctx, flags + rest)


class CliFormatter(logging.Formatter):
    """Log records as the CLI's own messages ("Warning: ..."), without tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        """'Warning: message' (the level, capitalised, then the message)."""
        return f"{record.levelname.capitalize()}: {record.getMessage()}"


def quiet() -> bool:
    """Whether -q/--quiet was given (also in threads without a click context, as `run`'s scheduler)."""
    context = click.get_current_context(silent=True)
    if context is None:
        return logging.getLogger().getEffectiveLevel() > logging.WARNING  # -q set the root level to ERROR
    return bool(context.find_root().params.get("quiet", False))


def say(message: str, err: bool = False) -> None:
    """Print a progress or result line unless --quiet."""
    if not quiet():
        click.echo(message, err=err)


def warn_failure(failure: Failure) -> None:
    """One warning line per failed source, with its hint."""
    hint = f" ({failure.hint})" if failure.hint else ""
    reason = failure.reason.removeprefix(f"{failure.source}: ")  # a file's reason often starts with its path
    say(f"Warning: source failed: {failure.source}: {reason}{hint}", err=True)


class NullProgressBar:
    """Stands in for a progress bar when output is not a terminal or --quiet is set."""

    def __enter__(self) -> NullProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        """Do nothing."""


def progress_bar(length: int, label: str) -> Any:
    """A progress bar on stderr when it is a terminal and not --quiet; else a silent stand-in."""
    if quiet() or length < 2 or not sys.stderr.isatty():
        return NullProgressBar()
    return click.progressbar(length=length, label=label, file=sys.stderr)


def run_reporter(silent: bool) -> Callable[[str], None]:
    """`run`'s line printer: errors and warnings to stderr, the rest to stdout; only errors under -q.

    It is called from the scheduler's threads, which have no click context: -q is read once, here.
    """

    def report(line: str) -> None:
        error = line.startswith("Error")
        if error or not silent:
            click.echo(line, err=error or line.startswith("Warning"))

    return report


def end_process(code: object) -> NoReturn:
    """Exit as sys.exit(code) does, without freeing the process's objects one by one first.

    Freeing the loaded modules and the spaCy pipeline took ~0.04 s of a seeds build; the system
    frees the memory at once. What Python's exit does that matters is done here: the atexit
    handlers (logging's flush, weakref finalizers) and flushing stdout and stderr.
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        status = CLOSED_STDOUT_EXIT if status == 0 else status
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)
