"""Next steps: what the sources say is scheduled, promised or demanded next.

Each sentence is scored clause by clause with generic cues of English news prose: scheduling
constructions ("is set to", "would be held", "are to discuss", "plans to"), future modals, future
time expressions ("next week", "soon", "later this month", "by Friday") and forward-looking phrases
("a new round", "future talks", "for presidential review"); scheduling nouns (talks, round,
exchange, monitoring...) add weight once a clause looks forward. A report of what already happened
in the same clause ("the talks ended", "earlier this year") cancels it. Near-duplicates, and
different outlets' wordings of the same step, become one point carrying every source.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.dedup import SentenceGroup, group_duplicates
from briefing.issues import Candidate, Corpus, brevity, build_corpus, choose_points, corroboration
from briefing.models import Point, Sentence
from briefing.names import Lexicon

log = logging.getLogger(__name__)

# Cue weights. A scheduling construction alone makes a next step; a future modal or time
# expression needs a second cue or a scheduling noun; a bare noun ("talks") never does.
SCHEDULE_WEIGHT = 2.0
WILL_WEIGHT = 1.5        # "will", "going to": a definite future
MODAL_WEIGHT = 1.0       # "would", "could", "might": reported or conditional future
TIME_WEIGHT = 1.5        # "next week", "soon", "by Friday"
FORWARD_WEIGHT = 1.0     # "a new round", "future talks", "aimed at"
NOUN_WEIGHT = 0.5        # talks, round, exchange... (counted only in a forward-looking clause)
MAX_NOUNS = 2            # a list of nouns is not more future than two of them
# A completed event or past time in the clause ("ended", "earlier this year") outweighs one strong cue.
PAST_PENALTY = 2.5
# Score a clause needs: one scheduling construction, or a future cue plus a scheduling noun.
MIN_SCORE = 2.0
# Cosine of the forward-looking clauses above which two sentences announce the same step
# ("a new round of talks is set to take place" / "another round of talks would be held soon");
# lower than dedup's bar because only the clause, not the sentence around it, is compared.
SAME_STEP_SIM = 0.3

# The wording shown for a step is chosen among members whose cue score reaches this share of the
# best: "a new round of talks is set to take place" says as much as a longer sentence around it.
LEAD_SHARE = 0.6

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_NOUNS = (r"talks|rounds?|meetings?|summit|exchanges?|prisoners?|visits?|vote|referendum|review|sessions?|"
          r"negotiations?|monitoring|monitored|monitors?|ceasefire|truce|deadline|proposals?|consultations|"
          r"signing|elections?|hearings?|ballot|strike|deal|agreement")

# "The aim is to end the war" states a purpose, not a schedule ("the delegations are to discuss").
_PURPOSE = "".join(rf"(?<!\b{w}\s)" for w in ("aim", "goal", "purpose", "objective", "task", "idea", "point",
                                                "priority", "hope", "intention", "mission", "job", "role"))


@dataclass(frozen=True, slots=True)
class Cue:
    """A forward-looking (or, with a negative weight, backward-looking) pattern and its weight."""

    name: str
    pattern: re.Pattern[str]
    weight: float


def _cue(name: str, pattern: str, weight: float) -> Cue:
    return Cue(name, re.compile(pattern), weight)


CUES = (
    _cue("scheduled", r"\b(?:is|are|was|were|be|been)\s+(?:also\s+|still\s+|now\s+)?(?:set|scheduled|due|"
         r"expected|slated|planned|poised)\s+(?:to|for)\b", SCHEDULE_WEIGHT),
    _cue("will happen", r"\b(?:will|would|shall|could|may|might)\s+(?:\w+\s+)?(?:be\s+held|take\s+place|"
         r"resume|reconvene|convene)\b", SCHEDULE_WEIGHT),
    _cue("is to", _PURPOSE + r"\b(?:is|are|was|were)\s+(?:also\s+|still\s+)?to\s+(?!blame\b)[a-z]+",
         SCHEDULE_WEIGHT),
    _cue("plans to", r"\b(?:plans?|planned|intends?|intended|aims?|agreed|promised|promises|pledged|pledges|"
         r"vowed|vows|threatened|threatens|(?:is|are|was|were)\s+(?:planning|threatening))\s+to\b",
         SCHEDULE_WEIGHT),
    _cue("for review", r"\b(?:for|pending)\s+(?:\w+\s+)?(?:review|approval|consideration|signature|"
         r"ratification)\b", TIME_WEIGHT),
    _cue("demanded by", r"\bdemand(?:s|ed)?\s+that\b.*\bby\b", TIME_WEIGHT),
    _cue("will", r"\b(?:will|shall)\b(?!\s+(?:not|never)\b)|'ll\b|\bgoing\s+to\b", WILL_WEIGHT),
    _cue("would", r"\b(?:would|could|might|may)\b(?!\s+(?:not|never|have)\b)", MODAL_WEIGHT),
    _cue("next", rf"\bnext\s+(?:week|month|year|round|meeting|session|time|{_DAYS})\b", TIME_WEIGHT),
    _cue("soon", r"\b(?:soon|tomorrow|upcoming|shortly)\b", TIME_WEIGHT),
    _cue("later", r"\blater\s+(?:this|next)\s+(?:week|month|year)\b|\bin\s+the\s+coming\s+(?:days|weeks|"
         r"months)\b|\bwithin\s+(?:days|weeks|months|a\s+week|a\s+month)\b", TIME_WEIGHT),
    _cue("by when", rf"\bby\s+(?:{_DAYS}|{_MONTHS}|the\s+end\s+of|next)\b", TIME_WEIGHT),
    _cue("new round", rf"\b(?:new|another|further|next|fresh)\s+(?:{_NOUNS})\b|"
         rf"\bfuture\s+(?:{_NOUNS})\b|\baimed\s+at\b", FORWARD_WEIGHT),
)
PAST = (
    _cue("past time", rf"\b(?:yesterday|ago|last\s+(?:week|month|year|night|{_DAYS})|"
         r"earlier\s+(?:this|last)\s+(?:week|month|year)|earlier\s+today)\b", -PAST_PENALTY),
    _cue("completed", r"\b(?:ended|began|concluded|broke\s+(?:up|down)|collapsed|took\s+place|was\s+held|"
         r"were\s+held|lasted|finished|wrapped\s+up|had\s+been|was\s+signed|were\s+signed)\b", -PAST_PENALTY),
)
NOUN = re.compile(rf"\b(?:{_NOUNS})\b")
# A clause that denies the step ("did not provide a timeline for the next meeting") announces nothing.
NEGATION = _cue("negated", r"\b(?:did|does|do|has|have|had|is|are|was|were)\s+not\b|\bn't\b|\bwithout\b|"
                r"\bno\s+(?:timeline|date|schedule|plans?)\b", -PAST_PENALTY)
# Scheduling nouns that name the same kind of event: different outlets' words for one step
# ("another round of talks", "further rounds", "future talks") compare as one word.
EVENT_KINDS = {
    "eventmeeting": r"talks|rounds?|meetings?|negotiations?|sessions?|summit|consultations|discussions",
    "eventexchange": r"exchanges?|swaps?|prisoners?",
    "eventceasefire": r"ceasefire|truce|monitoring|monitored|monitors?",
    "eventvote": r"vote|referendum|elections?|ballot",
    "eventproposal": r"proposals?|review|drafts?",
    "eventdeal": r"deal|agreement|treaty|signing",
}
# Specific dates: two steps of one kind at different dates are different steps ("soon" is no date).
_WHEN = re.compile(rf"\b(?:{_DAYS}|{_MONTHS.replace('|may', '')}|next\s+(?:week|month|year)|\d+)\b")
_KINDS = [(kind, re.compile(rf"\b(?:{words})\b")) for kind, words in EVENT_KINDS.items()]
# Clause boundaries: punctuation, and conjunctions that start a new finite clause.
# "demanded that ... by Monday" stays one clause: the demand and its deadline belong together.
_CLAUSE = re.compile(r"[,;:—–]\s+|\s+(?:and|but|while|as|although|because|whereas)\s+|"
                     r"(?<!demand)(?<!demands)(?<!demanded)(?<!insisted)\s+that\s+")


@dataclass(frozen=True, slots=True)
class Cued:
    """A sentence's most forward-looking clause and its cue score."""

    clause: str
    score: float


def clauses(text: str) -> list[str]:
    """The clauses of a sentence (rough: split at punctuation and clause-opening conjunctions)."""
    normal = text.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    return [c for c in _CLAUSE.split(normal) if c.strip()]


def clause_score(clause: str) -> float:
    """Cue score of one clause: future cues, scheduling nouns once it looks forward, minus past markers."""
    future = sum(c.weight for c in CUES if c.pattern.search(clause))
    if future <= 0:
        return 0.0
    nouns = min(MAX_NOUNS, len(NOUN.findall(clause))) * NOUN_WEIGHT
    past = sum(c.weight for c in (*PAST, NEGATION) if c.pattern.search(clause))
    return future + nouns + past


def event_text(clause: str) -> str:
    """The clause with scheduling nouns replaced by the kind of event they name."""
    for kind, pattern in _KINDS:
        clause = pattern.sub(kind, clause)
    return clause


def cue_score(text: str) -> Cued:
    """The best clause of a sentence and its score (0 when nothing looks forward)."""
    best = Cued(text, 0.0)
    for clause in clauses(text):
        score = clause_score(clause)
        if score > best.score:
            best = Cued(clause, score)
    return best


def next_steps(sentences: Sequence[Sentence], lexicon: Lexicon, max_points: int = 5) -> list[Point]:
    """What is scheduled, promised or demanded next: the strongest, best corroborated, in reading order."""
    if not sentences or max_points <= 0:
        return []
    corpus = build_corpus(sentences, lexicon)
    cued = [cue_score(s.text) for s in corpus.sentences]
    groups = [g for g in group_duplicates(corpus.sentences, lexicon)
              if max(cued[corpus.row(s)].score for s in g.sentences) >= MIN_SCORE]
    steps = merge_same_steps(groups, cued, corpus, lexicon)
    candidates = [_candidate(g, cued, corpus) for g in steps]
    log.debug("%d forward-looking groups, %d distinct steps", len(groups), len(steps))
    return choose_points(candidates, corpus, max_points)


def merge_same_steps(groups: Sequence[SentenceGroup], cued: Sequence[Cued], corpus: Corpus,
                     lexicon: Lexicon) -> list[SentenceGroup]:
    """Join groups that announce the same step (leader clustering); the strongest wording leads."""
    if not groups:
        return []
    clauses_ = [cued[corpus.row(_best(g, cued, corpus))].clause for g in groups]
    leads = [_best(g, cued, corpus) for g in groups]
    space = build_corpus([Sentence(event_text(c), s.article_id, s.index, s.start)
                          for c, s in zip(clauses_, leads, strict=True)], lexicon).matrix
    similar = (space @ space.T).toarray()
    owner = list(range(len(groups)))
    for i in range(len(groups)):
        owner[i] = next((j for j in range(i) if owner[j] == j and
                         same_step(clauses_[i], clauses_[j], similar[i, j])), i)
    merged: dict[int, list[Sentence]] = {}
    for i, group in enumerate(groups):
        merged.setdefault(owner[i], []).extend(group.sentences)
    return [_led_by_best(members, cued, corpus) for members in merged.values()]


def same_step(a: str, b: str, similarity: float) -> bool:
    """Two forward-looking clauses announce one step: alike in words, or one kind of event at one date."""
    if similarity >= SAME_STEP_SIM:
        return True
    kinds_a, kinds_b = event_kinds(a), event_kinds(b)
    when_a, when_b = set(_WHEN.findall(a)), set(_WHEN.findall(b))
    return bool(kinds_a) and kinds_a == kinds_b and not (when_a and when_b and when_a != when_b)


def event_kinds(clause: str) -> frozenset[str]:
    """The kinds of scheduled event a clause names (meeting, exchange, ceasefire...)."""
    return frozenset(kind for kind, pattern in _KINDS if pattern.search(clause))


def _best(group: SentenceGroup, cued: Sequence[Cued], corpus: Corpus) -> Sentence:
    """The member with the strongest cue (earliest on a tie)."""
    return max(group.sentences, key=lambda s: (cued[corpus.row(s)].score, -corpus.row(s)))


def _led_by_best(members: list[Sentence], cued: Sequence[Cued], corpus: Corpus) -> SentenceGroup:
    """The most direct wording first: among members stating the step nearly as strongly as the best,
    the one with the most cue weight per word."""
    best = max(cued[corpus.row(s)].score for s in members)
    strong = [s for s in members if cued[corpus.row(s)].score >= LEAD_SHARE * best]
    lead = max(strong, key=lambda s: (cued[corpus.row(s)].score / max(1, len(corpus.tokens[corpus.row(s)])),
                                      -corpus.row(s)))
    return SentenceGroup((lead, *(s for s in members if s is not lead)))


def _candidate(group: SentenceGroup, cued: Sequence[Cued], corpus: Corpus) -> Candidate:
    """A step as a candidate point: its strongest cue score x corroboration x brevity."""
    order = min(corpus.row(s) for s in group.sentences)
    row = corpus.row(group.representative)
    score = max(cued[corpus.row(s)].score for s in group.sentences) * corroboration(len(group.sources))
    return Candidate(group, score * brevity(len(corpus.tokens[row])), row, order)
