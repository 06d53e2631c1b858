"""Composes the stages: build_briefing(config, now) -> Briefing.

Order matters: cleaning runs before splitting (headlines glued to sentences
would otherwise become sentences), and splitting before every analysis stage,
which all read the same Sentence records.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from briefing.clean import clean_article
from briefing.config import Config
from briefing.ingest import IngestOptions, ingest
from briefing.issues import issue_sections, parties_from_config, people_from_config
from briefing.models import Article, Briefing, Failure, Point, Sentence, Stats
from briefing.names import Lexicon
from briefing.nextsteps import next_steps
from briefing.quotes import QuoteOptions, extract_quotes
from briefing.sentences import split_sentences
from briefing.summarize import SummaryOptions, summarize

if TYPE_CHECKING:
    from briefing.state import State

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Corpus:
    """Cleaned articles and their sentences, keyed by article id."""

    articles: tuple[Article, ...]
    sentences: Mapping[str, Sequence[Sentence]]
    failures: tuple[Failure, ...]

    def all_sentences(self) -> list[Sentence]:
        """Every sentence, in article order then position."""
        return [s for a in self.articles for s in self.sentences[a.id]]


def build_briefing(config: Config, now: datetime | None = None, state: State | None = None,
                   progress: Callable[[str], None] | None = None) -> Briefing:
    """Read the configured sources and build one edition of the briefing."""
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    corpus = read_corpus(config, state, progress)
    briefing = analyse(config, corpus, now)
    stats = replace(briefing.stats, seconds=round(time.perf_counter() - started, 3))
    return replace(briefing, stats=stats)


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


def analyse(config: Config, corpus: Corpus, now: datetime) -> Briefing:
    """Run the analysis stages over a corpus and assemble the Briefing."""
    lexicon = Lexicon(config.variants)
    people = people_from_config(config)
    everything = corpus.all_sentences()
    old = frozenset(a.id for a in corpus.articles if not a.new)
    steps = next_steps(everything, lexicon, max_points=config.next_steps.max_points)
    summary = summarize_news(everything, old, SummaryOptions(
        algorithm=config.summary.algorithm, sentences=config.summary.sentences,
        max_words=config.summary.max_words, language=config.language, focus=focus_topics(config, steps)),
        lexicon)
    quotes = extract_quotes(corpus.articles, corpus.sentences, people,
                            QuoteOptions(key=config.quotes.key, min_words=config.quotes.min_words), lexicon)
    sections = issue_sections(everything, config.issues, parties_from_config(config), people, lexicon,
                              max_points=config.issue_points)
    if old:
        sections = [replace(s, points=tuple(flag_old(s.points, old))) for s in sections]
        steps = list(flag_old(steps, old))
    stats = Stats(articles=len(corpus.articles), sentences=len(everything), quotes=len(quotes),
                  attributed=sum(1 for q in quotes if q.speaker))
    return Briefing(
        title=config.title, date=now.date(), sources=corpus.articles, summary=tuple(summary),
        quotes=tuple(quotes), issues=tuple(sections), next_steps=tuple(steps),
        failures=corpus.failures, stats=stats, generated=now,
    )


def focus_topics(config: Config, steps: Sequence[Point]) -> tuple[tuple[str, ...], ...]:
    """What the top of the briefing should touch: each open issue, and the foremost next step."""
    topics = [tuple(issue.terms) for issue in config.issues]
    return tuple(topics + [(steps[0].text,)] if steps else topics)


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
    """Mark points that an article of an edition already sent carries as not new."""
    return [replace(p, new=False) if set(p.sources) & old else p for p in points]


def summary_line(briefing: Briefing) -> str:
    """The one line that ends every run."""
    s = briefing.stats
    failed = f", {len(briefing.failures)} failed sources" if briefing.failures else ""
    return (f"Done: {s.articles} articles, {s.sentences} sentences, {s.quotes} quotes "
            f"({s.attributed} attributed){failed} in {s.seconds:.2f} seconds.")
