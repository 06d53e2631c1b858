"""One error base for the whole tool; every subclass carries a hint for the user."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.models import Failure


class BriefingError(Exception):
    """Something the user can fix; ``hint`` says how."""

    hint = "run with --verbose for details"
    exit_code: int = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class ConfigError(BriefingError):
    """The YAML configuration is missing, malformed or invalid."""

    hint = "check the configuration file; `briefing check-config` validates it"


class SourceError(BriefingError):
    """One source (file, folder or feed) could not be read."""

    hint = "check the path or URL of this source in the configuration"


class FetchError(SourceError):
    """An HTTP fetch failed or was refused."""

    hint = "check the URL and that the server is reachable"


class InputError(BriefingError):
    """An input file is missing, empty, binary or unreadable."""

    hint = "give a readable UTF-8 (or declared-encoding) text, HTML, Markdown or JSON file"


class SummarizerError(BriefingError):
    """The summarization algorithm is unknown or failed."""

    hint = "choose one of the algorithms listed by `briefing summarize --help`"


class TemplateError(BriefingError):
    """A template is missing or broken."""

    hint = "check output.templates in the configuration, or remove the override"


class OutputError(BriefingError):
    """Output files could not be written."""

    hint = "check that the output folder exists, is writable and the disk has space"


class DeliveryError(BriefingError):
    """An email could not be delivered."""

    hint = "check the smtp section of the configuration and the credentials in the environment"


class StateError(BriefingError):
    """The state database could not be opened or used."""

    hint = "check state.database in the configuration"


class ExitCode(IntEnum):
    """The documented exit statuses of every command (and of each scheduled run, logged)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    NOTHING_TO_PUBLISH = 3  # no articles, or every source failed: nothing written, nothing sent
    PARTIAL = 4  # published, but some sources failed (they are listed)
    DELIVERY_FAILED = 5  # published, but the email to some recipient failed or its outcome is unknown


class NothingToPublishError(BriefingError):
    """An edition would hold no articles: it is not written over the last one, nor sent."""

    hint = "check the sources listed above; `briefing check-config` probes each one"
    exit_code = ExitCode.NOTHING_TO_PUBLISH

    def __init__(self, message: str, failures: tuple[Failure, ...] = (), hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.failures = failures
