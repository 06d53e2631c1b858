"""Records passed between pipeline stages.

Every record is a frozen, slotted dataclass: a stage can never change what an
earlier stage produced, and hundreds of thousands of sentences stay small in
memory.  Data flows one way:

Article -> Sentence -> (Point, Quote) -> Section -> Briefing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One document from one source, with the metadata the source gives."""

    id: str
    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    path: str = ""
    published: datetime | None = None
    source: str = ""
    guid: str = ""
    new: bool = True


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, verbatim, with its place in the article."""

    text: str
    article_id: str
    index: int
    start: int
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence of one cited source that says what a point says (the point itself, or a paraphrase)."""

    source: str
    text: str


@dataclass(frozen=True, slots=True)
class Point:
    """A line of the briefing: source text plus every source that says it, and what each one says.

    ``when`` is a next step's time phrase as written ("soon", "on Thursday"), ``due`` the date it
    resolves to against its article's date (None when it names none).
    """

    text: str
    sources: tuple[str, ...]
    score: float = 0.0
    new: bool = True
    evidence: tuple[Evidence, ...] = ()
    when: str = ""
    due: date | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation, its speaker (None when the text does not say) and its sources."""

    text: str
    speaker: str | None
    sources: tuple[str, ...]
    context: str = ""
    variants: tuple[str, ...] = ()
    score: float = 0.0
    key: bool = False


@dataclass(frozen=True, slots=True)
class Position:
    """What one party's side says on an open issue."""

    party: str
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """One open issue: its summary points and the parties' positions."""

    id: str
    title: str
    points: tuple[Point, ...]
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A source or item that could not be used, and why."""

    source: str
    reason: str
    hint: str = ""


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and timing of one build, for the summary line and the footer."""

    articles: int = 0
    sentences: int = 0
    quotes: int = 0
    attributed: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class OffTopic:
    """An article left out of the analysis because it is not about the briefed story."""

    title: str
    path: str = ""
    url: str = ""
    reason: str = ""
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A story an edition briefs or lists: id, label, size and age."""

    id: str
    label: str
    articles: int
    day: int = 1
    new_articles: int = 0


@dataclass(frozen=True, slots=True)
class Briefing:
    """One edition: everything the renderers need, nothing they must compute."""

    title: str
    date: date
    sources: tuple[Article, ...]
    summary: tuple[Point, ...]
    quotes: tuple[Quote, ...]
    issues: tuple[Section, ...]
    next_steps: tuple[Point, ...]
    failures: tuple[Failure, ...] = ()
    stats: Stats = field(default_factory=Stats)
    generated: datetime | None = None
    story: StoryRef | None = None
    off_topic: tuple[OffTopic, ...] = ()
    other_stories: tuple[StoryRef, ...] = ()
