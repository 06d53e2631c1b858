"""Exact provenance: one grouping of sentences into claims, and one rule for citing a source.

An outlet is cited for a point only when one of its sentences *supports* it: the sentence itself,
or a paraphrase of the same claim. The paraphrase check (``supports``) asks of the evidence that it
states the point's numbers and dates and names its named actors (by the name's last word), that it
shares most of the point's content words, weighted by their rarity in the briefing's sentences
(and the point a fair share of its own), and that the two
hold as many negations ("not", "no", "without", "failed to", "not yet"): one negated and the other
not, or a "not not", says the opposite; a point that promises, demands, refuses, orders... needs
evidence with the same verb. A forward-looking sentence also supports another when
their *step clauses* (briefing.nextsteps) make the same claim and the two sentences share a named
actor: "further rounds would take place soon, Medinsky said" and
"Medinsky said another round of talks would be held soon" announce one step.

The grouping (``Claims``) is built once per briefing over every sentence: near-duplicate groups
(briefing.dedup) split so that every member supports its leader or is supported by it, then
forward-looking claims that announce the same step joined. A group is what a briefing shows once;
within it, a point cites only the members that support the very sentence shown. The summary,
the issues, the positions and the next steps all cite through ``Claims.cite``, so a point cites
the same outlets wherever it appears, and ``Claims.key`` says which points are one claim.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from briefing.compression import origin
from briefing.dedup import STOP_WORDS, SentenceGroup, group_duplicates, stemmer
from briefing.models import Evidence, Point, Sentence
from briefing.names import Lexicon
from briefing.sentences import words
from briefing.stepcues import event_text, step_clause
from briefing.stopwords import stop_words

log = logging.getLogger(__name__)

# Share of the point's content words the evidence must state: a paraphrase may swap a word or two
# ("concluded" / "ended") or drop a minor one, not replace the claim.
POINT_COVERAGE = 0.6
# Share of the evidence's content words the point must state: a long sentence that mentions the
# point's words in passing while saying something else is not its evidence.
EVIDENCE_COVERAGE = 0.3
# Negation and its relatives: a sentence with one says the opposite of one without
# ("the talks ended without a schedule" / "a schedule was set").
NEGATIONS = frozenset({"not", "no", "never", "without", "neither", "nor", "none", "nothing", "nobody",
                       "cannot", "failed", "fail", "fails", "unable", "yet"})
# Number words news writes out; "two hours" and "2 hours" state the same number.
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
                     "thousand": "1000", "million": "1000000", "billion": "1000000000"})
# Earlier next steps compared per word of a new step's clause: a day's news repeats a step in
# dozens of outlets, all caught by the most recent few dozen candidates.
MAX_STEP_CANDIDATES = 64
# Verbs of saying and deciding that name what kind of claim a sentence makes: the evidence for a
# point with one of them must use it too ("promised to comply" is not "demanded that it comply").
CLAIM_VERBS = ("promised pledged vowed threatened demanded urged rejected refused denied accused proposed "
               "offered approved agreed decided announced ordered cancelled postponed suspended resigned "
               "appointed signed banned warned").split()
# Days and months are capitalised like names but name no actor.
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                     "june july august september october november december".split())
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Profile:
    """What the paraphrase check compares of one text: content stems, names, numbers, polarity."""

    terms: frozenset[str]
    names: frozenset[tuple[str, ...]]
    numbers: frozenset[str]
    negations: int

    @property
    def name_words(self) -> frozenset[str]:
        """Every word of every name."""
        return frozenset(w for run in self.names for w in run)

    @property
    def heads(self) -> frozenset[str]:
        """The last word of every name: the surname, the place, the day ("Envoy Ana Ruiz" -> "ruiz")."""
        return frozenset(run[-1] for run in self.names)

    def names_in(self, other: Profile) -> bool:
        """Whether the other text names everyone this one names ("Envoy Ana Ruiz" is named by "Ruiz")."""
        return self.heads <= other.name_words


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence's profile, and its step clause's profile when it announces a next step."""

    whole: Profile
    step: Profile | None


def profile(text: str, lexicon: Lexicon | None = None) -> Profile:
    """The profile of a text (sentence or clause)."""
    tokens = lexicon.words(text) if lexicon is not None else words(text)
    numbers = {NUMBER_WORDS.get(t, t) for t in tokens if t in NUMBER_WORDS or _NUMBER.fullmatch(t)}
    numbers |= {n.replace(",", "") for n in _NUMBER.findall(text)}
    negations = sum(1 for t in tokens if t in NEGATIONS or t.endswith("n't"))
    stem = stemmer()
    terms = frozenset(stem(t) for t in tokens if t not in STOP_WORDS and len(t) > 1)
    return Profile(terms, names(text, lexicon), frozenset(numbers), negations)


def names(text: str, lexicon: Lexicon | None = None) -> frozenset[tuple[str, ...]]:
    """Runs of capitalised words (names, places, days, months) of a text, folded, stop words left out.

    "Labour Minister Jonas Berg" is one run: another text names the same actor with its last word.
    """
    runs: list[list[str]] = []
    end = -1
    for match in _CAPITALISED.finditer(text):
        word = _POSSESSIVE.sub("", match.group()).strip(".'’-")
        key = lexicon.fold(word) if lexicon is not None else word.lower()
        if not key or key in stop_words() or len(key) < 2:
            continue
        if runs and not text[end:match.start()].strip():
            runs[-1].append(key)
        else:
            runs.append([key])
        end = match.end()
    return frozenset(tuple(run) for run in runs)


def claim(text: str, lexicon: Lexicon | None = None, clause: str | None = "") -> Claim:
    """The profiles the paraphrase check needs for one sentence (``clause``: its step clause, if known)."""
    whole = profile(text, lexicon)
    clause = step_clause(text) if clause == "" else clause
    if clause is None:
        return Claim(whole, None)
    step = profile(event_text(clause), lexicon)
    said = set(lexicon.words(clause) if lexicon is not None else words(clause))
    return Claim(whole, replace(step, names=frozenset(run for run in whole.names if set(run) & said)))


def same_claim(point: Profile, evidence: Profile, rarity: Mapping[str, float] | None = None) -> bool:
    """True when the evidence states the point's claim (see the module docstring).

    With ``rarity`` (a word's idf over the briefing's sentences), shared words count by weight: the
    story's own names and topic words, shared by everything, carry little of a claim.
    """
    if point.negations != evidence.negations:
        return False
    if not point.numbers <= evidence.numbers or not point.names_in(evidence):
        return False
    if not point.terms:
        return point.terms == evidence.terms
    if not (point.terms & claim_verbs()) <= evidence.terms:
        return False  # "promised" is not "demanded", whatever else the two share
    weight = _weigher(rarity)
    shared = sum(weight(t) for t in point.terms & evidence.terms)
    return (shared >= POINT_COVERAGE * sum(weight(t) for t in point.terms)
            and shared >= EVIDENCE_COVERAGE * max(1.0, sum(weight(t) for t in evidence.terms)))


@lru_cache(maxsize=1)
def claim_verbs() -> frozenset[str]:
    """Stems of the verbs that make a claim what it is: a promise, a demand, a refusal, an order..."""
    stem = stemmer()
    return frozenset(stem(w) for w in CLAIM_VERBS)


def _weigher(rarity: Mapping[str, float] | None) -> Callable[[str], float]:
    """A word's weight: its rarity (unseen words the rarest), or 1 without rarities."""
    if not rarity:
        return lambda _term: 1.0
    top = max(rarity.values())
    return lambda term: rarity.get(term, top)


def term_rarity(texts: Sequence[str], lexicon: Lexicon | None = None) -> dict[str, float]:
    """Smoothed idf of every content stem over the texts (one text = one sentence)."""
    stem = stemmer()
    df: Counter[str] = Counter()
    for text in texts:
        tokens = lexicon.words(text) if lexicon is not None else words(text)
        df.update({stem(t) for t in tokens if t not in STOP_WORDS and len(t) > 1})
    n = len(texts)
    return {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}


def supports(point: Claim, evidence: Claim, rarity: Mapping[str, float] | None = None) -> bool:
    """True when a sentence with the evidence's claim may be cited for the point."""
    if same_claim(point.whole, evidence.whole, rarity):
        return True
    if point.step is None or evidence.step is None:
        return False
    actors = (point.whole.heads & evidence.whole.heads) - CALENDAR  # "Friday" is a date, not an actor
    unnamed = not point.whole.heads - CALENDAR and not evidence.whole.heads - CALENDAR
    same_numbers = point.whole.numbers <= evidence.whole.numbers  # "20 percent" is no "18 percent"
    return (bool(actors) or unnamed) and same_numbers and same_claim(point.step, evidence.step, rarity)


@lru_cache(maxsize=4096)
def _text_claim(text: str) -> Claim:
    return claim(text)


def text_supports(point: str, evidence: str, lexicon: Lexicon | None = None,
                  rarity: Mapping[str, float] | None = None) -> bool:
    """The paraphrase check on two plain texts: for checking a briefing's output.

    ``rarity`` should be ``term_rarity`` of the briefing's sentences, as the build weighs words.
    """
    if point == evidence:
        return True
    if lexicon is None:
        return supports(_text_claim(point), _text_claim(evidence), rarity)
    return supports(claim(point, lexicon), claim(evidence, lexicon), rarity)


@dataclass(frozen=True, slots=True)
class Claims:
    """Every sentence of a briefing grouped into claims, and the rule that cites them."""

    sentences: tuple[Sentence, ...]
    claims: tuple[Claim | None, ...]  # None for a sentence alone in its group: it is never compared
    group: tuple[int, ...]
    members: tuple[tuple[int, ...], ...]
    rows: dict[str, int]
    rarity: dict[str, float]

    def groups(self) -> list[SentenceGroup]:
        """The claim groups as SentenceGroups, leader first, in order of their leaders."""
        return [SentenceGroup(tuple(self.sentences[i] for i in m)) for m in self.members if m]

    def row(self, text: str) -> int | None:
        """The input position of the sentence with this exact text, else of the one it is a trim of
        (briefing.compression: a piece of it, with a period where it stopped at a comma), if any."""
        found = self.rows.get(text)
        if found is None and text.endswith("."):
            found = origin(text, [s.text for s in self.sentences])
        return found

    def key(self, text: str) -> int | None:
        """The claim group of the sentence with this text: two points with one key are one claim."""
        row = self.row(text)
        return self.group[row] if row is not None else None

    def cite(self, text: str) -> tuple[Evidence, ...]:
        """Per source, the sentence that supports the text (its own sentence first), by source id."""
        row = self.row(text)
        if row is None:
            return ()
        chosen = {self.sentences[row].article_id: self.sentences[row]}
        point = self.claims[row]
        for m in self.members[self.group[row]]:
            s, other = self.sentences[m], self.claims[m]
            if s.article_id not in chosen and point and other and supports(point, other, self.rarity):
                chosen[s.article_id] = s
        return tuple(Evidence(source, chosen[source].text) for source in sorted(chosen))

    def recite(self, point: Point) -> Point:
        """The point citing exactly the sources that support it, each with its evidence."""
        evidence = self.cite(point.text)
        if not evidence:
            return point
        return replace(point, sources=tuple(e.source for e in evidence), evidence=evidence)


def build_claims(sentences: Sequence[Sentence], lexicon: Lexicon | None = None) -> Claims:
    """Group the sentences into claims (see the module docstring)."""
    sentences = tuple(sentences)
    positions = {(s.article_id, s.index): i for i, s in enumerate(sentences)}
    rows: dict[str, int] = {}
    for i, s in enumerate(sentences):
        rows.setdefault(s.text, i)
    near = [[positions[(s.article_id, s.index)] for s in g.sentences]
            for g in (group_duplicates(sentences, lexicon) if sentences else [])]
    steps = [step_clause(s.text) for s in sentences]
    compared = {i for g in near if len(g) > 1 for i in g} | {i for i, c in enumerate(steps) if c}
    claims = tuple(claim(s.text, lexicon, steps[i]) if i in compared else None for i, s in enumerate(sentences))
    rarity = term_rarity([s.text for s in sentences], lexicon)
    split: list[list[int]] = []
    for rows_ in near:
        split += split_group(rows_, claims, rarity)
    members = join_steps(split, claims, rarity)
    group = [0] * len(sentences)
    for g, rows_ in enumerate(members):
        for i in rows_:
            group[i] = g
    log.debug("%d sentences in %d claims", len(sentences), len(members))
    return Claims(sentences, claims, tuple(group), tuple(tuple(m) for m in members), rows, rarity)


def split_group(rows: Sequence[int], claims: Sequence[Claim | None],
                rarity: Mapping[str, float] | None = None) -> list[list[int]]:
    """A near-duplicate group split so that each member supports its leader or is supported by it."""
    if len(rows) == 1:
        return [list(rows)]
    parts: list[list[int]] = []
    for i in rows:
        home = next((p for p in parts if _either(claims[p[0]], claims[i], rarity)), None)
        if home is None:
            parts.append([i])
        else:
            home.append(i)
    return parts


def join_steps(groups: list[list[int]], claims: Sequence[Claim | None],
               rarity: Mapping[str, float] | None = None) -> list[list[int]]:
    """Groups whose leaders announce the same next step (one way or the other) joined; order kept.

    Only earlier step leaders sharing a word of the step clause are compared (the check needs most
    of them shared), the most recent MAX_STEP_CANDIDATES per word: linear in the steps of a day.
    """
    out: list[list[int]] = []
    leads: list[list[int]] = []
    by_term: dict[str, list[int]] = {}
    for g in sorted(groups, key=lambda g: g[0]):
        lead = claims[g[0]]
        if lead is None or lead.step is None:
            out.append(g)
            continue
        home = _same_step_lead(lead, leads, by_term, claims, rarity)
        if home is not None:
            leads[home].extend(g)
            continue
        for term in lead.step.terms:
            by_term.setdefault(term, []).append(len(leads))
        leads.append(g)
        out.append(g)
    return out


def _same_step_lead(lead: Claim, leads: list[list[int]], by_term: dict[str, list[int]],
                    claims: Sequence[Claim | None], rarity: Mapping[str, float] | None) -> int | None:
    """The earlier step group whose leader announces the same step as ``lead``, if any."""
    seen: set[int] = set()
    for term in sorted(lead.step.terms if lead.step else ()):
        for h in by_term.get(term, [])[-MAX_STEP_CANDIDATES:]:
            if h not in seen:
                seen.add(h)
                if _either(claims[leads[h][0]], lead, rarity):
                    return h
    return None


def _either(a: Claim | None, b: Claim | None, rarity: Mapping[str, float] | None = None) -> bool:
    return a is not None and b is not None and (supports(a, b, rarity) or supports(b, a, rarity))
