"""Composes the stages: build_briefing(config, now, state, options) -> Briefing.

Order matters: cleaning runs before splitting (headlines glued to sentences
would otherwise become sentences), and splitting before every analysis stage,
which all read the same Sentence records.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from briefing.clean import clean_article
from briefing.config import Config
from briefing.focus import focus_corpus
from briefing.ingest import IngestOptions, ingest
from briefing.issues import build_corpus, issue_sections, parties_from_config, people_from_config
from briefing.models import Article, Briefing, Failure, Point, Position, Section, Sentence, Stats
from briefing.names import Lexicon
from briefing.nextsteps import next_steps
from briefing.provenance import Claims, build_claims
from briefing.quotes import QuoteOptions, extract_quotes
from briefing.sentences import split_sentences
from briefing.summarize import SummaryOptions, summarize
from briefing.wording import counted

if TYPE_CHECKING:
    from briefing.state import State

log = logging.getLogger(__name__)

# Candidates each section asks for beyond its budget: what another section takes is replaced.
SPARE_POINTS = 4


@dataclass(frozen=True, slots=True)
class Corpus:
    """Cleaned articles and their sentences, keyed by article id."""

    articles: tuple[Article, ...]
    sentences: Mapping[str, Sequence[Sentence]]
    failures: tuple[Failure, ...]

    def all_sentences(self) -> list[Sentence]:
        """Every sentence, in article order then position."""
        return [s for a in self.articles for s in self.sentences[a.id]]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How one edition is built: the day it is filed under and who hears of each source read."""

    day: date | None = None  # the edition's date (build --date); None: the day of ``now``
    progress: Callable[[str], None] | None = None


def build_briefing(config: Config, now: datetime | None = None, state: State | None = None,
                   options: BuildOptions = BuildOptions()) -> Briefing:
    """Read the configured sources and build one edition of the briefing, dated ``options.day``.

    The story memory files the edition's articles under that day too, so editions built for
    five dates are five days of a story, and the memory's window counts back from it.
    """
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    day = options.day or now.date()
    corpus = read_corpus(config, state, options.progress)
    corpus, focus = focus_corpus(config, corpus, state, day)  # only the briefed story's articles
    briefing = analyse(config, corpus, now, day)
    stats = replace(briefing.stats, seconds=round(time.perf_counter() - started, 3))
    return replace(briefing, date=day, stats=stats, story=focus.story, off_topic=focus.off_topic,
                   other_stories=focus.others)


def read_corpus(config: Config, state: State | None = None,
                progress: Callable[[str], None] | None = None) -> Corpus:
    """Ingest, clean and split every source; failures are recorded, never raised."""
    ingested = ingest(config.sources, IngestOptions.from_config(config, progress), state)
    failures = list(ingested.failures)
    articles: list[Article] = []
    sentences: dict[str, list[Sentence]] = {}
    for raw in ingested.articles:
        article = clean_article(raw)
        split = split_sentences(article)
        if not split:
            failures.append(Failure(article.path or article.url or article.id, "no article text after cleaning",
                                    "check that the file holds article prose"))
            continue
        articles.append(mark_new(article, state))
        sentences[article.id] = split
    return Corpus(tuple(articles), sentences, tuple(failures))


def mark_new(article: Article, state: State | None) -> Article:
    """Flag an article as not new when it appeared in an edition already sent."""
    if state is None or not article.guid:
        return article
    return replace(article, new=not state.was_sent(article.source, article.guid))


def analyse(config: Config, corpus: Corpus, now: datetime, day: date | None = None) -> Briefing:
    """Run the analysis stages over a corpus and assemble the Briefing (``day``: the edition's date).

    Every section draws on one grouping of sentences into claims (briefing.provenance), and every
    point is cited through it. The sections then choose jointly, each claim shown once (see
    ``Taken``).
    """
    lexicon = Lexicon(config.variants)
    everything = corpus.all_sentences()
    old = frozenset(a.id for a in corpus.articles if not a.new)
    claims = build_claims(everything, lexicon)
    groups, tokenized = claims.groups(), build_corpus(everything, lexicon)  # shared by steps and issues
    day = day or now.date()
    steps = [claims.recite(p) for p in next_steps(everything, lexicon, config.next_steps.max_points, groups,
                                                   article_dates(corpus.articles, day), tokenized, day)]
    sections = [recited(s, claims) for s in issue_sections(
        everything, config.issues, parties_from_config(config), people_from_config(config), lexicon,
        max_points=config.issue_points + SPARE_POINTS, groups=groups, corpus=tokenized)]
    taken = Taken(claims)
    steps = taken.keep(steps)
    summary = joint_summary(everything, old, summary_options(config), lexicon, claims, taken)
    sections = [flagged(s, old) for s in chosen_points(sections, taken, config.issue_points)]
    quotes = extract_quotes(corpus.articles, corpus.sentences, people_from_config(config),
                            QuoteOptions(key=config.quotes.key, min_words=config.quotes.min_words), lexicon)
    stats = Stats(articles=len(corpus.articles), sentences=len(everything), quotes=len(quotes),
                  attributed=sum(1 for q in quotes if q.speaker))
    return Briefing(
        title=config.title, date=now.date(), sources=corpus.articles, summary=tuple(summary),
        quotes=tuple(quotes), issues=tuple(sections), next_steps=tuple(flag_old(steps, old) if old else steps),
        failures=corpus.failures, stats=stats, generated=now,
    )


def recited(section: Section, claims: Claims) -> Section:
    """The section with every point, its parties' too, cited through the claims."""
    positions = tuple(replace(pos, points=tuple(claims.recite(p) for p in pos.points)) for pos in section.positions)
    return replace(section, points=tuple(claims.recite(p) for p in section.points), positions=positions)


def chosen_points(sections: Sequence[Section], taken: Taken, limit: int) -> list[Section]:
    """The sections' free points: party boxes first, a box-less issue its best point, then the bullets."""
    sections = [replace(s, positions=tuple(taken.positions(s.positions))) for s in sections]
    reserved = {s.id: taken.keep(s.points, 1) for s in sections if not s.positions}
    return [replace(s, points=tuple(reserved.get(s.id, []) + taken.keep(s.points, limit - len(reserved.get(s.id, [])))))
            for s in sections]


def flagged(section: Section, old: frozenset[str]) -> Section:
    """The section with points only from articles already sent flagged as not new."""
    if not old:
        return section
    positions = tuple(replace(pos, points=tuple(flag_old(pos.points, old))) for pos in section.positions)
    return replace(section, points=tuple(flag_old(section.points, old)), positions=positions)


class Taken:
    """The claims a briefing already shows: each claim goes to one section only.

    Sections choose in this order, each taking what serves it best: next steps take what is
    scheduled next, the summary (the first thing a reader sees, chosen with its full count among
    the rest) the main facts of what happened, each party's box its own stated positions, an
    issue without party boxes its best point, and the issues' bullets the rest of what bears on
    them, each section choosing its next best sentence when an earlier one took its first.
    """

    def __init__(self, claims: Claims) -> None:
        self.claims = claims
        self.keys: set[int | str] = set()

    def key(self, point: Point) -> int | str:
        """The point's claim group (its text when the grouping does not know it)."""
        found = self.claims.key(point.text)
        return point.text if found is None else found

    def free(self, point: Point) -> bool:
        """Whether no section shows this claim yet."""
        return self.key(point) not in self.keys

    def unshown(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """The sentences whose claims no section shows yet."""
        return [s for s in sentences if self.free(Point(s.text, (s.article_id,)))]

    def keep(self, points: Sequence[Point], limit: int | None = None) -> list[Point]:
        """The points whose claims are still free (up to ``limit``); they are taken."""
        kept: list[Point] = []
        for point in points:
            if (limit is None or len(kept) < limit) and self.free(point):
                self.keys.add(self.key(point))
                kept.append(point)
        return kept

    def positions(self, positions: Sequence[Position]) -> list[Position]:
        """Each party's box with its free points; a box left empty is dropped."""
        boxes = [replace(pos, points=tuple(self.keep(pos.points))) for pos in positions]
        return [box for box in boxes if box.points]


def summary_options(config: Config) -> SummaryOptions:
    """The configured summary options, focused on the open issues.

    The next steps are not a focus: they are chosen first and shown in their own section, so a
    summary focused on them would only pick the sentences that resemble them.
    """
    return SummaryOptions(algorithm=config.summary.algorithm, sentences=config.summary.sentences,
                          max_words=config.summary.max_words, language=config.language,
                          focus=focus_topics(config))


def joint_summary(sentences: list[Sentence], old: frozenset[str], options: SummaryOptions, lexicon: Lexicon,
                  claims: Claims, taken: Taken) -> list[Point]:
    """The summary chosen among the claims no other section shows yet, so it keeps its full count and coverage."""
    news = summarize_news(taken.unshown(sentences), old, options, lexicon)
    chosen = flag_old(taken.keep([claims.recite(p) for p in news], options.sentence_budget), old)
    return sorted(chosen, key=lambda p: not p.new)  # new facts first, each part in the summarizer's order (lede first)


def article_dates(articles: Sequence[Article], day: date) -> dict[str, date]:
    """Each article's publication date, else the edition's: what a step's "Thursday" counts from."""
    return {a.id: a.published.date() if a.published else day for a in articles}


def focus_topics(config: Config) -> tuple[tuple[str, ...], ...]:
    """What the top of the briefing should touch: each open issue."""
    return tuple(tuple(issue.terms) for issue in config.issues)


def summarize_news(sentences: list[Sentence], old: frozenset[str], options: SummaryOptions,
                   lexicon: Lexicon) -> list[Point]:
    """An update summary: the new articles for a reader who read the editions already sent.

    The articles of sent editions are the seen ones (briefing summarize --seen): facts they
    carried are left out, words they used weigh less; older facts only fill up a short summary.
    """
    if not old:
        return summarize(sentences, options, lexicon)
    seen = [s for s in sentences if s.article_id in old]
    fresh = [s for s in sentences if s.article_id not in old]
    summary = summarize(fresh, options, lexicon, seen=seen) if fresh else []
    wanted = options.sentences or 0
    if len(summary) < wanted:
        texts = {p.text for p in summary}
        extra = [p for p in summarize(sentences, options, lexicon) if p.text not in texts]
        summary += flag_old(extra[:wanted - len(summary)], old)
    return summary


def flag_old(points: Sequence[Point], old: frozenset[str]) -> list[Point]:
    """Mark points as not new exactly when a source they cite is an article of an edition already sent.

    Decided on the sources a point cites (after briefing.provenance), not on looser duplicate groups:
    a new article's sentence that no sent article supports is new.
    """
    return [replace(p, new=not set(p.sources) & old) for p in points]


def summary_line(briefing: Briefing) -> str:
    """The one line that ends every run."""
    s = briefing.stats
    failed = f", {counted(len(briefing.failures), 'failed source')}" if briefing.failures else ""
    return (f"Done: {counted(s.articles, 'article')}, {counted(s.sentences, 'sentence')}, {counted(s.quotes, 'quote')} "
            f"({s.attributed} attributed){failed} in {s.seconds:.2f} seconds.")
