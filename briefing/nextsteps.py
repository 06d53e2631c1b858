"""Next steps: what the sources say is scheduled, planned, promised or demanded next.

Sentences are scored by briefing.stepcues. Steps are the claim groups of briefing.provenance (one
grouping for the whole briefing); each shows its time phrase (briefing.timephrases), resolved
against its article's date where it names one ("Thursday" in an article of Wednesday 18 February
-> 19 February). Steps merge only when they are the same event (same kind, actors and compatible
dates), and are ordered by date, undated ones last.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from briefing.dedup import STOP_WORDS, SentenceGroup, group_duplicates
from briefing.issues import Candidate, Corpus, brevity, build_corpus, choose_points, corroboration
from briefing.models import Point, Sentence
from briefing.names import Lexicon
from briefing.readability import is_dangling_opener
from briefing.stepcues import GENERIC_KINDS, KINDS, MIN_SCORE, Cued, cue_score
from briefing.timephrases import DAYS, MONTHS, Timing, normal, timing

log = logging.getLogger(__name__)

# A capitalised word of a step clause: who takes part (days and months are left out).
_ACTOR = re.compile(r"\b[A-Z][\w'’-]+")
# Who a meeting is with: "talks with the library workers' union", "a meeting between the two mayors".
_PARTIES = re.compile(r"\b(?:with|between|among)\s+((?:(?!(?:will|would|could|should|may|might|is|are|was|were|be|"
                      r"to|on|in|at|by|later|next|this|soon)\b)[\w'’-]+\s*){1,4})")

# A step shown alone that opens with a pronoun or connective ("He said talks resume soon") leaves
# the reader asking who: it weighs this share of its score, so a step that says who comes first.
DANGLING_STEP = 0.5

# --- choosing the steps ---------------------------------------------------------------------

def next_steps(sentences: Sequence[Sentence], lexicon: Lexicon, max_points: int = 5,
               groups: Sequence[SentenceGroup] | None = None,
               dates: Mapping[str, date] | None = None, corpus: Corpus | None = None,
               today: date | None = None) -> list[Point]:
    """What is scheduled, promised or demanded next: the strongest, ordered by date, undated last.

    ``groups`` are the briefing's claim groups (briefing.provenance); ``dates`` each article's
    date, against which time phrases resolve; a step due before ``today`` (the edition's date)
    has happened or lapsed, so it is no next step.
    """
    if not sentences or max_points <= 0:
        return []
    dates = dates or {}
    corpus = corpus or build_corpus(sentences, lexicon)  # the briefing builds it once for every section
    cued = [cue_score(s.text, dates.get(s.article_id)) for s in corpus.sentences]
    claims = groups if groups is not None else group_duplicates(corpus.sentences, lexicon)
    steps = [_led_by_best(g, cued, corpus) for g in claims
             if any(s.article_id and (s.article_id, s.index) in corpus.positions for s in g.sentences)
             and max(cued[corpus.row(s)].score for s in g.sentences if _known(s, corpus)) >= MIN_SCORE]
    candidates = distinct_events([_candidate(g, cued, corpus) for g in steps], cued, corpus, dates)
    log.debug("%d forward-looking claims, %d distinct events", len(steps), len(candidates))
    chosen = [_timed(p, corpus, dates) for p in choose_points(candidates, corpus, len(candidates))]
    ahead = [p for p in chosen if today is None or p.due is None or p.due >= today]
    if len(ahead) < len(chosen):
        log.debug("%d steps due before %s left out", len(chosen) - len(ahead), today)
    return order_by_date(nearest_first(ahead)[:max_points])


@dataclass(frozen=True, slots=True)
class Event:
    """What a step announces: the kinds of event its clause names, who it names, and when."""

    kinds: frozenset[str]
    actors: frozenset[str]
    due: date | None


def step_event(text: str, reference: date | None) -> Event:
    """The event a step sentence announces, read from its step clause."""
    clause = cue_score(text, reference).clause
    start = normal(text).find(clause)
    original = text[start:start + len(clause)] if start >= 0 else text
    kinds = frozenset(kind for kind, pattern in KINDS if kind not in GENERIC_KINDS and pattern.search(clause))
    named = {w.lower() for w in _ACTOR.findall(original)[int(start <= 0):]}
    parties = {w for m in _PARTIES.finditer(clause) for w in m.group(1).split() if w not in STOP_WORDS}
    actors = frozenset(w.strip("'’") for w in named | parties if w not in DAYS and w not in MONTHS)
    return Event(kinds, actors, timing(text, reference).due)


def same_event(a: Event, b: Event) -> bool:
    """Same kind of event, between the same actors, on dates that agree (or one has none).

    Kind alone never suffices: two meetings on different dates, or of different people, stay apart.
    """
    dates = a.due is None or b.due is None or a.due == b.due
    return bool(a.kinds & b.kinds) and a.actors == b.actors and dates


def distinct_events(candidates: Sequence[Candidate], cued: Sequence[Cued], corpus: Corpus,
                    dates: Mapping[str, date]) -> list[Candidate]:
    """The best step of each event: a step announcing the same event as a better one is dropped."""
    kept: list[Candidate] = []
    events: list[Event] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.order)):
        lead = cand.group.representative
        event = step_event(lead.text, dates.get(lead.article_id))
        if not any(same_event(event, e) for e in events):
            kept.append(cand)
            events.append(event)
    return kept


def nearest_first(points: Sequence[Point]) -> list[Point]:
    """Steps in the order a cap keeps them: dated ones nearest first, then undated by score."""
    dated = sorted((p for p in points if p.due is not None), key=lambda p: p.due or date.min)
    return dated + sorted((p for p in points if p.due is None), key=lambda p: -p.score)


def _known(sentence: Sentence, corpus: Corpus) -> bool:
    return (sentence.article_id, sentence.index) in corpus.positions


def _timed(point: Point, corpus: Corpus, dates: Mapping[str, date]) -> Point:
    """The point with its time phrase, resolved against the date of the article it is taken from.

    The phrase is looked for from the step's own clause on first, then in the whole sentence.
    """
    sentence = next(s for s in corpus.sentences if s.text == point.text)
    reference = dates.get(sentence.article_id)
    clause = cue_score(point.text, reference).clause
    start = normal(point.text).find(clause)
    found = timing(point.text[start:], reference) if start >= 0 else Timing()  # "March 18 and 19" spans clauses
    if not found.phrase:
        found = timing(point.text, reference)
    return replace(point, when=found.phrase, due=found.due)


def order_by_date(points: Sequence[Point]) -> list[Point]:
    """Dated steps by date, then the undated ones, each in their given order."""
    dated = sorted((p for p in points if p.due is not None), key=lambda p: p.due or date.min)
    return dated + [p for p in points if p.due is None]


def _led_by_best(group: SentenceGroup, cued: Sequence[Cued], corpus: Corpus) -> SentenceGroup:
    """The most direct wording of the step first: one that says who, the strongest cue, the shortest."""
    members = [s for s in group.sentences if _known(s, corpus)]
    lead = max(members, key=lambda s: (not is_dangling_opener(s.text), cued[corpus.row(s)].score,
                                       -len(corpus.tokens[corpus.row(s)]), -corpus.row(s)))
    return SentenceGroup((lead, *(s for s in members if s is not lead)))


def _candidate(group: SentenceGroup, cued: Sequence[Cued], corpus: Corpus) -> Candidate:
    """A step as a candidate point: its lead's cue score x corroboration x brevity (x DANGLING_STEP)."""
    order = min(corpus.row(s) for s in group.sentences)
    row = corpus.row(group.representative)
    score = cued[row].score * corroboration(len(group.sources))
    score *= DANGLING_STEP if is_dangling_opener(group.representative.text) else 1.0
    return Candidate(group, score * brevity(len(corpus.tokens[row])), row, order)
