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

Positions are sentences on the issue whose grammatical subject is a party or one of its people,
followed by a stance verb ("Moscow has demanded", "Ukraine says it needs"); a party mentioned
elsewhere in the sentence ("rejecting a Ukrainian proposition") does not hold the position.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from briefing.config import Config, IssueConfig
from briefing.dedup import SentenceGroup, group_duplicates
from briefing.models import Point, Position, Section, Sentence
from briefing.names import Lexicon, Party, Person
from briefing.stopwords import stop_words
from briefing.vectors import TermSpace

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
# Shortest stem the suffix stripper leaves: shorter words ("was", "has") are kept whole.
MIN_STEM = 3

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:[-'’]\w+)*")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))
_DOUBLED = re.compile(r"([bgmnprt])\1$")
_DEMONSTRATIVES = frozenset({"the", "this", "that", "these", "those"})
_VAGUE_DETERMINERS = frozenset({"such", "this", "these", "those"})
_VAGUE_OPENERS = frozenset({"it", "they", "this", "these"})
_TIME_NOUNS = frozenset({"year", "month", "week", "time", "morning", "evening", "day", "weekend", "season"})
# Stance expressions, as token sequences (keys: lower-case, folded, possessive dropped).
STANCE = tuple(tuple(s.split()) for s in (
    "want wants wanted demand demands demanded insist insists insisted reject rejects rejected "
    "refuse refuses refused need needs needed propose proposes proposed offer offers offered "
    "seek seeks sought urge urges urged oppose opposes opposed vow vows vowed pledge pledges pledged "
    "demanding insisting rejecting refusing seeking proposing offering urging opposing"
).split()) + tuple(tuple(s.split()) for s in (
    "will not", "would not", "won't", "cannot accept", "prepared to", "ready to", "willing to",
    "call for", "calls for", "called for", "calling for", "push for", "pushing for", "insisted on",
    "plans to",
))
_STANCE_FIRST = frozenset(s[0] for s in STANCE)
# "was rejected", "were offered": passive, so the party before the verb does not hold the stance.
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Nouns that state a stance when a party owns them ("Moscow's demands").
STANCE_NOUNS = frozenset({"demand", "demands", "proposal", "proposals", "offer", "position", "insistence",
                          "refusal", "condition", "conditions", "terms", "plan", "goals", "goal"})
# Reported-speech verbs: the person before or after one is the speaker of the sentence's words.
SPEECH_VERBS = frozenset({"said", "says", "told", "stated", "added", "insisted", "argued", "declared"})
# Words that make a quoted sentence a stance even without a stance verb ("is not negotiable").
STANCE_MARKERS = frozenset({"must", "negotiable", "unacceptable", "never", "demand", "demands"})
# Words allowed between a subject and its stance verb ("Moscow has long demanded", "Ukraine says it needs").
FILLERS = frozenset({
    "has", "have", "had", "is", "are", "was", "were", "been", "be", "will", "would", "also", "still",
    "now", "repeatedly", "again", "long", "firmly", "publicly", "always", "reportedly", "already",
    "consistently", "says", "said", "say", "it", "they", "he", "she", "only", "clearly",
})
# An inserted clause between subject and verb: ", who would have to vote ...," or a short appositive.
RELATIVES = frozenset({"who", "which", "whose"})
APPOSITIVE_MAX = 6
# Heads that make an alias the subject's modifier ("European leaders", "Ukrainian officials").
ROLE_NOUNS = frozenset({
    "leader", "leaders", "official", "officials", "government", "side", "delegation", "negotiator",
    "negotiators", "team", "president", "authorities", "army", "forces", "troops", "envoy", "envoys",
    "spokesman", "spokeswoman", "minister", "ministry", "people", "allies", "diplomats", "management",
    "members", "leadership", "representatives",
})


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a sentence: as written, its folded key, its stem and its place."""

    text: str
    key: str
    stem: str
    start: int
    end: int


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


def stem(word: str) -> str:
    """A light English suffix stripper: demands/demanded -> demand, occupies/occupied -> occupy."""
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            base = word[: len(word) - len(suffix)]
            if suffix in ("ing", "ed") and _DOUBLED.search(base):
                base = base[:-1]
            return base + replacement
    return word


def tokenize(text: str, lexicon: Lexicon,
             memo: dict[str, tuple[str, str]] | None = None) -> tuple[Token, ...]:
    """The words of a text with folded keys (spelling variants merged) and stems.

    ``memo`` (word -> key, stem) saves re-folding words seen before in the same run.
    """
    memo = {} if memo is None else memo
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word not in memo:
            key = lexicon.fold(re.sub(r"'s$", "", word.replace("’", "'"), flags=re.IGNORECASE))
            memo[word] = (key, stem(key))
        key, stem_ = memo[word]
        out.append(Token(word, key, stem_, match.start(), match.end()))
    return tuple(out)


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


# --- positions -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Alias:
    """One way of naming a party (a party alias, or a person of that party)."""

    keys: tuple[str, ...]
    acronym: bool
    party: str


def compile_aliases(parties: Sequence[Party], people: Sequence[Person],
                    lexicon: Lexicon) -> tuple[Alias, ...]:
    """Every party alias and party member's name, as token keys, longest first."""
    names = {p.id: p.name for p in parties}
    spellings = [(a, p.name) for p in parties for a in (p.name, *p.aliases)]
    spellings += [(a, names[p.party]) for p in people if p.party in names for a in p.spellings]
    aliases = {Alias(tuple(t.key for t in tokenize(a, lexicon)), _is_acronym(a), party)
               for a, party in spellings}
    return tuple(sorted((a for a in aliases if a.keys), key=lambda a: (-len(a.keys), a.keys, a.party)))


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return len(letters) > 1 and letters.isupper()


def mention_ending_at(tokens: Sequence[Token], end: int, aliases: Sequence[Alias]) -> str | None:
    """The party named by the words ending at token ``end`` (inclusive), if any."""
    for alias in aliases:
        n = len(alias.keys)
        start = end - n + 1
        if start < 0 or tuple(t.key for t in tokens[start:end + 1]) != alias.keys:
            continue
        if alias.acronym and not all(t.text.replace(".", "").isupper() for t in tokens[start:end + 1]):
            continue
        return alias.party
    return None


def stance_holder(text: str, tokens: Sequence[Token], aliases: Sequence[Alias]) -> str | None:
    """The party that is the subject of the sentence's first stance expression, if any."""
    keys = [t.key for t in tokens]
    for i in range(len(tokens)):
        if keys[i] in STANCE_NOUNS and i > 0 and re.search(r"['’]s$", tokens[i - 1].text):
            party = mention_ending_at(tokens, i - 1, aliases)
            if party:
                return party
        stance = _stance_at(keys, i)
        passive = len(stance) == 1 and i > 0 and keys[i - 1] in BE_FORMS and keys[i].endswith(("ed", "ght"))
        party = _subject_before(text, tokens, i, aliases) if stance and not passive else None
        if party:
            return party
    return speaker_holder(text, tokens, aliases)


def speaker_holder(text: str, tokens: Sequence[Token], aliases: Sequence[Alias]) -> str | None:
    """The party whose person or spokesman is quoted stating a stance ('"X is not negotiable," Berg said')."""
    keys = [t.key for t in tokens]
    if not any(k in STANCE_MARKERS or _stance_at(keys, i) for i, k in enumerate(keys)):
        return None
    for i, key in enumerate(keys):
        if key not in SPEECH_VERBS:
            continue
        before = mention_ending_at(tokens, i - 1, aliases) if i > 0 and _gap(text, tokens, i - 1) == "" else None
        after = _mention_starting_at(tokens, i + 1, aliases) if i + 1 < len(tokens) else None
        if before or after:
            return before or after
    return None


def _mention_starting_at(tokens: Sequence[Token], start: int, aliases: Sequence[Alias]) -> str | None:
    """The party named by the words starting at token ``start``, if any ('said Berg')."""
    return next((mention_ending_at(tokens, start + len(a.keys) - 1, aliases) for a in aliases
                 if tuple(t.key for t in tokens[start:start + len(a.keys)]) == a.keys), None)


def _stance_at(keys: Sequence[str], i: int) -> tuple[str, ...]:
    """The stance expression starting at token i (empty when there is none)."""
    if keys[i] not in _STANCE_FIRST:
        return ()
    return next((s for s in STANCE if tuple(keys[i:i + len(s)]) == s), ())


def _subject_before(text: str, tokens: Sequence[Token], verb: int, aliases: Sequence[Alias]) -> str | None:
    """Walk back from a stance verb over auxiliaries (and one inserted clause) to a party mention."""
    j = verb - 1
    while j >= 0 and _gap(text, tokens, j) == "" and tokens[j].key in FILLERS:
        j -= 1
    if j >= 0 and _gap(text, tokens, j) == ",":
        k = next((k for k in range(j, 0, -1) if _gap(text, tokens, k - 1) == ","), 0)
        if k == 0 or not (tokens[k].key in RELATIVES or j - k < APPOSITIVE_MAX):
            return None
        j = k - 1
    elif j < 0 or _gap(text, tokens, j) != "":
        return None
    party = mention_ending_at(tokens, j, aliases)
    if party is None and tokens[j].key in ROLE_NOUNS and j > 0 and _gap(text, tokens, j - 1) == "":
        party = mention_ending_at(tokens, j - 1, aliases)
    return party


def _gap(text: str, tokens: Sequence[Token], j: int) -> str | None:
    """What separates token j from token j + 1, spaces removed (None after the last token)."""
    return text[tokens[j].end:tokens[j + 1].start].strip() if j + 1 < len(tokens) else None
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
