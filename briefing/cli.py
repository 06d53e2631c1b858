"""The `briefing` command: a thin layer over the library. Only it (with briefing.console) prints."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefing.choices import ALGORITHMS, FORMATS
from briefing.console import (
    CliFormatter,
    VerbosityGroup,
    closed_stdout,
    end_process,
    handle_errors,
    progress_bar,
    quiet,
    run_reporter,
    say,
    warn_failure,
)
from briefing.errors import ConfigError, ExitCode
from briefing.startup import import_scipy_sparse, long_lived
from briefing.wording import counted

# NumPy advises the kernel to back every array of 4 MB or more with huge pages; where memory is
# fragmented (a shared virtual machine) the kernel then compacts memory on the spot for each one.
# The analysis allocates and frees hundreds of such arrays once each, which gain nothing from huge
# pages: at 10,000 articles that cost 2-8 s of system time. NumPy reads this (documented) variable
# when it is first imported, which in a briefing process is after this module; a user's own setting wins.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")

if TYPE_CHECKING:
    from briefing.config import Config
    from briefing.edition import EditionReport

log = logging.getLogger(__name__)

DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Where `briefing build` looks when neither --config nor --source is given.
DEFAULT_CONFIG = Path("config/briefing.yaml")


F = TypeVar("F", bound=Callable[..., Any])


def source_option(func: F) -> F:
    """The shared --source option."""
    return click.option("--source", "sources", multiple=True, type=click.Path(),
                        help="A file or folder of articles (repeatable); no config needed.")(func)


def config_option(func: F) -> F:
    """The shared --config option."""
    return click.option("--config", "config_path", type=click.Path(path_type=Path),
                        help="YAML configuration (default: config/briefing.yaml).")(func)


@click.group(cls=VerbosityGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log details and show tracebacks (before or after the command).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bars (before or after the command).")
@click.version_option(package_name="briefing")
def cli(verbose: bool, quiet: bool) -> None:
    """Build trustworthy news briefings from many articles about one story.

    Exit status: 0 ok, 1 error, 2 usage, 3 nothing to publish, 4 published with failed sources,
    5 delivery failed for some recipient.

    Example: briefing build --config config/briefing.yaml --out out/
    """
    if verbose and quiet:
        raise click.UsageError("give -v/--verbose or -q/--quiet, not both")
    handler = logging.StreamHandler(sys.stderr)
    if verbose:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(CliFormatter())
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, handlers=[handler], force=True)


def resolve_config(config_path: Path | None, sources: tuple[str, ...] = (),
                   overrides: dict[str, Any] | None = None) -> Config:
    """The config from --config, --source or the default file, with CLI overrides."""
    # Imported here: pydantic costs ~0.1 s, which `briefing summarize` (no config) never needs.
    from briefing.config import load_config, sources_config

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
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise click.BadParameter(f"unknown format {', '.join(bad) or value!r}; allowed: {', '.join(FORMATS)}",
                                 param_hint="--format")
    return formats


class DayParam(click.ParamType):
    """A YYYY-MM-DD date; an impossible date (2026-02-30) is named as such."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """The date, or a usage error saying what is wrong with it."""
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            if DATE_SHAPE.fullmatch(text):
                self.fail(f"{text!r} is not a date of the calendar ({exc})", param, ctx)
            self.fail(f"{text!r} is not a date in the form YYYY-MM-DD, e.g. 2026-02-18", param, ctx)


@cli.command()
@config_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder (default from YAML).")
@click.option("--format", "formats", help="Any of html,txt,md,json, comma-separated (default: all).")
@click.option("--date", "day", type=DayParam(), help="Edition date, YYYY-MM-DD (default: today in schedule.timezone).")
@click.option("--title", help="The briefing's title (default from YAML, else the source's name).")
@source_option
@click.option("--send", is_flag=True, help="Also email the edition to the configured recipients.")
@click.option("--force", is_flag=True, help="With --send: send even content a recipient already has.")
@click.option("--show-evidence", is_flag=True,
              help="Under each line of the text and Markdown files, what each cited source says.")
@click.option("--about", help="What the story is about (sets `about`); articles far from it are left out.")
@click.option("--story", "story_id",
              help="Brief this story id (from `briefing stories`), `largest`, or `all` (default without a profile).")
@handle_errors
def build(config_path: Path | None, out_dir: Path | None, formats: str | None, day: date | None,
          title: str | None, sources: tuple[str, ...], send: bool, force: bool, show_evidence: bool,
          about: str | None = None, story_id: str | None = None) -> None:
    """Build the briefing and write it to the output folder.

    An edition without articles is not written (the last one stays) and exits 3; with failed
    sources it is written, lists them and exits 4; a failed delivery exits 5.

    Example: briefing build --source seeds/ --format html,json --out out/
    """
    with long_lived():  # the build's modules stay loaded until exit
        import_scipy_sparse()
        from briefing.edition import publish

    overrides = build_overrides(out_dir, formats, title, sources, config_path)
    overrides.update(focus_overrides(about, story_id, bool(sources) and config_path is None and title is None))
    config = resolve_config(config_path, sources, overrides)
    with progress_bar(len(config.sources), "Reading sources") as bar:
        report = publish(config, send=send, day=day, use_state=not sources or send, force=force,
                         progress=lambda _name: bar.update(1))
    if show_evidence:
        write_evidence(report.briefing, report.paths, config)
    tell_report(report)
    if report.exit_code == ExitCode.DELIVERY_FAILED and report.delivery is not None:
        delivery_failed(report.delivery)
    sys.exit(report.exit_code)


def delivery_failed(delivery: Any) -> None:
    """The closing error of a run whose delivery failed, or whose outcome is unknown, for a recipient."""
    if quiet():  # the report above was not printed: its failed and unknown lines are errors
        for line in delivery.describe().splitlines()[1:]:
            if line.startswith(("  failed:", "  unknown:")):
                click.echo(line, err=True)
    click.echo("Error: delivery failed for some recipient (listed above)", err=True)
    click.echo("Hint: failed deliveries are retried on the next run; one of unknown outcome only by "
               "`briefing send --force` (check first that it did not arrive)", err=True)


def default_title(sources: tuple[str, ...]) -> str:
    """The title of a config-less build: the source's name ('Briefing' for several)."""
    from briefing.config import source_label

    names = [Path(source_label(s)).stem if Path(s).is_file() else source_label(s) for s in sources]
    return names[0] if len(names) == 1 else "Briefing"


def write_evidence(briefing: Any, paths: Sequence[Path], config: Config) -> None:
    """Rewrite the text and Markdown files with each point's evidence (the HTML always holds it)."""
    from briefing.deliver import write_atomic
    from briefing.render import render

    for path in paths:
        fmt = {".txt": "txt", ".md": "md"}.get(path.suffix)
        if fmt:
            write_atomic(path, render(briefing, fmt, config.output.templates, evidence=True))


def build_overrides(out_dir: Path | None, formats: str | None, title: str | None,
                    sources: tuple[str, ...], config_path: Path | None) -> dict[str, Any]:
    """The configuration keys the build's options set: output folder, formats, title."""
    overrides: dict[str, Any] = {"output": {}}
    if out_dir is not None:
        overrides["output"]["dir"] = str(out_dir.resolve())
    if (chosen := parse_formats(formats)) is not None:
        overrides["output"]["formats"] = chosen
    if title is not None:
        overrides["title"] = title
    elif sources and config_path is None:
        overrides["title"] = default_title(sources)
    return overrides


def tell_report(report: EditionReport) -> None:
    """What the build wrote, which sources failed, what was off the story, and the delivery."""
    for path in report.paths:
        say(f"Wrote {path}")
    for failure in report.briefing.failures:
        warn_failure(failure)
    if report.briefing.off_topic:
        say(f"Not about this story: {len(report.briefing.off_topic)} articles "
            f"({len(report.briefing.other_stories)} other stories, listed in the edition)")
    if report.delivery is not None:
        say(report.delivery.describe())
    say(report.summary)


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
    with long_lived():  # these modules stay loaded until exit
        import_scipy_sparse()
        from briefing.ingest import read_named_documents
        from briefing.summarize import SummaryOptions, summarize_documents

    if max_words and sentences:
        raise click.UsageError("give --max-words or --sentences, not both")
    documents = read_named_documents(files, sys.stdin)
    read = [d.text for d in read_named_documents(seen, sys.stdin)] if seen else []
    options = SummaryOptions(algorithm=algorithm, sentences=sentences or (None if max_words else 6),
                             max_words=max_words, focus=tuple((f,) for f in focus if f.strip()))
    points = summarize_documents([d.text for d in documents], options, seen=read,
                                 clean=False, cite=fmt == "json")  # read_named_documents cleaned them
    if fmt == "json":
        names = document_names(documents)
        click.echo(json.dumps([{"text": p.text, "sources": [names.get(s, s) for s in p.sources]} for p in points],
                              ensure_ascii=False, indent=2))
    else:
        for point in points:
            click.echo(point.text)


def document_names(documents: list[Any]) -> dict[str, str]:
    """summarize_documents' ids (doc1, doc2...) -> the file each document came from."""
    names = {f"doc{number}": d.name for number, d in enumerate(documents, start=1)}
    counts = {name: list(names.values()).count(name) for name in set(names.values())}
    seen: dict[str, int] = {}
    for ident, name in names.items():  # a JSON list file holds several documents: number them
        if counts[name] > 1:
            seen[name] = seen.get(name, 0) + 1
            names[ident] = f"{name}#{seen[name]}"
    return names


@cli.command(name="check-config")
@config_option
@click.option("--offline", is_flag=True, help="Validate only; do not contact feeds or the mail server.")
@handle_errors
def check_config(config_path: Path | None, offline: bool) -> None:
    """Validate the YAML, probe each source, the schedule and (with recipients) the SMTP server; exits 1 if any fails.

    Example: briefing check-config --config config/briefing.yaml
    """
    from briefing.ingest import check_sources
    from briefing.mail import probe_smtp
    from briefing.schedule import schedule_check

    config = resolve_config(config_path)
    say(f"Configuration valid: {config.path or 'defaults'}: {len(config.sources)} sources, "
        f"{len(config.issues)} issues")
    checks = [*check_sources(config, offline=offline), schedule_check(config)]
    lines = [(check.ok, f"  {check.line}") for check in checks]
    if not config.sources:
        lines.insert(0, (False, "  sources: FAILED: no sources configured (list a 'path' (file, folder or glob) "
                                "or a feed 'url' under 'sources:')"))
    if config.email.recipients and not offline:
        smtp = probe_smtp(config.smtp)
        lines.append((smtp.ok, f"  smtp: {smtp.line}"))
    for ok, line in lines:
        show_check(ok, line)
    failed = sum(1 for ok, _ in lines if not ok)
    if failed:
        click.echo(f"Error: {failed} of {len(lines)} checks failed (listed above)", err=True)
        sys.exit(ExitCode.ERROR)
    say(f"OK: all {len(lines)} checks passed")


def show_check(ok: bool, line: str) -> None:
    """A passed check unless --quiet; a failed one always (on stderr under --quiet)."""
    if ok:
        say(line)
    else:
        click.echo(line, err=quiet())


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
@click.option("--edition", "edition_id", type=click.IntRange(min=1),
              help="Edition id (default: the latest built).")
@click.option("--force", is_flag=True, help="Also resend deliveries whose outcome is unknown.")
@handle_errors
def send(config_path: Path | None, edition_id: int | None, force: bool) -> None:
    """Email an edition built earlier to the configured recipients (never twice); exits 5 if one fails.

    Example: briefing send --config config/briefing.yaml
    """
    from briefing.edition import send_built

    config = resolve_config(config_path)
    report = send_built(config, edition_id, force=force)
    say(report.describe())
    if report.failed or report.unknown:
        delivery_failed(report)
        sys.exit(ExitCode.DELIVERY_FAILED)


@cli.command()
@config_option
@handle_errors
def run(config_path: Path | None) -> None:
    """Run the daily job on the configured schedule until stopped (SIGTERM/SIGINT).

    Prints the schedule and the next run at start, one line per run (exit status and the next
    run) and one line at stop.

    Example: briefing run --config config/briefing.yaml
    """
    from briefing.schedule import checked_trigger, run_forever

    config = resolve_config(config_path)
    checked_trigger(config)  # a bad schedule is reported before anything else
    report = run_reporter(quiet())
    for line in destinations(config):
        report(line)
    run_forever(config, str(config.path or DEFAULT_CONFIG.resolve()), report=report)


def destinations(config: Config) -> list[str]:
    """Where the daily job's editions go, with a warning when they go nowhere or only to files."""
    formats = ", ".join(config.output.formats)
    lines = [f"Editions are written to {config.output.dir} ({formats})." if formats else
             "Warning: output.formats is empty: editions are written nowhere."]
    if config.email.recipients:
        lines.append(f"Editions are emailed to {len(config.email.recipients)} recipients via "
                     f"{config.smtp.host}:{config.smtp.port} (email.resend: {config.email.resend}).")
    elif formats:
        lines.append("Warning: no email.recipients: editions are only written to files, not emailed.")
    else:
        lines.append("Warning: no email.recipients either: every edition goes nowhere.")
    return lines


def main() -> None:
    """Console entry point."""
    try:
        cli(prog_name="briefing")
    except BrokenPipeError:  # outside a command (--help | head)
        closed_stdout()
    except SystemExit as exc:  # how click ends every command
        if threading.active_count() > 1:  # a thread still runs: Python's own exit waits for it
            raise
        end_process(exc.code)


def focus_overrides(about: str | None, story_id: str | None, profile_less: bool = False) -> dict[str, Any]:
    """Config overrides of --about and --story; a config-less build without them briefs every article.

    Its title is made of a folder's name, which is no story profile.
    """
    overrides: dict[str, Any] = {}
    if about is not None:
        overrides["about"] = about
    if story_id is not None or (profile_less and about is None):
        overrides["focus"] = {"story": story_id or "all"}
    return overrides


@cli.command(name="stories")
@config_option
@source_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@handle_errors
def stories_cmd(config_path: Path | None, sources: tuple[str, ...], fmt: str) -> None:
    """Group the articles of the sources into stories: id, label, articles, outlets, time span.

    With a configuration (no --source), stories continue those of its state database and carry
    the ids `build --story` takes; nothing is saved.

    Example: briefing stories --source feeds/world/ --format json
    """
    with long_lived():  # these modules stay loaded until exit
        import_scipy_sparse()
        from briefing.edition import edition_day
        from briefing.focus import listed_stories
        from briefing.pipeline import read_corpus
        from briefing.render import stories_json

    config = resolve_config(config_path, sources)
    corpus = read_corpus(config)
    for failure in corpus.failures:
        warn_failure(failure)
    # With a config's state database (as `build` uses it), the ids are those the story memory gives.
    found = listed_stories(config, corpus.articles, not sources, edition_day(config))
    if fmt == "json":
        click.echo(json.dumps(stories_json(found), ensure_ascii=False, indent=2))
        return
    for story in found:
        span = " to ".join(sorted({f"{d:%Y-%m-%d}" for d in (story.first, story.last) if d})) or "undated"
        click.echo(f"{story.id}  {counted(len(story.articles), 'article')}, {counted(len(story.outlets), 'outlet')}, "
                   f"{span}: {story.label}")
        for article in story.articles:
            click.echo(f"    {article.title or Path(article.path).name or article.url}")
    click.echo(f"Done: {counted(len(corpus.articles), 'article')} in {counted(len(found), 'story', 'stories')}.")
