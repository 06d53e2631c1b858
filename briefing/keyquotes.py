"""Key quotes: each quotation's weight, and the few a reader would pick, from every side.

A quote weighs by its length and substance, a known speaker, how many outlets carry it and the
story's key terms. The key ones are the heaviest, at most two per speaker while other speakers
remain, and one for each party whose people two or more outlets quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from briefing.attribution.merge import wording
from briefing.models import Quote
from briefing.names import Lexicon
from briefing.sentences import words

# Ranking: a quote this long (words / content words) gets the full length / substance credit.
FULL_LENGTH = 30
FULL_CONTENT = 12
SPEAKER_WEIGHT = 1.0
SUBSTANCE_WEIGHT = 0.5
CORROBORATION_WEIGHT = 0.25  # per extra outlet, up to three
KEYNESS_WEIGHT = 0.5
FRAGMENT_WEIGHT = 0.3  # quotes shorter than min_words keep this share of their score
# Unattributed quotes are key only when this many outlets carry them (two may share one wire copy).
STRONG_CORROBORATION = 3
# Key quotes from one speaker while other speakers' quotes remain: a briefing hears every side.
MAX_KEY_PER_SPEAKER = 2
# A party whose people this many outlets quote gets a key quote of its own.
PARTY_OUTLETS = 2
# Fragments of three words or fewer are never key, whatever min_words says.
MIN_KEY_WORDS = 4


@dataclass(frozen=True, slots=True)
class QuoteWeights:
    """What ranking needs from the whole corpus: document frequencies of content words."""

    df: Mapping[str, int]
    articles: int
    lexicon: Lexicon | None
    min_words: int

    def score(self, text: str, speaker: str | None, sources: int) -> float:
        """Length, substance, a known speaker, corroboration and the story's key terms."""
        count, content = len(words(text)), wording(text, self.lexicon).content
        keyness = (sum(self.df.get(w, 0) for w in content) / (len(content) * self.articles)
                   if content and self.articles else 0.0)
        score = (min(count, FULL_LENGTH) / FULL_LENGTH
                 + SUBSTANCE_WEIGHT * min(len(content), FULL_CONTENT) / FULL_CONTENT
                 + (SPEAKER_WEIGHT if speaker else 0.0)
                 + CORROBORATION_WEIGHT * min(sources - 1, 3) + KEYNESS_WEIGHT * keyness)
        return round(score * (FRAGMENT_WEIGHT if count < self.min_words else 1.0), 4)


def mark_key(quotes: list[Quote], key: int, min_words: int, parties: Mapping[str, str]) -> list[Quote]:
    """Flag the key quotes: each party quoted by two or more outlets gets its best one, then the top
    quotes by score, at most MAX_KEY_PER_SPEAKER from one speaker while other speakers remain."""
    eligible = [i for i, q in enumerate(quotes) if _eligible(q, min_words)]
    chosen = _party_picks(quotes, eligible, parties)[:key]
    for capped in (True, False):  # the cap holds while other speakers have eligible quotes left
        for i in eligible:
            if len(chosen) >= key:
                break
            same = sum(1 for c in chosen if quotes[c].speaker and quotes[c].speaker == quotes[i].speaker)
            if i not in chosen and not (capped and same >= MAX_KEY_PER_SPEAKER):
                chosen.append(i)
    return [replace(q, key=True) if i in chosen else q for i, q in enumerate(quotes)]


def _eligible(quote: Quote, min_words: int) -> bool:
    """Long enough (fragments never are) and attributed, or widely carried."""
    return len(words(quote.text)) >= max(min_words, MIN_KEY_WORDS) and (
        quote.speaker is not None or len(quote.sources) >= STRONG_CORROBORATION)


def _party_picks(quotes: Sequence[Quote], eligible: Sequence[int], parties: Mapping[str, str]) -> list[int]:
    """The best eligible quote of each party whose people two or more outlets quote."""
    outlets: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker is not None and q.speaker in parties:
            outlets.setdefault(parties[q.speaker], set()).update(q.sources)
    picks = []
    for party in sorted(p for p, found in outlets.items() if len(found) >= PARTY_OUTLETS):
        best = next((i for i in eligible if parties.get(quotes[i].speaker or "") == party), None)
        picks += [best] if best is not None else []
    return sorted(picks)
