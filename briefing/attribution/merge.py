"""Merge across outlets: reports of one quotation, even in different translations, become one group.

Reports are compared by their content words (Dice) and word sequence; a partial quote inside a
longer one is the same quotation; reports of different speakers never merge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol, TypeVar

from briefing.mentions import FUZZY_MIN_LENGTH, misspells
from briefing.names import Lexicon
from briefing.sentences import words
from briefing.speech import STOPWORDS

# Two reports are one quotation when their content words (Dice) or word sequence
# agree this much: translations of one statement score 0.57-0.75, different
# statements of one speaker below 0.35 on the sample stories.
MERGE_SIMILARITY = 0.55
# ...and share at least this many content words (short fragments share too few to tell).
MERGE_MIN_SHARED = 3
# A partial quote inside a longer one is the same quotation when it has this many
# content words, or at least half of the longer one's.
CONTAINED_MIN_CONTENT = 3
# An unattributed report borrows another outlet's speaker only when it is this long: short phrases
# ("how the system is rigged") are repeated, mocked and chanted by other people.
BORROW_MIN_WORDS = 6
# A word used by more quotation groups than this says nothing about which one a new
# report belongs to; looking candidates up by it would make grouping quadratic.
COMMON_WORD_GROUPS = 40


class Report(Protocol):
    """One outlet's report of a quotation: its words and the speaker it gives."""

    @property
    def text(self) -> str: ...  # noqa: D102

    @property
    def speaker(self) -> str | None: ...  # noqa: D102


R = TypeVar("R", bound=Report)


@dataclass(frozen=True, slots=True)
class Wording:
    """A quote's words for comparison: all of them, and the content words, folded and stemmed."""

    all: tuple[str, ...]
    content: frozenset[str]
    numbers: frozenset[str]
    bag: frozenset[tuple[str, int]]  # the words as a multiset: (word, its nth occurrence)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[:-len(suffix)]
    return word


def wording(text: str, lexicon: Lexicon | None) -> Wording:
    raw = [w.replace("-", "").replace("'", "").replace("’", "") for w in
           (lexicon.words(text) if lexicon else words(text))]
    stems = tuple(_stem(w) for w in raw)
    seen: Counter[str] = Counter()
    bag = []
    for stem in stems:
        seen[stem] += 1
        bag.append((stem, seen[stem]))
    return Wording(stems, frozenset(_stem(w) for w in raw if w not in STOPWORDS and len(w) > 2 and not w.isdigit()),
                   frozenset(w for w in raw if w.isdigit()), frozenset(bag))


def similarity(a: Wording, b: Wording, floor: float = 0.0) -> float:
    """1.0 for the same words or a partial quote inside a longer one; else content/sequence overlap.

    With ``floor``, a pair that cannot reach it may get any value below it (its content overlap):
    the word-sequence ratio is only computed when its upper bounds exceed both.
    """
    if a.all == b.all:
        return 1.0
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return 0.0  # "20 percent" and "30 percent" are different statements, however alike
    short, long = sorted((a, b), key=lambda w: len(w.all))
    n = len(short.all)
    if short.content and any(long.all[i:i + n] == short.all for i in range(len(long.all) - n + 1)):
        if len(short.content) >= CONTAINED_MIN_CONTENT or 2 * len(short.content) >= len(long.content):
            return 1.0
    shared = len(a.content & b.content)
    if shared < MERGE_MIN_SHARED:
        return 0.0
    dice = 2 * shared / (len(a.content) + len(b.content))
    needed = max(dice, floor)  # the sequence ratio matters only above this
    if 2 * min(len(a.all), len(b.all)) / (len(a.all) + len(b.all)) < needed:
        return dice  # SequenceMatcher.real_quick_ratio, without building the matcher
    if 2 * len(a.bag & b.bag) / (len(a.all) + len(b.all)) < needed:
        return dice  # SequenceMatcher.quick_ratio: the words in common, in any order
    return max(dice, SequenceMatcher(None, a.all, b.all, autojunk=False).ratio())


def cluster(found: Sequence[R], lexicon: Lexicon | None, min_words: int) -> list[list[R]]:
    """Group reports of one quotation; never across different speakers."""
    clusters: list[list[R]] = []
    speakers: list[str | None] = []
    wordings: list[set[Wording]] = []
    index: dict[str, set[int]] = {}  # content word (or whole wording) -> clusters that use it
    for f in found:
        w = wording(f.text, lexicon)
        postings = [index.get(key, set()) for key in (" ".join(w.all), *w.content)]
        near = set().union(*(p for p in postings if len(p) <= COMMON_WORD_GROUPS))
        scored = [(max(similarity(w, other, MERGE_SIMILARITY) for other in wordings[i]), i) for i in sorted(near)
                  if _compatible(speakers[i], f, min_words)]
        scored = [(score, i) for score, i in scored if score >= MERGE_SIMILARITY]
        known = {speakers[i] for _, i in scored if speakers[i]}
        if not scored or (f.speaker is None and len(known) > 1):
            clusters.append([])
            speakers.append(None)
            wordings.append(set())
            best = len(clusters) - 1
        else:
            best = max(scored, key=lambda si: (si[0], -si[1]))[1]
        clusters[best].append(f)
        speakers[best] = speakers[best] or f.speaker
        wordings[best].add(w)
        for key in (" ".join(w.all), *w.content):
            index.setdefault(key, set()).add(best)
    return clusters


def _compatible(speaker: str | None, f: Report, min_words: int) -> bool:
    """Same speaker, or one unknown: then only a substantive quote can borrow the other's speaker."""
    if speaker == f.speaker:
        return True
    return speaker is None or f.speaker is None and len(words(f.text)) >= max(min_words, BORROW_MIN_WORDS)


def one_spelling(speakers: Sequence[str], configured: Collection[str]) -> dict[str, str]:
    """Speaker names that spell one person differently across outlets ("Volodymyr Zelenskiy", "Volodymyr
    Zelensky", a one-off "Zelensy") -> one spelling: the configured one, else the full name most used."""
    counts = Counter(speakers)
    full = [n for n in counts if " " in n]
    group = {n: n for n in counts}
    by_first: dict[tuple[str, ...], list[str]] = {}  # only names with the same first names can be one person
    for name in full:
        by_first.setdefault(tuple(w.lower() for w in name.split()[:-1]), []).append(name)
    for same in by_first.values():
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                if not (a in configured and b in configured) and _spells_alike(a, b):
                    _join(group, a, b)
    for lone in (n for n in counts if " " not in n):  # one article left it bare: only a misspelling is lent one
        heads = {_head(group, f) for f in full if _surnames_alike(lone, f.split()[-1]) and lone != f.split()[-1]}
        if len(heads) == 1:
            _join(group, lone, heads.pop())
    members: dict[str, list[str]] = {}
    for name in counts:
        members.setdefault(_head(group, name), []).append(name)
    order = {n: i for i, n in enumerate(counts)}
    out = {}
    for names_ in members.values():  # ties: the spelling met first
        shown = max(names_, key=lambda n: (n in configured, " " in n, counts[n], -order[n]))
        out.update({n: shown for n in names_ if n != shown})
    return out


def _spells_alike(a: str, b: str) -> bool:
    """The same first names and a surname one letter apart ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy")."""
    *first_a, last_a = a.split()
    *first_b, last_b = b.split()
    return [w.lower() for w in first_a] == [w.lower() for w in first_b] and _surnames_alike(last_a, last_b)


def _surnames_alike(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or min(len(a), len(b)) >= FUZZY_MIN_LENGTH and misspells(a, b)


def _head(group: dict[str, str], name: str) -> str:
    while group[name] != name:
        name = group[name]
    return name


def _join(group: dict[str, str], a: str, b: str) -> None:
    group[_head(group, a)] = _head(group, b)
