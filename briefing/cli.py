"""The `briefing` command: a thin layer over the library. Only this module prints."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

import click

from briefing.config import ALGORITHMS, FORMATS, Config, load_config, sources_config
from briefing.errors import BriefingError, ConfigError

log = logging.getLogger(__name__)

# Where `briefing build` looks when neither --config nor --source is given.
DEFAULT_CONFIG = Path("config/briefing.yaml")

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn BriefingError into `Error: ...` and exit code 1; tracebacks only with --verbose."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        verbose = click.get_current_context().find_root().params.get("verbose", False)
        try:
            return func(*args, **kwargs)
        except BriefingError as exc:
            if verbose:
                raise
            click.echo(f"Error: {exc.args[0] if exc.args else exc}", err=True)
            if exc.hint:
                click.echo(f"Hint: {exc.hint}", err=True)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if verbose:
                raise
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
            click.echo("Hint: run with --verbose for the traceback and report it", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def config_option(func: F) -> F:
    """The shared --config option."""
    return click.option("--config", "config_path", type=click.Path(path_type=Path),
                        help="YAML configuration (default: config/briefing.yaml).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log details and show tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bars.")
@click.version_option(package_name="briefing")
def cli(verbose: bool, quiet: bool) -> None:
    """Build trustworthy news briefings from many articles about one story.

    Example: briefing build --config config/briefing.yaml --out out/
    """
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                        force=True)


def resolve_config(config_path: Path | None, sources: tuple[str, ...] = (),
                   overrides: dict[str, Any] | None = None) -> Config:
    """The config from --config, --source or the default file, with CLI overrides."""
    overrides = dict(overrides or {})
    if sources:
        overrides.update(sources_config(list(sources)))
    if config_path is None and not sources:
        if not DEFAULT_CONFIG.exists():
            raise ConfigError(f"no configuration: {DEFAULT_CONFIG} not found",
                              "pass --config FILE, or --source PATH to brief files without a config")
        config_path = DEFAULT_CONFIG
    return load_config(config_path, overrides)


def parse_formats(value: str | None) -> list[str] | None:
    """--format html,txt -> ['html', 'txt'], validated."""
    if value is None:
        return None
    formats = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"unknown format {', '.join(bad) or value!r}; allowed: {', '.join(FORMATS)}",
                                 param_hint="--format")
    return formats


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
    quiet = click.get_current_context().find_root().params.get("quiet", False)
    if quiet or length < 2 or not sys.stderr.isatty():
        return NullProgressBar()
    return click.progressbar(length=length, label=label, file=sys.stderr)


def edition_time(day: date | None) -> datetime:
    """The edition's timestamp: now, or noon UTC of --date."""
    if day is None:
        return datetime.now(UTC)
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


@cli.command()
@config_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder (default from YAML).")
@click.option("--format", "formats", help="Any of html,txt,md,json, comma-separated (default: all).")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Edition date, YYYY-MM-DD.")
@click.option("--source", "sources", multiple=True, type=click.Path(),
              help="A file or folder of articles (repeatable); no config needed.")
@click.option("--send", is_flag=True, help="Also email the edition to the configured recipients.")
@handle_errors
def build(config_path: Path | None, out_dir: Path | None, formats: str | None, day: datetime | None,
          sources: tuple[str, ...], send: bool) -> None:
    """Build the briefing and write it to the output folder.

    Example: briefing build --source seeds/ --format html,json --out out/
    """
    from briefing.edition import publish

    overrides: dict[str, Any] = {"output": {}}
    if out_dir is not None:
        overrides["output"]["dir"] = str(out_dir.resolve())
    if (chosen := parse_formats(formats)) is not None:
        overrides["output"]["formats"] = chosen
    config = resolve_config(config_path, sources, overrides)
    with progress_bar(len(config.sources), "Reading sources") as bar:
        report = publish(config, now=edition_time(day.date() if day else None), send=send,
                         use_state=not sources or send, progress=lambda _name: bar.update(1))
    for path in report.paths:
        click.echo(f"Wrote {path}")
    if report.delivery is not None:
        click.echo(report.delivery.describe())
    for failure in report.briefing.failures:
        click.echo(f"Warning: source failed: {failure.source}: {failure.reason}", err=True)
    click.echo(report.summary)


@cli.command(name="summarize")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--max-words", type=click.IntRange(min=1), help="Word budget of the summary.")
@click.option("--sentences", type=click.IntRange(min=1), help="Sentence budget (default 6 without --max-words).")
@click.option("--algorithm", type=click.Choice(ALGORITHMS), default="coverage", show_default=True,
              help="Summarization algorithm.")
@click.option("--focus", multiple=True, metavar="TEXT",
              help="What the reader wants to know (a question or topic words); repeatable (coverage only).")
@click.option("--seen", multiple=True, type=click.Path(), metavar="FILE",
              help="An article the reader has already read: prefer what it did not say; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def summarize_cmd(files: tuple[str, ...], max_words: int | None, sentences: int | None, algorithm: str,
                  focus: tuple[str, ...], seen: tuple[str, ...], fmt: str) -> None:
    """Print an extractive summary of article files (one file = one document; - reads stdin).

    Example: briefing summarize --max-words 100 docs/*.txt --focus "ceasefire terms" --seen old/a.txt
    """
    from briefing.ingest import read_documents
    from briefing.summarize import SummaryOptions, summarize_documents

    if max_words and sentences:
        raise click.UsageError("give --max-words or --sentences, not both")
    texts = read_documents(files, sys.stdin)
    read = read_documents(seen, sys.stdin) if seen else []
    options = SummaryOptions(algorithm=algorithm, sentences=sentences or (None if max_words else 6),
                             max_words=max_words, focus=tuple((f,) for f in focus if f.strip()))
    points = summarize_documents(texts, options, seen=read, clean=False)  # read_documents cleaned them
    if fmt == "json":
        click.echo(json.dumps([{"text": p.text, "sources": list(p.sources)} for p in points],
                              ensure_ascii=False, indent=2))
    else:
        for point in points:
            click.echo(point.text)


@cli.command(name="check-config")
@config_option
@click.option("--offline", is_flag=True, help="Validate only; do not contact feeds.")
@handle_errors
def check_config(config_path: Path | None, offline: bool) -> None:
    """Validate the YAML and report each source's reachability.

    Example: briefing check-config --config config/briefing.yaml
    """
    from briefing.ingest import check_sources

    config = resolve_config(config_path)
    click.echo(f"OK: {config.path or 'defaults'}: {len(config.sources)} sources, {len(config.issues)} issues")
    for line in check_sources(config, offline=offline):
        click.echo(f"  {line}")


@cli.command()
@config_option
@handle_errors
def sources(config_path: Path | None) -> None:
    """List the configured sources with their last fetch status.

    Example: briefing sources --config config/briefing.yaml
    """
    from briefing.ingest import source_statuses

    config = resolve_config(config_path)
    for line in source_statuses(config):
        click.echo(line)


@cli.command()
@config_option
@click.option("--edition", "edition_id", type=int, help="Edition id (default: the latest built).")
@click.option("--force", is_flag=True, help="Also resend deliveries whose outcome is unknown.")
@handle_errors
def send(config_path: Path | None, edition_id: int | None, force: bool) -> None:
    """Email an edition built earlier to the configured recipients (never twice).

    Example: briefing send --config config/briefing.yaml
    """
    from briefing.edition import send_built

    config = resolve_config(config_path)
    report = send_built(config, edition_id, force=force)
    click.echo(report.describe())
    if report.failed:
        sys.exit(1)


@cli.command()
@config_option
@handle_errors
def run(config_path: Path | None) -> None:
    """Run the daily job on the configured schedule until stopped (SIGTERM/SIGINT).

    Example: briefing run --config config/briefing.yaml
    """
    from briefing.schedule import run_forever

    config = resolve_config(config_path)
    click.echo(f"Scheduling '{config.schedule.cron}' ({config.schedule.timezone}); Ctrl-C stops.")
    run_forever(config, str(config.path or DEFAULT_CONFIG.resolve()))


def main() -> None:
    """Console entry point."""
    cli(prog_name="briefing")
