"""Packaged defaults + the user's YAML -> one validated, typed Config.

Validation happens once, here. Errors name the file, the line, the key and
what is allowed. Relative paths resolve against the YAML file's folder.
"""

from __future__ import annotations

import difflib
import logging
import typing
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, IPvAnyNetwork, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from briefing.choices import ALGORITHMS, FORMATS, Algorithm, Format  # noqa: F401  (ALGORITHMS re-exported)
from briefing.errors import ConfigError
from briefing.yamlfile import read_yaml

log = logging.getLogger(__name__)

# How alike a misspelt key and a real one must be (difflib ratio) to suggest it: 0.75 takes
# "algoritm" -> "algorithm" and "recipents" -> "recipients", not "dir" -> "id".
DID_YOU_MEAN_CUTOFF = 0.75
# Characters that make a source path a glob ("arts/*.txt"), whose folder names the source.
GLOB_CHARACTERS = "*?["
# How to fix the errors of this module's own rules, and of a single value given for a list.
RULE_HINTS = {
    "email_address": "write an address such as name@example.org, or 'Desk <name@example.org>'",
    "list_type": "write a YAML list, e.g. [a, b], or one '- value' line per item",
    "subject_format": "use only {title} and {date}, e.g. '{title} — {date:%d %B %Y}'",
    "duplicate_name": "give each source its own name: it labels the source's articles and its fetch status",
}


def _address(value: str) -> str:
    """An email address ("a@b.org" or "Name <a@b.org>"), else a located error."""
    address = parseaddr(value)[1]
    local, at, domain = address.rpartition("@")
    if not (at and local and domain) or "@" in local or any(ch.isspace() for ch in address):
        raise PydanticCustomError("email_address", "not an email address")
    return value


EmailAddress = Annotated[str, AfterValidator(_address)]


def _subject(value: str) -> str:
    """An email.subject that formats with {title} and {date} (strftime specs allowed), else a located error."""
    try:
        value.format(title="Title", date=date(2026, 1, 1))
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise PydanticCustomError("subject_format", "cannot be formatted: {problem}",
                                  {"problem": f"{type(exc).__name__}: {exc}"}) from None
    return value


class Strict(BaseModel):
    """Base for config sections: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(Strict):
    """One source: a local file/folder/glob (path) or an RSS/Atom feed (url)."""

    name: str
    path: Path | None = None
    url: str | None = None
    publisher: str | None = None
    full_text: bool | None = None  # true: fetch every linked page; false: never; unset: for teasers
    include: list[str] = []
    exclude: list[str] = []
    max_age_days: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_location(self) -> SourceConfig:
        if (self.path is None) == (self.url is None):
            raise ValueError("give exactly one of 'path' (file, folder or glob) or 'url' (feed)")
        return self


class PartyConfig(Strict):
    """A party to the story, with the names that signal it (Moscow, the Kremlin...)."""

    id: str
    name: str
    aliases: list[str] = []


class PersonConfig(Strict):
    """A person who may be quoted: canonical name, variants, titles, party."""

    name: str
    aliases: list[str] = []
    titles: list[str] = []
    party: str | None = None


class IssueConfig(Strict):
    """An open issue the reader tracks, and the phrases that signal it."""

    id: str
    title: str
    terms: list[str] = Field(min_length=1)
    exclude: list[str] = []


class SummaryConfig(Strict):
    """The top of the briefing: algorithm and budget."""

    algorithm: Algorithm = "coverage"
    sentences: int = Field(default=6, ge=1, le=50)
    max_words: int | None = Field(default=None, ge=10)


class QuotesConfig(Strict):
    """How many quotes the briefing shows, and the shortest that counts."""

    key: int = Field(default=6, ge=0, le=100)
    min_words: int = Field(default=4, ge=1)


class NextStepsConfig(Strict):
    """How many next steps the briefing shows."""

    max_points: int = Field(default=5, ge=0, le=50)


class FocusConfig(Strict):
    """Story focus: the relevance an article needs, a story to brief, the days stories are remembered."""

    threshold: float = Field(default=0.1, ge=0, le=1)
    story: str | None = None
    window_days: int = Field(default=30, ge=1, le=3650)


class OutputConfig(Strict):
    """Where and in which formats the briefing is written."""

    dir: Path = Path("out")
    formats: list[Format] = list(FORMATS)
    templates: Path | None = None


class FetchConfig(Strict):
    """HTTP behaviour for feeds and full-text article pages."""

    timeout: float = Field(default=20, gt=0)
    user_agent: str = "briefing/0.1 (news briefing generator)"
    allow_private: bool = False
    max_bytes: int = Field(default=5_000_000, gt=0)
    max_entries: int = Field(default=500, gt=0)
    max_redirects: int = Field(default=5, ge=0)
    # Feeds fetched at once, and the deadline of the whole reading of the sources, in seconds:
    # a few stalled servers cannot hold an edition longer than this.
    concurrency: int = Field(default=8, ge=1, le=64)
    run_timeout: float = Field(default=120, gt=0)
    # Networks (CIDR) of feed servers fetched even though private: an intranet feed. The
    # article links a feed gives are never exempt; only allow_private opens those.
    trusted_feed_networks: list[IPvAnyNetwork] = []


class StateConfig(Strict):
    """The state database: a SQLite path or an SQLAlchemy URL."""

    database: str = "briefing.db"


class SmtpConfig(Strict):
    """The SMTP server; credentials come from the named environment variables."""

    host: str = "localhost"
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username_env: str | None = None
    password_env: str | None = None
    timeout: float = Field(default=30, gt=0)


class EmailConfig(Strict):
    """Sender, recipients and headers of the emailed briefing."""

    sender: EmailAddress = "briefing@localhost"
    recipients: list[EmailAddress] = []
    subject: Annotated[str, AfterValidator(_subject)] = "{title} — {date}"
    list_id: str | None = None
    list_unsubscribe: str | None = None
    # A later edition of a day whose earlier edition a recipient has: changed = send it as an
    # update when its content differs, never = one email a day, always = every build.
    resend: Literal["changed", "never", "always"] = "changed"


class ScheduleConfig(Strict):
    """When `briefing run` builds and delivers."""

    cron: str = "0 6 * * *"
    timezone: str = "UTC"
    misfire_grace_seconds: int = Field(default=3600, ge=1)


class Config(Strict):
    """The whole validated configuration."""

    title: str = "Briefing"
    about: str = ""
    language: str = "english"
    sources: list[SourceConfig] = []
    parties: list[PartyConfig] = []
    people: list[PersonConfig] = []
    variants: dict[str, list[str]] = {}
    issues: list[IssueConfig] = []
    summary: SummaryConfig = SummaryConfig()
    quotes: QuotesConfig = QuotesConfig()
    next_steps: NextStepsConfig = NextStepsConfig()
    issue_points: int = Field(default=4, ge=1, le=20)
    focus: FocusConfig = FocusConfig()
    output: OutputConfig = OutputConfig()
    fetch: FetchConfig = FetchConfig()
    state: StateConfig = StateConfig()
    smtp: SmtpConfig = SmtpConfig()
    email: EmailConfig = EmailConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    path: Path | None = None


def load_config(path: Path | str | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Read the packaged defaults, layer the user's YAML (if any) and overrides, validate."""
    data = _read_defaults()
    base = Path.cwd()
    lines: dict[tuple[Any, ...], int] = {}
    user: dict[str, Any] = {}
    if path is not None:
        path = Path(path).resolve()
        read = read_yaml(path)
        user, lines = read.data, read.lines
        data = merge(data, user)
        base = path.parent
    data = merge(data, overrides or {})
    data["path"] = path
    config = _validate(data, path, lines)
    _check_unique_names(config, path, lines)
    if path is not None:
        _warn_nowhere(config, user, path)
    return _resolve_paths(config, base)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Layer ``over`` onto ``base`` key by key; lists and scalars replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_defaults() -> dict[str, Any]:
    text = resources.files("briefing").joinpath("defaults.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _validate(data: dict[str, Any], path: Path | None, lines: dict[tuple[Any, ...], int]) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = _problems(exc, path, lines)
        if len(problems) == 1:
            raise ConfigError(problems[0].message, problems[0].hint) from None
        text = "\n".join(f"{p.message}\nHint: {p.hint}" for p in problems)
        raise ConfigError(text, "") from None


def _warn_nowhere(config: Config, user: dict[str, Any], path: Path) -> None:
    """Warn of editions that go nowhere, and of recipients mailed through smtp defaults (a forgotten section)."""
    if not config.output.formats and not config.email.recipients:
        log.warning("%s: output.formats is empty and there are no email.recipients: editions go nowhere; "
                    "list formats such as [html, md] or recipients", path)
    if config.email.recipients and "smtp" not in user:
        smtp = config.smtp
        log.warning("%s: email.recipients are set but there is no smtp section: mail goes to %s:%d (%s); "
                    "set smtp.host, smtp.port and smtp.security", path, smtp.host, smtp.port, smtp.security)


def _check_unique_names(config: Config, path: Path | None, lines: dict[tuple[Any, ...], int]) -> None:
    """Two sources of one name would share article labels and a fetch status: the second is an error."""
    first: dict[str, int] = {}
    for index, source in enumerate(config.sources):
        if source.name in first:
            line = _nearest_line(("sources", index, "name"), lines)
            where = f"{path or '<defaults>'}" + (f":{line}" if line else "")
            raise ConfigError(f"{where}: sources.{index}.name: {source.name!r} is already the name of "
                              f"sources.{first[source.name]}", RULE_HINTS["duplicate_name"])
        first[source.name] = index


@dataclass(frozen=True, slots=True)
class Problem:
    """One invalid key: where it is, what is wrong, and how to fix it."""

    line: int
    message: str
    hint: str


def _problems(exc: ValidationError, path: Path | None, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """Every error of a validation, one per key, in the order of the file's lines."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("function-after",))
        line = _nearest_line(loc, lines)
        where = f"{path or '<defaults>'}" + (f":{line}" if line else "")
        key = ".".join(str(p) for p in loc) or "(top level)"
        problems.append(Problem(line or 0, f"{where}: {key}: {_explain(err)}", _hint(err, loc)))
    return sorted(problems, key=lambda p: p.line)


def _nearest_line(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def _explain(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown key; remove it or check its spelling"
    if kind == "literal_error":
        return f"{err['msg'].lower()} (got {err['input']!r})"
    if kind == "missing":
        return "required key is missing"
    if err["input"] is None and kind in ("model_type", "dict_type", "list_type"):
        return "empty section: nothing is indented below it"
    if kind == "value_error":  # a rule of a section: its own words, not pydantic's "Value error, ..."
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    return f"{err['msg']} (got {err['input']!r})"


def _hint(err: Any, loc: tuple[Any, ...]) -> str:
    """How to fix one error: a did-you-mean for a misspelt key, the allowed values, or the rule."""
    kind = err["type"]
    if kind == "extra_forbidden" and loc:
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=DID_YOU_MEAN_CUTOFF)
        if close:
            return f"did you mean '{close[0]}'?"
        return f"the keys allowed here are {', '.join(allowed)}" if allowed else "remove it"
    if kind == "literal_error":
        return "use one of the values listed"
    if kind == "missing":
        return f"add '{loc[-1]}'" if loc else "add the missing key"
    if err["input"] is None and kind in ("model_type", "dict_type", "list_type") and loc:
        return f"indent its keys or items below it, or remove the '{loc[-1]}:' line to keep the defaults"
    if kind == "list_type" and isinstance(err["input"], str | int | float):
        return f"write a YAML list, e.g. [{err['input']}], or one '- value' line per item"
    if kind in RULE_HINTS:
        return RULE_HINTS[kind]
    return "fix that value; `briefing check-config` validates the file"


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys the section at ``loc`` accepts (empty when it is not a section)."""
    model: Any = Config
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return []
        model = _section_type(field.annotation)
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _section_type(annotation: Any) -> Any:
    """The model inside an annotation such as ``SummaryConfig`` or ``list[SourceConfig]``."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _resolve_paths(config: Config, base: Path) -> Config:
    """Make every relative path absolute against the YAML file's folder."""
    sources = [s.model_copy(update={"path": _under(base, s.path)}) if s.path else s
               for s in config.sources]
    output = config.output.model_copy(update={
        "dir": _under(base, config.output.dir),
        "templates": _under(base, config.output.templates) if config.output.templates else None,
    })
    state = config.state
    if "://" not in state.database:
        state = state.model_copy(update={"database": str(_under(base, Path(state.database)))})
    return config.model_copy(update={"sources": sources, "output": output, "state": state})


def _under(base: Path, path: Path) -> Path:
    path = path.expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def locate(config: Config, key: str) -> str:
    """Where a dotted key is set: "file:line" in the user's YAML, else the file, else "<defaults>"."""
    if config.path is None:
        return "<defaults>"
    try:
        lines = read_yaml(config.path).lines
    except ConfigError:
        return str(config.path)
    loc = tuple(int(part) if part.isdigit() else part for part in key.split("."))
    line = lines.get(loc)
    return f"{config.path}:{line}" if line else str(config.path)


def database_url(config: Config) -> str:
    """The SQLAlchemy URL of the state database."""
    db = config.state.database
    return db if "://" in db else f"sqlite:///{db}"


def sources_config(paths: list[str]) -> dict[str, Any]:
    """Overrides for a config-less run over the given files or folders."""
    return {"sources": [{"name": source_label(p), "path": str(Path(p).resolve())} for p in paths]}


def source_label(given: str) -> str:
    """The name of a path given on the command line: the file's or folder's own ("." is the folder), a glob's folder."""
    path = Path(given).expanduser()
    while any(ch in path.name for ch in GLOB_CHARACTERS):
        path = path.parent
    resolved = path.resolve()
    return resolved.name or str(resolved)
