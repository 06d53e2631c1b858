"""Open-issue sections: what the sources say about each configured issue, and each party's position.

A sentence belongs to an issue by meaning, not by a bare keyword. Its relevance adds up
(a) the issue's configured terms it contains, (b) its TF-IDF similarity to the issue's *core*
(the centroid of the sentences whose terms alone clear the threshold: a phrase, an acronym or
two distinct terms), (c) a share of the threshold when it refers back to a relevant previous
sentence ("the plant" right after "the nuclear power plant") and (e) a small bonus when a party
states a stance on one of the terms; (d) an ``exclude`` phrase vetoes it. Terms that are
ambiguous on their own -- proper names (a city may share the plant's name) and single words that
are part of one of the issue's phrases ("security" of "security guarantees") -- count only with
supporting context, and their own words are left out of the similarity that supports them.
Each sentence joins every issue where its relevance reaches THRESHOLD; near-duplicates across
outlets are one point carrying every source, ranked by relevance x corroboration x brevity.

Positions (briefing.stances) are the relevant sentences whose subject is a party stating a stance.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from briefing.config import Config, IssueConfig
from briefing.dedup import SentenceGroup, group_duplicates
from briefing.models import Point, Position, Section, Sentence
from briefing.names import Lexicon, Party, Person
from briefing.stances import compile_aliases, stance_holder
from briefing.stopwords import stop_words
from briefing.vectors import TermSpace
from briefing.words import Token, stem, tokenize

log = logging.getLogger(__name__)

# Term weights. Each word of a phrase weighs 1: "nuclear power plant" (3) alone clears the
# threshold, because its words together are far more specific than any one of them. An acronym
# (ZNPP, IAEA) abbreviates a phrase, so it weighs like a two-word one.
WORD_WEIGHT = 1.0
ACRONYM_WEIGHT = 2.0
# Relevance a sentence needs to belong to an issue: one phrase, or two distinct terms, or one
# term in a sentence that resembles the core (similarity >= (2 - 1) / SIM_WEIGHT = 0.25), or a
# close paraphrase of the core with no term at all (similarity >= 0.5). A lone word ("regions"
# in "drones shot down over Russian regions") is not enough: one word is not a topic.
THRESHOLD = 2.0
SIM_WEIGHT = 4.0
# A party stating a stance ("Ukraine will not surrender land") on something a term names: a
# quarter of the threshold, so a lone term with a stance still needs some resemblance to the core.
STANCE_BONUS = 0.5
# Context similarity (names and fragments themselves left out) that lets an ambiguous term count;
# unrelated sentences of the same story share a few words with the core and stay below ~0.1.
SUPPORT_SIM = 0.15
# Referring back: a definite noun naming what the previous sentence's term named ("the plant")
# carries the whole threshold; a vaguer anaphor ("such concessions", "It ...") half of it, so the
# sentence needs evidence of its own too.
COREF_DEFINITE = 1.0
COREF_VAGUE = 0.5
# Corroboration: each further outlet carrying a fact adds half the weight of the first.
CORROBORATION = 0.5
# Points are discounted beyond this many words: a long sentence carries several facts and the
# issue is only one of them; a briefing line should be quick to read.
BRIEF_WORDS = 30
# Two points whose TF-IDF cosine reaches this say the same thing in other words.
REDUNDANT_SIM = 0.5
# Stated positions shown per party and issue: the position, not every restatement of it.
MAX_POSITION_POINTS = 2
# Tokens after a matched term that a later "the <noun>" may refer to ("Donbass region" -> "the region").
HEAD_WINDOW = 2
_DEMONSTRATIVES = frozenset({"the", "this", "that", "these", "those"})
_VAGUE_DETERMINERS = frozenset({"such", "this", "these", "those"})
_VAGUE_OPENERS = frozenset({"it", "they", "this", "these"})
_TIME_NOUNS = frozenset({"year", "month", "week", "time", "morning", "evening", "day", "weekend", "season"})


@dataclass(frozen=True, slots=True)
class Term:
    """A configured issue term: its stems, weight, and whether it needs supporting context."""

    text: str
    stems: tuple[str, ...]
    weight: float
    weak: bool


@dataclass(frozen=True, slots=True)
class TermMatch:
    """Where a term occurs in a sentence (token positions)."""

    term: Term
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A group of near-duplicate sentences competing for a place in a list of points."""

    group: SentenceGroup
    score: float
    row: int
    order: int


@dataclass(frozen=True, slots=True)
class Corpus:
    """Sentences with their tokens and TF-IDF rows (l2-normalised, columns named by ``vocabulary``)."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[tuple[Token, ...], ...]
    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]
    positions: dict[tuple[str, int], int]

    def row(self, sentence: Sentence) -> int:
        """Input position of a sentence (by article id and index)."""
        return self.positions[(sentence.article_id, sentence.index)]

    def previous(self, i: int) -> int | None:
        """Position of the sentence just before sentence i in the same article, if any."""
        s = self.sentences[i]
        return self.positions.get((s.article_id, s.index - 1))


def build_corpus(sentences: Sequence[Sentence], lexicon: Lexicon) -> Corpus:
    """Tokenise the sentences and compute their TF-IDF vectors over stems, stop words left out."""
    memo: dict[str, tuple[str, str]] = {}
    tokens = tuple(tokenize(s.text, lexicon, memo) for s in sentences)
    stops = stop_words()
    bags = [Counter(t.stem for t in toks if len(t.key) > 1 and t.key not in stops) for toks in tokens]
    space = TermSpace.build(bags)  # the stories' weighting: sublinear tf, smoothed idf, unit rows
    matrix, vocabulary = space.matrix(bags), dict(space.columns)
    positions = {(s.article_id, s.index): i for i, s in enumerate(sentences)}
    return Corpus(tuple(sentences), tokens, matrix, vocabulary, positions)


def corroboration(sources: int) -> float:
    """Weight of a fact carried by this many outlets."""
    return 1.0 + CORROBORATION * max(0, sources - 1)


def choose_points(candidates: Iterable[Candidate], corpus: Corpus, limit: int) -> list[Point]:
    """The best candidates, none redundant with a better one, in reading order."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.score, c.order)):
        if len(chosen) >= limit:
            break
        vector = corpus.matrix[cand.row]
        if any((vector @ corpus.matrix[c.row].T).sum() >= REDUNDANT_SIM for c in chosen):
            continue
        chosen.append(cand)
    chosen.sort(key=lambda c: c.order)
    return [Point(c.group.representative.text, tuple(c.group.sources), round(float(c.score), 3))
            for c in chosen]


def brevity(words: int) -> float:
    """Discount of a long sentence: 1 up to BRIEF_WORDS words, then sqrt(BRIEF_WORDS / words)."""
    return min(1.0, (BRIEF_WORDS / max(1, words)) ** 0.5)


def candidate(group: SentenceGroup, score: float, corpus: Corpus) -> Candidate:
    """A group as a candidate point, scored by score x corroboration x brevity."""
    order = min(corpus.row(s) for s in group.sentences)
    row = corpus.row(group.representative)
    weighted = score * corroboration(len(group.sources)) * brevity(len(corpus.tokens[row]))
    return Candidate(group, weighted, row, order)


# --- issue relevance -------------------------------------------------------------------------

def compile_terms(issue: IssueConfig, lexicon: Lexicon) -> tuple[Term, ...]:
    """The issue's terms with weights; names and fragments of phrases are marked weak."""
    stems_of = {t: tuple(tok.stem for tok in tokenize(t, lexicon)) for t in issue.terms}
    in_phrases = {s for st in stems_of.values() if len(st) > 1 for s in st}
    terms = []
    for text, stems in stems_of.items():
        if not stems:
            continue
        if len(stems) > 1:
            terms.append(Term(text, stems, WORD_WEIGHT * len(stems), False))
        elif len(text.replace(".", "")) > 1 and text.replace(".", "").isupper():
            terms.append(Term(text, stems, ACRONYM_WEIGHT, False))
        else:
            terms.append(Term(text, stems, WORD_WEIGHT, text[:1].isupper() or stems[0] in in_phrases))
    return tuple(sorted(terms, key=lambda t: -len(t.stems)))


def match_terms(tokens: Sequence[Token], terms: Sequence[Term]) -> list[TermMatch]:
    """Distinct terms found in the tokens, longest first, never two on the same words."""
    stems = [t.stem for t in tokens]
    present = set(stems)
    used: set[int] = set()
    found: list[TermMatch] = []
    for term in terms:
        n = len(term.stems)
        if not present.issuperset(term.stems):
            continue
        for i in range(len(stems) - n + 1):
            if tuple(stems[i:i + n]) == term.stems and not used & set(range(i, i + n)):
                used.update(range(i, i + n))
                found.append(TermMatch(term, i, i + n))
                break
    return found


def contains(tokens: Sequence[Token], phrases: Sequence[tuple[str, ...]]) -> bool:
    """True when any phrase (as stems) occurs in the tokens."""
    stems = [t.stem for t in tokens]
    return any(tuple(stems[i:i + len(p)]) == p for p in phrases if p for i in range(len(stems)))


def term_evidence(matches: Sequence[TermMatch], context: bool) -> float:
    """Weight of the matched terms; weak ones count with context, another term, or each other."""
    strong = sum(m.term.weight for m in matches if not m.term.weak)
    weak = [m.term for m in matches if m.term.weak]
    supported = context or strong > 0 or len(weak) >= 2
    return strong + (sum(t.weight for t in weak) if supported else 0.0)


def core_similarity(corpus: Corpus, evidence: Sequence[float], weak_stems: set[str]) -> np.ndarray:
    """Cosine of every sentence with the centroid of the core (weak terms' own words left out)."""
    if not evidence or max(evidence) <= 0:
        return np.zeros(len(evidence))
    best = max(evidence)
    core = [i for i, e in enumerate(evidence) if e >= min(THRESHOLD, best)]
    mask = np.ones(corpus.matrix.shape[1])
    mask[[corpus.vocabulary[w] for w in weak_stems if w in corpus.vocabulary]] = 0.0
    matrix = corpus.matrix @ sparse.diags(mask)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    rows = sparse.diags(1.0 / norms) @ matrix
    centroid = np.asarray(rows[core].mean(axis=0)).ravel()
    size = np.linalg.norm(centroid)
    return np.asarray(rows @ (centroid / size)).ravel() if size else np.zeros(len(evidence))


def refers_back(tokens: Sequence[Token], previous: Sequence[Token], matches: Sequence[TermMatch]) -> float:
    """Share of the threshold a sentence inherits by referring to the previous one (0 when it does not)."""
    heads: set[str] = set()
    for m in matches:
        after = previous[m.end - 1:m.end + HEAD_WINDOW]
        heads.update(t.stem for t in after if t.key not in stop_words())
    keys = [t.key for t in tokens]
    for i, key in enumerate(keys):
        following = [t.stem for t in tokens[i + 1:i + 3]]
        if key in _DEMONSTRATIVES and heads & set(following):
            return COREF_DEFINITE
    for i, key in enumerate(keys[:-1]):
        nxt = keys[i + 1]
        if key in _VAGUE_DETERMINERS and nxt not in stop_words() and stem(nxt) not in _TIME_NOUNS:
            return COREF_VAGUE
    return COREF_VAGUE if keys and keys[0] in _VAGUE_OPENERS else 0.0


def issue_relevance(corpus: Corpus, issue: IssueConfig, lexicon: Lexicon,
                    stated: Sequence[bool] | None = None) -> np.ndarray:
    """Relevance of every sentence to one issue (see the module docstring).

    ``stated[i]`` says sentence i states a party's position; with a term of the issue in it, that
    is a stance on the issue, which adds STANCE_BONUS.
    """
    terms = compile_terms(issue, lexicon)
    exclude = [tuple(t.stem for t in tokenize(e, lexicon)) for e in issue.exclude]
    matches = [match_terms(toks, terms) for toks in corpus.tokens]
    sims = core_similarity(corpus, [term_evidence(m, False) for m in matches],
                           {s for t in terms if t.weak for s in t.stems})
    stance = [STANCE_BONUS if stated and stated[i] else 0.0 for i in range(len(matches))]

    def score(i: int, context: bool, share: float = 0.0) -> float:
        evidence = term_evidence(matches[i], context)
        return evidence + SIM_WEIGHT * sims[i] + (stance[i] if evidence else 0.0) + share * THRESHOLD

    own = np.array([score(i, sims[i] >= SUPPORT_SIM) for i in range(len(matches))])
    relevance = own.copy()
    for i, toks in enumerate(corpus.tokens):
        prev = corpus.previous(i)
        if contains(toks, exclude):
            relevance[i] = 0.0
        elif prev is not None and own[prev] >= THRESHOLD:
            share = refers_back(toks, corpus.tokens[prev], matches[prev])
            relevance[i] = score(i, True, share) if share else own[i]
    return relevance


# --- sections --------------------------------------------------------------------------------

def issue_sections(sentences: Sequence[Sentence], issues: Sequence[IssueConfig], parties: Sequence[Party],
                   people: Sequence[Person], lexicon: Lexicon, max_points: int = 4,
                   groups: Sequence[SentenceGroup] | None = None, corpus: Corpus | None = None) -> list[Section]:
    """One section per configured issue: its summary points and the parties' stated positions.

    ``groups`` are the briefing's claim groups (briefing.provenance); by default near-duplicates.
    """
    corpus = corpus or build_corpus(sentences, lexicon)  # the briefing builds it once for every section
    if groups is None:
        groups = group_duplicates(corpus.sentences, lexicon) if corpus.sentences else []
    aliases = compile_aliases(parties, people, lexicon)
    holders = [stance_holder(s.text, toks, aliases)
               for s, toks in zip(corpus.sentences, corpus.tokens, strict=True)]
    order = [p.name for p in parties]
    sections = []
    for issue in issues:
        relevance = issue_relevance(corpus, issue, lexicon, [h is not None for h in holders])
        scored = [(g, max(relevance[corpus.row(s)] for s in g.sentences)) for g in groups]
        relevant = [candidate(g, r, corpus) for g, r in scored if r >= THRESHOLD]
        points = choose_points(relevant, corpus, max_points)
        positions = issue_positions(relevant, corpus, holders, order)
        log.debug("issue %s: %d relevant groups, %d points", issue.id, len(relevant), len(points))
        sections.append(Section(issue.id, issue.title, tuple(points), positions))
    return sections


def issue_positions(relevant: Sequence[Candidate], corpus: Corpus, holders: Sequence[str | None],
                    order: Sequence[str]) -> tuple[Position, ...]:
    """Per party (in config order), the sentences on the issue in which it states a position."""
    by_party: dict[str, list[Candidate]] = {}
    for cand in relevant:
        party = holders[cand.row]
        if party:
            by_party.setdefault(party, []).append(cand)
    return tuple(Position(name, tuple(choose_points(by_party[name], corpus, MAX_POSITION_POINTS)))
                 for name in order if name in by_party)


def parties_from_config(config: Config) -> list[Party]:
    """The configured parties as names.Party records."""
    return [Party(p.id, p.name, tuple(p.aliases)) for p in config.parties]


def people_from_config(config: Config) -> list[Person]:
    """The configured people as names.Person records."""
    return [Person(p.name, tuple(p.aliases), tuple(p.titles), p.party) for p in config.people]
